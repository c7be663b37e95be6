import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openVaultDb } from '../../../../src/core/vault';
import { DB_VERSION } from '../../../../src/core/vault/db';

/** A database exactly as version 1 of the extension left it, holding one sealed app. */
async function versionOneDb(factory: IDBFactory, name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('meta');
      for (const kind of ['apps', 'credentials', 'connections', 'settings']) {
        db.createObjectStore(kind, { keyPath: 'id' });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('apps', 'readwrite');
      tx.objectStore('apps').put({ id: 'kept', v: 1, iv: new Uint8Array(12), ct: new Uint8Array(16) });
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  });
}

describe('vault database', () => {
  it('upgrades a version 1 database: adds the export log and keeps every record', async () => {
    const factory = new IDBFactory();
    await versionOneDb(factory, 'upgrade-test');
    const db = await openVaultDb(factory, 'upgrade-test');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('exports');
    expect([...db.objectStoreNames]).toContain('activity');
    expect(await db.getAllKeys('apps')).toEqual(['kept']);
    db.close();
  });

  it('creates every store in a new database', async () => {
    const db = await openVaultDb(new IDBFactory(), 'new-db');
    expect([...db.objectStoreNames].sort()).toEqual(
      ['activity', 'apps', 'connections', 'credentials', 'exports', 'meta', 'passkeys', 'settings'].sort(),
    );
    db.close();
  });
});
