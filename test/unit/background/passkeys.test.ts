// Passkeys through the worker: enrolled after the master password, listed, asked for while
// locked, opening the vault with the PRF output alone; another passkey refused with its code and
// counted by the unlock throttle; removed, the password still opens it. Unlocked, a passkey's
// answer confirms what the master password confirms (a new destination, a reveal, a backup, an
// export), under the same throttle, and only a wrap of this vault's own key does.
import { describe, expect, it } from 'vitest';
import { openVaultDb } from '../../../src/core/vault';
import { KDF, worker } from '../support/worker';

const PASSWORD = 'correct horse';
const HOME = 'https://platform.ringcentral.com';
const MINUTE = 60_000;
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const random32 = () => base64(crypto.getRandomValues(new Uint8Array(32)));

async function vaultWithPasskey() {
  const w = worker();
  await w.call('vault.create', { password: PASSWORD, kdf: KDF });
  const prfSalt = random32();
  const prfOutput = random32();
  const enrolled = await w.call('passkeys.enrol', {
    credentialId: 'AbC-123_x',
    name: 'YubiKey',
    prfSalt,
    prfOutput,
    password: PASSWORD,
  });
  return { w, prfSalt, prfOutput, enrolled };
}

describe('passkeys in the worker', () => {
  it('enrols after the master password only, and refuses a wrong one without enrolling', async () => {
    const w = worker();
    await w.call('vault.create', { password: PASSWORD, kdf: KDF });
    const payload = { credentialId: 'k1', name: 'Key', prfSalt: random32(), prfOutput: random32() };
    expect(await w.send('passkeys.enrol', { ...payload, password: 'wrong' })).toMatchObject({
      error: { code: 'WRONG_PASSWORD' },
    });
    expect(await w.call('passkeys.list')).toEqual([]);
    expect(
      await w.send('passkeys.enrol', { ...payload, prfOutput: 'c2hvcnQ=', password: PASSWORD }),
    ).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('checks the master password alone before an authenticator is asked, under the throttle', async () => {
    const w = worker();
    await w.call('vault.create', { password: PASSWORD, kdf: KDF });
    expect(await w.call('vault.checkPassword', { password: PASSWORD })).toEqual({});
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await w.send('vault.checkPassword', { password: 'wrong' })).toMatchObject({
        error: { code: 'WRONG_PASSWORD' },
      });
    }
    expect(await w.send('vault.checkPassword', { password: PASSWORD })).toMatchObject({
      error: { code: 'THROTTLED' },
    });
    await w.call('vault.lock');
    w.advance(60 * MINUTE);
    expect(await w.send('vault.checkPassword', { password: PASSWORD })).toMatchObject({
      error: { code: 'LOCKED' },
    });
  });

  it('tells a locked popup what to ask the authenticator, and unlocks with the PRF output alone', async () => {
    const { w, prfSalt, prfOutput, enrolled } = await vaultWithPasskey();
    expect(enrolled).toMatchObject({ credentialId: 'AbC-123_x', name: 'YubiKey' });
    await w.call('vault.lock');
    // The locked status says a passkey can open it.
    expect(await w.call('vault.status')).toEqual({ state: 'locked', passkeys: 1 });
    expect(await w.call('passkeys.challenges')).toEqual([{ credentialId: 'AbC-123_x', prfSalt }]);
    expect(await w.send('passkeys.list')).toMatchObject({ error: { code: 'LOCKED' } });
    expect(await w.call('vault.unlockWithPasskey', { credentialId: 'AbC-123_x', prfOutput })).toMatchObject({
      state: 'unlocked',
    });
  });

  it('refuses another passkey with its code, and counts it with the wrong passwords', async () => {
    const { w } = await vaultWithPasskey();
    await w.call('vault.lock');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(
        await w.send('vault.unlockWithPasskey', { credentialId: 'AbC-123_x', prfOutput: random32() }),
      ).toMatchObject({ error: { code: 'PASSKEY_REFUSED' } });
    }
    expect(await w.send('vault.unlock', { password: PASSWORD })).toMatchObject({
      error: { code: 'THROTTLED' },
    });
    expect((await w.call('vault.status')).throttledUntil).toBeGreaterThan(0);
  });

  it('removed, the passkey opens nothing and the password still does', async () => {
    const { w, prfOutput } = await vaultWithPasskey();
    await w.call('passkeys.remove', { credentialId: 'AbC-123_x', password: PASSWORD });
    expect(await w.call('passkeys.list')).toEqual([]);
    await w.call('vault.lock');
    expect(await w.call('vault.status')).toEqual({ state: 'locked' });
    expect(await w.call('passkeys.challenges')).toEqual([]);
    expect(await w.send('vault.unlockWithPasskey', { credentialId: 'AbC-123_x', prfOutput })).toMatchObject({
      error: { code: 'PASSKEY_REFUSED' },
    });
    expect(await w.call('vault.unlock', { password: PASSWORD })).toMatchObject({ state: 'unlocked' });
  });

  it('confirms a new destination with the passkey once the grace period is over; a wrong answer writes nothing', async () => {
    const { w, prfOutput } = await vaultWithPasskey();
    const app = await w.call('apps.save', {
      app: { name: 'Billing', clientId: 'billing-id', clientSecret: 'billing secret', serverUrl: HOME },
    });
    w.advance(3 * MINUTE);
    const moved = {
      app: { id: app.id, name: 'Billing', clientId: 'billing-id', serverUrl: 'https://new.example.test' },
    };
    // The prompt's words offer the passkey, beside the new place.
    expect(await w.send('apps.save', moved)).toMatchObject({
      error: {
        code: 'CONFIRMATION_REQUIRED',
        message: expect.stringContaining('Confirm with a passkey or the master password.'),
      },
    });
    expect(
      await w.send('apps.save', { ...moved, passkey: { credentialId: 'AbC-123_x', prfOutput: random32() } }),
    ).toMatchObject({ error: { code: 'PASSKEY_REFUSED' } });
    expect((await w.call('apps.list'))[0].serverUrl).toBe(HOME);
    await w.call('apps.save', { ...moved, passkey: { credentialId: 'AbC-123_x', prfOutput } });
    expect((await w.call('apps.list'))[0].serverUrl).toBe('https://new.example.test');
    // It started a grace period, as the password does.
    expect(await w.call('apps.secret', { id: app.id })).toEqual({ clientSecret: 'billing secret' });
  });

  it('answers what asks every time (a backup) and counts refusals in the unlock throttle', async () => {
    const { w, prfOutput } = await vaultWithPasskey();
    const backupPassword = 'a long backup password';
    expect(await w.send('backup.create', { backupPassword, kdf: KDF })).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    const made = await w.call('backup.create', {
      backupPassword,
      kdf: KDF,
      passkey: { credentialId: 'AbC-123_x', prfOutput },
    });
    expect(made.content).not.toContain(prfOutput);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(
        await w.send('backup.create', {
          backupPassword,
          kdf: KDF,
          passkey: { credentialId: 'AbC-123_x', prfOutput: random32() },
        }),
      ).toMatchObject({ error: { code: 'PASSKEY_REFUSED' } });
    }
    expect(
      await w.send('backup.create', {
        backupPassword,
        kdf: KDF,
        passkey: { credentialId: 'AbC-123_x', prfOutput },
      }),
    ).toMatchObject({ error: { code: 'THROTTLED' } });
  });

  it('confirms nothing with a wrap planted in the database around another key', async () => {
    const { w } = await vaultWithPasskey();
    // A second vault's wrap, for a passkey of its own, copied into this one's store.
    const other = worker();
    await other.call('vault.create', { password: PASSWORD, kdf: KDF });
    const plantedOutput = random32();
    await other.call('passkeys.enrol', {
      credentialId: 'planted',
      name: 'Planted',
      prfSalt: random32(),
      prfOutput: plantedOutput,
      password: PASSWORD,
    });
    const wrap = await (await openVaultDb(other.shared.factory)).get('passkeys', 'planted');
    await (await openVaultDb(w.shared.factory)).put('passkeys', wrap!);
    expect(
      await w.send('backup.create', {
        backupPassword: 'a long backup password',
        kdf: KDF,
        passkey: { credentialId: 'planted', prfOutput: plantedOutput },
      }),
    ).toMatchObject({ error: { code: 'PASSKEY_REFUSED' } });
  });
});
