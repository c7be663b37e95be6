// When the vault locks itself: the auto-lock alarm fired, or the system locked its screen
// (if the setting says so). Called from the worker's top-level listeners.
import type { IdleState } from '../platform/idle';
import { AUTO_LOCK_ALARM, type VaultSession } from './vault-session';

export async function onAutoLockAlarm(session: VaultSession, alarmName: string): Promise<void> {
  if (alarmName === AUTO_LOCK_ALARM) await session.lock();
}

export async function onSystemIdleState(session: VaultSession, state: IdleState): Promise<void> {
  if (state !== 'locked') return;
  const records = await session.peek();
  if (records && (await records.getSettings()).lockOnSystemLock) await session.lock();
}
