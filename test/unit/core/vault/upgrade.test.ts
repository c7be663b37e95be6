// A vault written by the version before credential kinds (database version 2, records sealed as
// version 1) opens with the current code with every record intact, its credentials read as
// RingCentral JWTs; what is written again is written in the current version, and the rest still
// opens. The fixture is that version's own output (test/fixtures/vault-db-v2.json: the sealed
// records and header as it stored them), not something rebuilt by today's code.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openVaultDb, unlockVault, VaultRecords } from '../../../../src/core/vault';
import { DB_VERSION } from '../../../../src/core/vault/db';
import { RECORD_VERSION } from '../../../../src/core/vault/record-versions';

const FIXTURE = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../../../fixtures/vault-db-v2.json'), 'utf8'),
) as Record<string, unknown> & { dbVersion: number; password: string; jwt: string };

const STORES = ['apps', 'credentials', 'connections', 'settings', 'exports'] as const;

/** The fixture's `{bytes: base64}` values back to the Uint8Arrays that were stored. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    const { bytes } = value as { bytes?: unknown };
    if (typeof bytes === 'string') return new Uint8Array(Buffer.from(bytes, 'base64'));
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revive(inner)]));
  }
  return value;
}

/** The database exactly as that version left it: its stores, its header, its sealed records. */
async function writtenByVersionTwo(factory: IDBFactory, name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = factory.open(name, FIXTURE.dbVersion);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('meta');
      for (const store of STORES) request.result.createObjectStore(store, { keyPath: 'id' });
    };
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(['meta', ...STORES], 'readwrite');
      tx.objectStore('meta').put(revive(FIXTURE.meta), 'header');
      for (const store of STORES) {
        for (const record of revive(FIXTURE[store]) as unknown[]) tx.objectStore(store).put(record);
      }
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  });
}

async function openFixture() {
  const factory = new IDBFactory();
  await writtenByVersionTwo(factory, 'jwt-vault');
  const db = await openVaultDb(factory, 'jwt-vault');
  const records = await VaultRecords.fromRawKey(db, await unlockVault(db, FIXTURE.password));
  return { db, records };
}

describe('a vault written before credentials had kinds', () => {
  it('was written as database version 2 with records of version 1', () => {
    expect(FIXTURE.dbVersion).toBe(2);
    expect((FIXTURE.credentials as { v: number }[]).map((r) => r.v)).toEqual([1, 1]);
  });

  it('opens with the master password it had, every record intact', async () => {
    const { db, records } = await openFixture();
    expect(db.version).toBe(DB_VERSION);
    expect(await records.list('credentials')).toEqual([
      {
        id: 'cred-1',
        kind: 'ringcentral-jwt',
        label: 'Sandbox admin',
        jwt: FIXTURE.jwt,
        allowed: { kind: 'organization' },
        notes: 'Used by the nightly job.',
      },
      {
        id: 'cred-2',
        kind: 'ringcentral-jwt',
        label: 'Narrow user',
        jwt: FIXTURE.jwt,
        allowed: { kind: 'specific', clientIds: ['client-aaa'] },
        notes: '',
      },
    ]);
    expect(await records.list('apps')).toEqual([
      {
        id: 'app-1',
        name: 'Swagger tester',
        clientId: 'client-aaa',
        clientSecret: 'app secret value',
        serverUrl: 'https://platform.ringcentral.com',
        tokenPath: '/restapi/oauth/token',
        revokePath: '/restapi/oauth/revoke',
      },
      {
        id: 'app-2',
        name: 'Public client',
        clientId: 'client-bbb',
        serverUrl: 'https://platform.ringcentral.com',
        tokenPath: '/restapi/oauth/token',
        revokePath: '/restapi/oauth/revoke',
      },
    ]);
    expect(await records.list('connections')).toEqual([
      {
        id: 'conn-1',
        credentialId: 'cred-1',
        appId: 'app-1',
        apiBaseUrl: 'https://platform.ringcentral.com/restapi/',
        toolOrigins: ['http://localhost:3000'],
        enabled: true,
      },
    ]);
    expect(await records.getSettings()).toEqual({
      autoLockMinutes: 30,
      lockOnSystemLock: false,
      revokeOnLock: true,
      confirmGraceMinutes: 5,
      activityLog: 'session',
      activityKeepDays: 30,
    });
    expect(await records.list('exports')).toEqual([
      {
        id: 'exp-1',
        at: 1_750_000_000_000,
        credentialId: 'cred-1',
        credentialLabel: 'Sandbox admin',
        recipientClientId: 'client-aaa',
        protection: 'passphrase',
        expiresAt: 1_750_000_600_000,
      },
    ]);
  });

  it('writes an edited record in the current version, and still opens the others', async () => {
    const { db, records } = await openFixture();
    const [first] = await records.list('credentials');
    await records.put('credentials', { ...first!, notes: 'Edited after the upgrade.' });
    expect((await db.get('credentials', 'cred-1'))?.v).toBe(RECORD_VERSION);
    expect((await db.get('credentials', 'cred-2'))?.v).toBe(1);
    expect((await records.list('credentials')).map((c) => [c.id, c.kind, c.notes])).toEqual([
      ['cred-1', 'ringcentral-jwt', 'Edited after the upgrade.'],
      ['cred-2', 'ringcentral-jwt', ''],
    ]);
  });
});
