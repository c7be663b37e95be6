import { beforeAll, describe, expect, it } from 'vitest';
import { type BackupContents, openBackup, sealBackup } from '../../../../src/core/backup';
import { createBackup } from '../../../../src/core/backup/create-backup';
import { createVault, VaultRecords } from '../../../../src/core/vault';
import { DEFAULT_SETTINGS } from '../../../../src/core/vault/model';
import {
  expectCode,
  FAST_KDF,
  freshDb,
  ringCentral,
  sampleApp,
  sampleConnection,
  sampleCredential,
  signedJwt,
} from '../support';

const PASSWORD = 'backup password 1';
let contents: BackupContents;
let content: string;

beforeAll(async () => {
  contents = {
    apps: [sampleApp()],
    credentials: [sampleCredential(await signedJwt({ exp: 2_000_000_000 }))],
    connections: [sampleConnection()],
    settings: {
      autoLockMinutes: 42,
      lockOnSystemLock: false,
      revokeOnLock: false,
      confirmGraceMinutes: 2,
      activityLog: 'kept',
      activityKeepDays: 7,
    },
    exports: [
      {
        id: 'export-1',
        at: 1_700_000_000_000,
        credentialId: 'cred-1',
        credentialLabel: 'Sandbox admin',
        recipientClientId: 'client-aaa',
        protection: 'passphrase',
        expiresAt: 1_700_086_400_000,
      },
    ],
  };
  ({ content } = await sealBackup(contents, PASSWORD, FAST_KDF));
});

/** The file with some fields changed, as someone editing it by hand would. */
function edited(fields: Record<string, unknown>, kdf: Record<string, unknown> = {}): string {
  const file = { ...(JSON.parse(content) as Record<string, unknown>), ...fields };
  return JSON.stringify({ ...file, kdf: { ...(file.kdf as object), ...kdf } });
}

/** The value of one field of the file. */
function field(name: string): string {
  return (JSON.parse(content) as Record<string, string>)[name]!;
}

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0]! ^= 0x01;
  return bytes.toString('base64');
}

describe('backup file', () => {
  it('round-trips every record kind, secrets included', async () => {
    expect(await openBackup(content, PASSWORD)).toEqual(contents);
  });

  it('writes a versioned JSON envelope with the KDF, its salt and a verifier, and no plaintext', () => {
    const file = JSON.parse(content);
    expect(file).toMatchObject({
      format: 'jwt-vault-backup',
      version: 1,
      kdf: { id: 'argon2id', memoryKiB: 19_456, iterations: 2, parallelism: 1 },
    });
    expect(Buffer.from(file.kdf.salt, 'base64').length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(file.verifier, 'base64').length).toBe(32);
    expect(content).not.toContain('app secret value');
    expect(content).not.toContain(ringCentral(contents.credentials[0]).jwt);
  });

  it('uses the default preset when none is chosen', async () => {
    const { content: made } = await sealBackup(contents, PASSWORD);
    expect(JSON.parse(made).kdf).toMatchObject({ id: 'argon2id', memoryKiB: 65_536, iterations: 3 });
  });

  it('refuses a short backup password before deriving', async () => {
    await expectCode(sealBackup(contents, 'short', FAST_KDF), 'INVALID_INPUT');
  });

  it('tells a wrong password (WRONG_PASSWORD) from a changed ciphertext (INTEGRITY)', async () => {
    await expectCode(openBackup(content, 'not the backup password'), 'WRONG_PASSWORD');
    const tampered = edited({ ciphertext: flipFirstByte(field('ciphertext')) });
    await expectCode(openBackup(tampered, PASSWORD), 'INTEGRITY');
  });

  it('binds the header: a changed date or IV fails integrity with the right password', async () => {
    const createdAt = (JSON.parse(content) as { createdAt: number }).createdAt;
    await expectCode(openBackup(edited({ createdAt: createdAt + 1 }), PASSWORD), 'INTEGRITY');
    await expectCode(openBackup(edited({ iv: flipFirstByte(field('iv')) }), PASSWORD), 'INTEGRITY');
  });

  it('reports a damaged field as INTEGRITY before deriving anything', async () => {
    await expectCode(openBackup(edited({ verifier: 'AAAA' }), PASSWORD), 'INTEGRITY');
    await expectCode(openBackup(edited({ ciphertext: 'not base64!' }), PASSWORD), 'INTEGRITY');
    await expectCode(openBackup(edited({}, { salt: 'AAAA' }), PASSWORD), 'INTEGRITY');
    await expectCode(openBackup(edited({}, { memoryKiB: 'lots' }), PASSWORD), 'INTEGRITY');
  });

  it('refuses what is not a backup, and an unknown version or KDF', async () => {
    await expectCode(openBackup('not json at all', PASSWORD), 'INVALID_INPUT');
    await expectCode(openBackup('{"format":"something-else"}', PASSWORD), 'INVALID_INPUT');
    await expectCode(openBackup('[]', PASSWORD), 'INVALID_INPUT');
    await expectCode(openBackup(edited({ version: 2 }), PASSWORD), 'UNSUPPORTED_VERSION');
    await expectCode(openBackup(edited({ version: '1' }), PASSWORD), 'UNSUPPORTED_VERSION');
    await expectCode(openBackup(edited({}, { id: 'scrypt' }), PASSWORD), 'UNSUPPORTED_VERSION');
  });

  it('refuses KDF parameters below the floor without deriving', async () => {
    await expectCode(
      openBackup(edited({}, { memoryKiB: 1_024, iterations: 1 }), PASSWORD),
      'KDF_BELOW_FLOOR',
    );
    const pbkdf2 = edited({
      kdf: { id: 'pbkdf2-sha256', iterations: 1_000, salt: field('iv') + field('iv') },
    });
    await expectCode(openBackup(pbkdf2, PASSWORD), 'KDF_BELOW_FLOOR');
  });

  it('refuses a file larger than the bound', async () => {
    await expectCode(openBackup(' '.repeat(5 * 1024 * 1024 + 1), PASSWORD), 'INVALID_INPUT');
  });

  it('backs up a whole vault read through its records', async () => {
    const { db } = await freshDb();
    const records = await VaultRecords.fromRawKey(db, await createVault(db, 'vault password', FAST_KDF));
    await records.put('apps', contents.apps[0]!);
    await records.put('credentials', contents.credentials[0]!);
    await records.put('connections', contents.connections[0]!);
    const made = await createBackup(records, PASSWORD, FAST_KDF);
    expect(made.fileName).toMatch(/^jwt-vault-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(await openBackup(made.content, PASSWORD)).toEqual({
      ...contents,
      settings: DEFAULT_SETTINGS,
      exports: [],
    });
  });
});
