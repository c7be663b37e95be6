// The vault's IndexedDB schema and how to open it. The IDBFactory is a parameter: the worker
// passes the global one, tests a fresh fake-indexeddb factory each. Imported by src/core/vault
// and the worker.
import { type DBSchema, type IDBPDatabase, wrap } from 'idb';
import type { PasskeyWrap } from '../crypto/passkey-wrap';
import { VaultError } from '../errors';
import type { SealedChunk } from './activity-history';
import type { VaultHeader } from './header';
import type { SealedRecord } from './sealed-record';

export const DEFAULT_DB_NAME = 'jwt-vault';
// 3: records are sealed as version 2 (credentials carry a kind); no store changed. The number
// moves so that an older extension, which cannot read them, refuses the database as a whole.
// 4: the kept activity log's store. 5: the passkeys' wraps of the data key.
export const DB_VERSION = 5;
export const HEADER_KEY = 'header';

export interface VaultSchema extends DBSchema {
  /** The header under the key 'header': KDF settings and the wrapped data key. */
  meta: { key: typeof HEADER_KEY; value: VaultHeader };
  apps: { key: string; value: SealedRecord };
  credentials: { key: string; value: SealedRecord };
  connections: { key: string; value: SealedRecord };
  settings: { key: string; value: SealedRecord };
  exports: { key: string; value: SealedRecord };
  /** The kept activity log, in sealed chunks under their first entry's number (activity-history.ts). */
  activity: { key: string; value: SealedChunk };
  /** The data key wrapped for each enrolled passkey, under its credential id (passkeys.ts). */
  passkeys: { key: string; value: PasskeyWrap };
}

export type VaultDb = IDBPDatabase<VaultSchema>;

function upgrade(db: VaultDb, oldVersion: number): void {
  // Each step names its stores: a later step must never recreate what an earlier one made.
  if (oldVersion < 1) {
    db.createObjectStore('meta');
    for (const kind of ['apps', 'credentials', 'connections', 'settings'] as const) {
      db.createObjectStore(kind, { keyPath: 'id' });
    }
  }
  if (oldVersion < 2) db.createObjectStore('exports', { keyPath: 'id' });
  if (oldVersion < 4) db.createObjectStore('activity', { keyPath: 'id' });
  if (oldVersion < 5) db.createObjectStore('passkeys', { keyPath: 'credentialId' });
}

/** idb's openDB always uses the global indexedDB; this is the same over a given factory. */
export async function openVaultDb(factory: IDBFactory, name: string = DEFAULT_DB_NAME): Promise<VaultDb> {
  const request = factory.open(name, DB_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    upgrade(wrap(request.result) as unknown as VaultDb, event.oldVersion);
  });
  let db: VaultDb;
  try {
    db = (await wrap(request)) as unknown as VaultDb;
  } catch (error) {
    // A newer extension version upgraded the database; this one cannot read it.
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new VaultError('UNSUPPORTED_VERSION', 'The vault database was written by a newer version.');
    }
    throw error;
  }
  // Let a newer version upgrade instead of being blocked by this connection.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

/**
 * Runs work inside tx and waits for the commit. On any failure the transaction is aborted, so
 * nothing of it is written. Work may await only requests of tx: awaiting anything else (WebCrypto
 * above all) lets the transaction commit early.
 */
export async function inTransaction<Tx extends { done: Promise<void>; abort(): void }, T>(
  tx: Tx,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the failed request.
    }
    await tx.done.catch(() => {});
    throw error;
  }
}
