// idb checks requests against the global IDB classes: install them; each test gets its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { onAutoLockAlarm, onSystemIdleState } from '../../../src/background/auto-lock';
import { AUTO_LOCK_ALARM, createVaultSession, onlyVaultClock } from '../../../src/background/vault-session';
import { openVaultDb } from '../../../src/core/vault';
import { fakeAlarms, memoryArea } from '../support/memory-area';

async function unlockedSession(clock = { now: Date.now() }) {
  const factory = new IDBFactory();
  const alarms = fakeAlarms();
  const session = createVaultSession({
    db: () => openVaultDb(factory),
    session: memoryArea(),
    local: memoryArea(),
    alarms,
    now: () => clock.now,
  });
  await session.create('correct horse', 'pbkdf2-600k');
  return Object.assign(session, { alarms: alarms.alarms });
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
      activityLog: 'session',
      activityKeepDays: 30,
    });
    await onSystemIdleState(session, 'locked');
    expect((await session.status()).state).toBe('unlocked');

    await session.saveSettings({
      autoLockMinutes: 15,
      lockOnSystemLock: true,
      revokeOnLock: true,
      confirmGraceMinutes: 2,
      activityLog: 'session',
      activityKeepDays: 30,
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

  it('moves the lock time with each use of the vault, at most once a second', async () => {
    const clock = { now: 1_700_000_000_000 };
    const session = await unlockedSession(clock);
    const minutes = 15 * 60_000;
    expect(session.alarms.get(AUTO_LOCK_ALARM)).toBe(clock.now + minutes);

    // A popup's open uses the vault several times within milliseconds: one re-arm for them all.
    const opened = clock.now;
    clock.now += 400;
    await session.records();
    clock.now += 400;
    await session.records();
    expect(session.alarms.get(AUTO_LOCK_ALARM)).toBe(opened + minutes);
    expect((await session.status()).autoLockAt).toBe(opened + minutes);

    // A second after the last re-arm, the next use moves it again.
    clock.now = opened + 1000;
    await session.records();
    expect(session.alarms.get(AUTO_LOCK_ALARM)).toBe(clock.now + minutes);
    expect((await session.status()).autoLockAt).toBe(clock.now + minutes);
  });

  it('arms again at once after a lock and an unlock, and when the minutes change', async () => {
    const clock = { now: 1_700_000_000_000 };
    const session = await unlockedSession(clock);
    await session.lock();
    clock.now += 100;
    await session.unlock('correct horse');
    expect(session.alarms.get(AUTO_LOCK_ALARM)).toBe(clock.now + 15 * 60_000);

    clock.now += 100;
    const settings = await (await session.records()).getSettings();
    await session.saveSettings({ ...settings, autoLockMinutes: 5 });
    expect(session.alarms.get(AUTO_LOCK_ALARM)).toBe(clock.now + 5 * 60_000);
  });
});

describe('which session changes are only the vault clock', () => {
  it('is the lock time, the minutes and the confirmation stamp, alone', () => {
    expect(onlyVaultClock(['vault.autoLockAt'])).toBe(true);
    expect(onlyVaultClock(['vault.autoLockAt', 'vault.autoLockMinutes', 'vault.confirmed'])).toBe(true);
    // The data key (a lock or an unlock) and any token state change what pages show.
    expect(onlyVaultClock(['vault.autoLockAt', 'vault.dataKey'])).toBe(false);
    expect(onlyVaultClock(['token.k1'])).toBe(false);
    expect(onlyVaultClock([])).toBe(false);
  });
});
