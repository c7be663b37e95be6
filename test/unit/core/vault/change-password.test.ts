import { describe, expect, it } from 'vitest';
import {
  changePassword,
  createVault,
  openVaultDb,
  readHeader,
  unlockVault,
  type VaultDb,
  VaultRecords,
} from '../../../../src/core/vault';
import {
  expectCode,
  FAST_KDF,
  freshDb,
  hex,
  sampleApp,
  sampleConnection,
  sampleCredential,
  signedJwt,
} from '../support';

const OLD = 'old password, long enough';
const NEW = 'new password, also long';

async function vaultWithRecords() {
  const fresh = await freshDb();
  const rawKey = await createVault(fresh.db, OLD, FAST_KDF);
  const records = await VaultRecords.fromRawKey(fresh.db, rawKey);
  await records.put('apps', sampleApp());
  await records.put('credentials', sampleCredential(await signedJwt()));
  await records.put('connections', sampleConnection());
  const everything = {
    apps: await records.list('apps'),
    credentials: await records.list('credentials'),
    connections: await records.list('connections'),
  };
  return { ...fresh, rawKey, everything };
}

async function readEverything(db: VaultDb, password: string) {
  const records = await VaultRecords.fromRawKey(db, await unlockVault(db, password));
  return {
    apps: await records.list('apps'),
    credentials: await records.list('credentials'),
    connections: await records.list('connections'),
  };
}

type Tx = ReturnType<VaultDb['transaction']>;

/** Forwards everything to target, with `this` bound to it, except the overridden properties. */
function override<T extends object>(target: T, overrides: Record<PropertyKey, unknown>): T {
  return new Proxy(target, {
    get(inner, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property];
      const value = Reflect.get(inner, property, inner);
      return typeof value === 'function' ? value.bind(inner) : value;
    },
  });
}

/** The same database, except that readwrite transactions are handed to `sabotage` first. */
function withSabotage(db: VaultDb, sabotage: (tx: Tx) => Tx): VaultDb {
  return override(db, {
    transaction: (...args: Parameters<VaultDb['transaction']>) => {
      const tx = db.transaction(...args);
      return args[1] === 'readwrite' ? sabotage(tx) : tx;
    },
  });
}

describe('changing the master password', () => {
  it('opens every record with the new password and none with the old', async () => {
    const { db, rawKey, everything } = await vaultWithRecords();
    await changePassword(db, OLD, NEW);
    expect(await readEverything(db, NEW)).toEqual(everything);
    expect(hex(await unlockVault(db, NEW))).toBe(hex(rawKey));
    await expectCode(unlockVault(db, OLD), 'WRONG_PASSWORD');
  });

  it('keeps the KDF parameters with a new salt unless asked otherwise', async () => {
    const { db } = await vaultWithRecords();
    const before = await readHeader(db);
    await changePassword(db, OLD, NEW);
    const after = await readHeader(db);
    const { salt: saltBefore, ...paramsBefore } = before.kdf;
    const { salt: saltAfter, ...paramsAfter } = after.kdf;
    expect(paramsAfter).toEqual(paramsBefore);
    expect(hex(saltAfter)).not.toBe(hex(saltBefore));
    expect(after.createdAt).toBe(before.createdAt);
  });

  it('re-keys with new KDF parameters when asked', async () => {
    const { db, everything } = await vaultWithRecords();
    await changePassword(db, OLD, NEW, 'pbkdf2-600k');
    expect((await readHeader(db)).kdf).toMatchObject({ id: 'pbkdf2-sha256', iterations: 600_000 });
    expect(await readEverything(db, NEW)).toEqual(everything);
  });

  it('leaves the records untouched', async () => {
    const { db } = await vaultWithRecords();
    const before = await db.getAll('credentials');
    await changePassword(db, OLD, NEW);
    expect(await db.getAll('credentials')).toEqual(before);
  });

  it('refuses a wrong old password and changes nothing', async () => {
    const { db } = await vaultWithRecords();
    const before = await db.get('meta', 'header');
    await expectCode(changePassword(db, 'not the old one', NEW), 'WRONG_PASSWORD');
    expect(await db.get('meta', 'header')).toEqual(before);
  });

  it('refuses an empty new password and a KDF below the floor', async () => {
    const { db } = await vaultWithRecords();
    await expectCode(changePassword(db, OLD, ''), 'INVALID_INPUT');
    await expectCode(
      changePassword(db, OLD, NEW, { id: 'pbkdf2-sha256', iterations: 1000 }),
      'KDF_BELOW_FLOOR',
    );
    await unlockVault(db, OLD);
  });

  it('keeps the old password working when the header write is aborted', async () => {
    const { db, everything } = await vaultWithRecords();
    // The new header is put, then the transaction aborts before it commits.
    const failing = withSabotage(db, (tx) => {
      const store = tx.objectStore('meta');
      const put: typeof store.put = (...args) => {
        const request = store.put!(...args);
        tx.abort();
        return request;
      };
      return override(tx, { store: override(store, { put }), objectStore: () => override(store, { put }) });
    });
    await expect(changePassword(failing, OLD, NEW)).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readEverything(db, OLD)).toEqual(everything);
    await expectCode(unlockVault(db, NEW), 'WRONG_PASSWORD');
  });

  it('keeps the old password working when the database closes before the write', async () => {
    const { db, factory, name, everything } = await vaultWithRecords();
    const failing = override(db, {
      transaction: (...args: Parameters<VaultDb['transaction']>) => {
        if (args[1] === 'readwrite') db.close();
        return db.transaction(...args);
      },
    });
    await expect(changePassword(failing, OLD, NEW)).rejects.toMatchObject({ name: 'InvalidStateError' });
    const reopened = await openVaultDb(factory, name);
    expect(await readEverything(reopened, OLD)).toEqual(everything);
    await expectCode(unlockVault(reopened, NEW), 'WRONG_PASSWORD');
  });

  it('lets only one of two concurrent changes win, and that one is the password', async () => {
    const { db, everything } = await vaultWithRecords();
    const results = await Promise.allSettled([
      changePassword(db, OLD, 'winner or loser one'),
      changePassword(db, OLD, 'winner or loser two'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = results[0]!.status === 'fulfilled' ? 'winner or loser one' : 'winner or loser two';
    const loser = winner === 'winner or loser one' ? 'winner or loser two' : 'winner or loser one';
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    expect(await readEverything(db, winner)).toEqual(everything);
    await expectCode(unlockVault(db, loser), 'WRONG_PASSWORD');
  });
});
