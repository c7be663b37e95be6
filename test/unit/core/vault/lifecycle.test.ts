import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createVault,
  openVaultDb,
  readHeader,
  unlockVault,
  type VaultDb,
  VaultRecords,
  vaultExists,
} from '../../../../src/core/vault';
import { DEFAULT_SETTINGS } from '../../../../src/core/vault/model';
import { expectCode, FAST_KDF, freshDb, hex } from '../support';

const PASSWORD = 'correct horse battery staple';

describe('creating and unlocking a vault', () => {
  it('reports no vault until one is created', async () => {
    const { db } = await freshDb();
    expect(await vaultExists(db)).toBe(false);
    await createVault(db, PASSWORD, FAST_KDF);
    expect(await vaultExists(db)).toBe(true);
  });

  it('unlocks with the password to the same data key', async () => {
    const { db } = await freshDb();
    const created = await createVault(db, PASSWORD, FAST_KDF);
    expect(created).toHaveLength(32);
    expect(hex(await unlockVault(db, PASSWORD))).toBe(hex(created));
  });

  it('uses Argon2id 64 MiB t=3 p=4 when no KDF is chosen', async () => {
    const { db } = await freshDb();
    const created = await createVault(db, PASSWORD);
    const header = await readHeader(db);
    expect(header.kdf).toMatchObject({ id: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 4 });
    expect(header.kdf.salt).toHaveLength(16);
    expect(hex(await unlockVault(db, PASSWORD))).toBe(hex(created));
  });

  it('writes the default settings, sealed', async () => {
    const { db } = await freshDb();
    const records = await VaultRecords.fromRawKey(db, await createVault(db, PASSWORD, FAST_KDF));
    expect(await records.getSettings()).toEqual(DEFAULT_SETTINGS);
    const stored = await db.get('settings', 'settings');
    expect(Object.keys(stored ?? {}).sort()).toEqual(['ct', 'id', 'iv', 'v']);
  });

  it('refuses to create a second vault', async () => {
    const { db } = await freshDb();
    await createVault(db, PASSWORD, FAST_KDF);
    await expectCode(createVault(db, 'another password', FAST_KDF), 'ALREADY_INITIALIZED');
  });

  it('lets only one of two concurrent creations win', async () => {
    const { db } = await freshDb();
    const results = await Promise.allSettled([
      createVault(db, 'first password', FAST_KDF),
      createVault(db, 'second password', FAST_KDF),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'ALREADY_INITIALIZED' });
  });

  it('refuses to unlock when there is no vault', async () => {
    const { db } = await freshDb();
    await expectCode(unlockVault(db, PASSWORD), 'NOT_INITIALIZED');
  });

  it('refuses an empty password, an unknown preset and a KDF below the floor', async () => {
    const { db } = await freshDb();
    await expectCode(createVault(db, '', FAST_KDF), 'INVALID_INPUT');
    await expectCode(createVault(db, PASSWORD, 'argon2id-1m-t1'), 'INVALID_INPUT');
    await expectCode(
      createVault(db, PASSWORD, { id: 'pbkdf2-sha256', iterations: 100_000 }),
      'KDF_BELOW_FLOOR',
    );
    expect(await vaultExists(db)).toBe(false);
  });

  it('refuses a database written by a newer schema version', async () => {
    const factory = new IDBFactory();
    const request = factory.open('vault-newer', 99);
    await new Promise((resolve) => {
      request.onsuccess = () => {
        request.result.close();
        resolve(undefined);
      };
    });
    await expectCode(openVaultDb(factory, 'vault-newer'), 'UNSUPPORTED_VERSION');
  });
});

describe('unlocking a vault whose header is wrong', () => {
  let db: VaultDb;
  let header: Record<string, unknown>;

  beforeAll(async () => {
    ({ db } = await freshDb());
    await createVault(db, PASSWORD, FAST_KDF);
    header = (await db.get('meta', 'header')) as unknown as Record<string, unknown>;
  });

  /** Unlocks a copy of the vault whose header is replaced. */
  async function unlockWith(changed: unknown): Promise<Uint8Array> {
    const copy = (await freshDb()).db;
    await copy.put('meta', changed as never, 'header');
    return unlockVault(copy, PASSWORD);
  }

  it('refuses the wrong password', async () => {
    await expectCode(unlockVault(db, 'Correct horse battery staple'), 'WRONG_PASSWORD');
  });

  it('refuses a header below the KDF floor without deriving', async () => {
    const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits');
    try {
      const kdf = header.kdf as Record<string, unknown>;
      await expectCode(unlockWith({ ...header, kdf: { ...kdf, memoryKiB: 8_192 } }), 'KDF_BELOW_FLOOR');
      await expectCode(
        unlockWith({ ...header, kdf: { id: 'pbkdf2-sha256', iterations: 1_000, salt: kdf.salt } }),
        'KDF_BELOW_FLOOR',
      );
      expect(deriveBits).not.toHaveBeenCalled();
    } finally {
      deriveBits.mockRestore();
    }
  });

  it('refuses an unknown header format as an unsupported version', async () => {
    await expectCode(unlockWith({ ...header, format: 2 }), 'UNSUPPORTED_VERSION');
  });

  it('refuses an unknown KDF as an unsupported version', async () => {
    await expectCode(
      unlockWith({ ...header, kdf: { id: 'balloon', salt: new Uint8Array(16) } }),
      'UNSUPPORTED_VERSION',
    );
  });

  it.each([
    ['a string', () => 'header'],
    ['a missing format', () => ({ ...header, format: undefined })],
    ['a short salt', () => ({ ...header, kdf: { ...(header.kdf as object), salt: new Uint8Array(8) } })],
    [
      'a salt stored as text',
      () => ({ ...header, kdf: { ...(header.kdf as object), salt: 'AAAAAAAAAAAAAAAAAAAAAA' } }),
    ],
    ['a KDF field out of range', () => ({ ...header, kdf: { ...(header.kdf as object), parallelism: 0 } })],
    ['no wrapped key', () => ({ ...header, wrappedKey: undefined })],
    [
      'a truncated wrapped key',
      () => ({ ...header, wrappedKey: { ...(header.wrappedKey as object), ct: new Uint8Array(31) } }),
    ],
    ['no timestamps', () => ({ ...header, createdAt: 'yesterday' })],
  ])('refuses a malformed header (%s) as an integrity failure', async (_, make) => {
    await expectCode(unlockWith(make()), 'INTEGRITY');
  });

  it('reports a tampered wrapped key as a wrong password', async () => {
    const wrapped = header.wrappedKey as { iv: Uint8Array; ct: Uint8Array };
    const ct = new Uint8Array(wrapped.ct);
    ct[0]! ^= 1;
    await expectCode(unlockWith({ ...header, wrappedKey: { iv: wrapped.iv, ct } }), 'WRONG_PASSWORD');
  });
});
