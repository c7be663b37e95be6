// idb checks requests against the global IDB classes: install them; each test gets its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { onAutoLockAlarm, onSystemIdleState } from '../../../src/background/auto-lock';
import { AUTO_LOCK_ALARM, createVaultSession } from '../../../src/background/vault-session';
import { openVaultDb } from '../../../src/core/vault';
import { fakeAlarms, memoryArea } from '../support/memory-area';

async function unlockedSession() {
  const factory = new IDBFactory();
  const session = createVaultSession({
    db: () => openVaultDb(factory),
    session: memoryArea(),
    local: memoryArea(),
    alarms: fakeAlarms(),
  });
  await session.create('correct horse', 'pbkdf2-600k');
  return session;
}

describe('auto-lock', () => {
  it('locks when the auto-lock alarm fires, and ignores other alarms', async () => {
    const session = await unlockedSession();
    await onAutoLockAlarm(session, 'token:abc');
    expect((await session.status()).state).toBe('unlocked');
    await onAutoLockAlarm(session, AUTO_LOCK_ALARM);
    expect((await session.status()).state).toBe('locked');
  });

  it('locks when the system locks, unless the setting is off', async () => {
    const session = await unlockedSession();
    await onSystemIdleState(session, 'idle');
    expect((await session.status()).state).toBe('unlocked');

    await session.saveSettings({
      autoLockMinutes: 15,
      lockOnSystemLock: false,
      revokeOnLock: true,
      confirmGraceMinutes: 2,
    });
    await onSystemIdleState(session, 'locked');
    expect((await session.status()).state).toBe('unlocked');

    await session.saveSettings({
      autoLockMinutes: 15,
      lockOnSystemLock: true,
      revokeOnLock: true,
      confirmGraceMinutes: 2,
    });
    await onSystemIdleState(session, 'locked');
    expect((await session.status()).state).toBe('locked');
  });

  it('does nothing when the system locks while the vault is already locked', async () => {
    const session = await unlockedSession();
    await session.lock();
    await onSystemIdleState(session, 'locked');
    expect((await session.status()).state).toBe('locked');
  });
});
