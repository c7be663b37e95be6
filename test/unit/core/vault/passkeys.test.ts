import { beforeEach, describe, expect, it } from 'vitest';
import { createBackup, openBackup } from '../../../../src/core/backup';
import {
  changePassword,
  createVault,
  enrolPasskey,
  listPasskeys,
  newPrfSalt,
  passkeyChallenges,
  removePasskey,
  unlockVault,
  unlockWithPasskey,
  type VaultDb,
  VaultRecords,
} from '../../../../src/core/vault';
import { LIMITS } from '../../../../src/core/vault/limits';
import { expectCode, FAST_KDF, freshDb } from '../support';

const PASSWORD = 'passkey tests password';
let db: VaultDb;
let rawKey: Uint8Array;

beforeEach(async () => {
  ({ db } = await freshDb());
  rawKey = await createVault(db, PASSWORD, FAST_KDF);
});

const prf = () => crypto.getRandomValues(new Uint8Array(32));

async function enrol(credentialId = 'cred-1', name = 'YubiKey', prfOutput = prf()) {
  const view = await enrolPasskey(db, rawKey, {
    credentialId,
    name,
    prfOutput,
    prfSalt: newPrfSalt(),
    now: 5,
  });
  return { view, prfOutput };
}

describe('passkeys enrolled for a vault', () => {
  it('opens the vault with an enrolled passkey, and the password still opens it', async () => {
    const { view, prfOutput } = await enrol('cred-1', '  YubiKey  ');
    expect(view).toEqual({ credentialId: 'cred-1', name: 'YubiKey', createdAt: 5 });
    expect(await unlockWithPasskey(db, 'cred-1', prfOutput)).toEqual(rawKey);
    expect(await unlockVault(db, PASSWORD)).toEqual(rawKey);
  });

  it('lists each passkey with what the authenticator is asked to evaluate, and nothing secret', async () => {
    await enrol('cred-1', 'YubiKey');
    await enrol('cred-2', 'This laptop');
    expect((await listPasskeys(db)).map((p) => p.name)).toEqual(['YubiKey', 'This laptop']);
    const challenges = await passkeyChallenges(db);
    expect(challenges.map((c) => Object.keys(c).sort())).toEqual([
      ['credentialId', 'prfSalt'],
      ['credentialId', 'prfSalt'],
    ]);
  });

  it('refuses a passkey that is not enrolled, and another one’s PRF output, with PASSKEY_REFUSED', async () => {
    const { prfOutput } = await enrol('cred-1');
    await enrol('cred-2');
    await expectCode(unlockWithPasskey(db, 'cred-9', prfOutput), 'PASSKEY_REFUSED');
    await expectCode(unlockWithPasskey(db, 'cred-2', prfOutput), 'PASSKEY_REFUSED');
    await expectCode(unlockWithPasskey(db, 'not base64url!', prfOutput), 'PASSKEY_REFUSED');
  });

  it('refuses the same passkey twice, more than the limit, a bad name or id — and keeps what was there', async () => {
    await enrol('cred-1');
    await expectCode(enrol('cred-1'), 'DUPLICATE');
    for (let n = 2; n <= LIMITS.passkeys; n += 1) await enrol(`cred-${n}`);
    await expectCode(enrol('cred-extra'), 'INVALID_INPUT');
    expect(await listPasskeys(db)).toHaveLength(LIMITS.passkeys);
    await removePasskey(db, 'cred-1');
    await expectCode(enrol('cred-x', '   '), 'INVALID_INPUT');
    await expectCode(enrol('has spaces'), 'INVALID_INPUT');
    expect(await listPasskeys(db)).toHaveLength(LIMITS.passkeys - 1);
  });

  it('removing the last passkey leaves a password-only vault', async () => {
    const { prfOutput } = await enrol('cred-1');
    await removePasskey(db, 'cred-1');
    expect(await listPasskeys(db)).toEqual([]);
    await expectCode(unlockWithPasskey(db, 'cred-1', prfOutput), 'PASSKEY_REFUSED');
    await expectCode(removePasskey(db, 'cred-1'), 'NOT_FOUND');
    expect(await unlockVault(db, PASSWORD)).toEqual(rawKey);
  });

  it('keeps every wrap through a password change and a re-key', async () => {
    const { prfOutput } = await enrol('cred-1');
    await changePassword(db, PASSWORD, 'a new master password', FAST_KDF);
    expect(await unlockWithPasskey(db, 'cred-1', prfOutput)).toEqual(rawKey);
    await changePassword(db, 'a new master password', 'a new master password', 'pbkdf2-600k');
    expect(await unlockWithPasskey(db, 'cred-1', prfOutput)).toEqual(rawKey);
  });

  it('leaves every passkey out of a backup', async () => {
    await enrol('cred-PASSKEY-CANARY');
    const records = await VaultRecords.fromRawKey(db, rawKey);
    const { content } = await createBackup(records, 'backup password for test', FAST_KDF);
    const contents = await openBackup(content, 'backup password for test');
    expect(JSON.stringify(contents)).not.toContain('cred-PASSKEY-CANARY');
    expect(Object.keys(contents)).not.toContain('passkeys');
  });
});
