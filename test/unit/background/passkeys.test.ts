// Passkeys through the worker: enrolled after the master password, listed, asked for while
// locked, opening the vault with the PRF output alone; another passkey refused with its code and
// counted by the unlock throttle; removed, the password still opens it.
import { describe, expect, it } from 'vitest';
import { KDF, worker } from '../support/worker';

const PASSWORD = 'correct horse';
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
});
