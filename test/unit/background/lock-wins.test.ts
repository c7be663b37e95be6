// Lock wins over a key derivation in progress: it is answered while the derivation still runs,
// and an unlock, a confirmation, a creation or a backup preview that ends after it leaves the
// vault locked. Argon2id is held at a gate (the real derivation runs once the gate opens).
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createVaultSession } from '../../../src/background/vault-session';
import { sealBackup } from '../../../src/core/backup';
import { argon2idHere, useArgon2idRunner } from '../../../src/core/crypto/kdf';
import { openVaultDb } from '../../../src/core/vault';
import { DEFAULT_SETTINGS } from '../../../src/core/vault/model';
import { sampleApp } from '../core/support';
import { fakeAlarms, memoryArea } from '../support/memory-area';
import { worker } from '../support/worker';

const PASSWORD = 'a long master password';
const ARGON = 'argon2id-19m-t2';

/** Holds every Argon2id derivation until `open()`; `started` resolves when one is waiting. */
function gate() {
  let open!: () => void;
  let started!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const waiting = new Promise<void>((resolve) => {
    started = resolve;
  });
  useArgon2idRunner(async (job) => {
    started();
    await opened;
    return argon2idHere(job);
  });
  return { started: waiting, open };
}

/** The code `run` fails with, thrown or rejected. */
async function codeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

/** Resolves to whether `promise` settled before `other`. */
async function settlesFirst(promise: Promise<unknown>, other: Promise<unknown>): Promise<boolean> {
  const first = await Promise.race([promise.then(() => 'promise'), other.then(() => 'other')]);
  return first === 'promise';
}

function session() {
  const factory = new IDBFactory();
  return createVaultSession({
    db: () => openVaultDb(factory),
    session: memoryArea(),
    local: memoryArea(),
    alarms: fakeAlarms(),
  });
}

afterEach(() => useArgon2idRunner(argon2idHere));

describe('lock while a key derivation runs', () => {
  it('is answered before an unlock derives, and the unlock then fails LOCKED', async () => {
    const w = worker();
    await w.call('vault.create', { password: PASSWORD, kdf: ARGON });
    await w.call('vault.lock');
    const held = gate();
    const unlocking = w.send('vault.unlock', { password: PASSWORD });
    await held.started;
    const locking = w.send('vault.lock');
    expect(await settlesFirst(locking, unlocking)).toBe(true);
    expect(await locking).toMatchObject({ ok: true, value: { state: 'locked' } });
    held.open();
    expect(await unlocking).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await w.call('vault.status')).toMatchObject({ state: 'locked' });
    // The password was right: nothing counts toward the throttle, and the next unlock works.
    expect(await w.call('vault.unlock', { password: PASSWORD })).toMatchObject({ state: 'unlocked' });
  });

  it('leaves a confirmation that ends after it refused, the vault locked', async () => {
    const s = session();
    await s.create(PASSWORD, ARGON);
    const held = gate();
    const confirming = s.confirmPassword(PASSWORD);
    await held.started;
    await s.lock();
    held.open();
    await expect(confirming).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await s.status()).toMatchObject({ state: 'locked' });
  });

  it('leaves a vault created meanwhile created, and locked', async () => {
    const s = session();
    const held = gate();
    const creating = s.create(PASSWORD, ARGON);
    await held.started;
    await s.lock();
    held.open();
    await creating;
    expect(await s.status()).toMatchObject({ state: 'locked' });
    await s.unlock(PASSWORD);
    expect(await s.status()).toMatchObject({ state: 'unlocked' });
  });

  it('refuses a backup preview whose key was derived across it: the vault is not read', async () => {
    const w = worker();
    await w.call('vault.create', { password: PASSWORD, kdf: ARGON });
    const { content } = await sealBackup(
      {
        apps: [],
        credentials: [],
        connections: [],
        settings: DEFAULT_SETTINGS,
        exports: [],
      },
      'backup password 1',
      ARGON,
    );
    const held = gate();
    const previewing = w.send('backup.preview', { content, password: 'backup password 1' });
    await held.started;
    await w.call('vault.lock');
    held.open();
    expect(await previewing).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('stops records handed out before it', async () => {
    const s = session();
    await s.create(PASSWORD, ARGON);
    const records = await s.records();
    await s.lock();
    expect(await codeOf(() => records.list('apps'))).toBe('LOCKED');
    await s.unlock(PASSWORD);
    // Unlocking again does not revive them: each unlock hands out records of its own.
    expect(await codeOf(() => records.put('apps', sampleApp()))).toBe('LOCKED');
    expect(await (await s.records()).list('apps')).toEqual([]);
  });

  it('hands out the same records until the next lock, so what is kept per records stays kept', async () => {
    const s = session();
    await s.create(PASSWORD, ARGON);
    const first = await s.records();
    expect(await s.records()).toBe(first);
    await s.lock();
    await s.unlock(PASSWORD);
    expect(await s.records()).not.toBe(first);
  });
});
