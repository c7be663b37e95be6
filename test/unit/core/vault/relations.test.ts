import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVault, type VaultDb, VaultRecords } from '../../../../src/core/vault';
import {
  expectCode,
  FAST_KDF,
  freshDb,
  sampleApp,
  sampleConnection,
  sampleCredential,
  signedJwt,
} from '../support';

let db: VaultDb;
let records: VaultRecords;
let jwt: string;

beforeAll(async () => {
  ({ db } = await freshDb());
  records = await VaultRecords.fromRawKey(db, await createVault(db, 'relation tests password', FAST_KDF));
  jwt = await signedJwt();
});

beforeEach(async () => {
  for (const kind of ['connections', 'credentials', 'apps'] as const) await db.clear(kind);
  await records.put('apps', sampleApp());
  await records.put('apps', sampleApp({ id: 'app-2', name: 'Other tool', clientId: 'client-bbb' }));
});

describe('rules between records', () => {
  it('refuses a second app with the same client ID', async () => {
    await expectCode(records.put('apps', sampleApp({ id: 'app-3', name: 'Copy' })), 'DUPLICATE');
  });

  it('refuses a second credential with the same label, ignoring case', async () => {
    await records.put('credentials', sampleCredential(jwt));
    await expectCode(
      records.put('credentials', sampleCredential(jwt, { id: 'cred-2', label: 'SANDBOX ADMIN ' })),
      'DUPLICATE',
    );
  });

  it('refuses a connection to a credential or app that does not exist', async () => {
    await expectCode(records.put('connections', sampleConnection()), 'NOT_FOUND');
    await records.put('credentials', sampleCredential(jwt));
    await expectCode(records.put('connections', sampleConnection({ appId: 'app-9' })), 'NOT_FOUND');
  });

  it('lets an organization credential connect through every app of the vault', async () => {
    await records.put('credentials', sampleCredential(jwt));
    await records.put('connections', sampleConnection());
    await records.put(
      'connections',
      sampleConnection({ id: 'conn-2', appId: 'app-2', toolOrigins: ['https://tool.example'] }),
    );
    expect(await records.list('connections')).toHaveLength(2);
  });

  it('refuses a connection through an app the credential does not list', async () => {
    await records.put(
      'credentials',
      sampleCredential(jwt, { allowed: { kind: 'specific', clientIds: ['client-bbb'] } }),
    );
    await expectCode(records.put('connections', sampleConnection({ appId: 'app-1' })), 'NOT_ALLOWED');
    await records.put('connections', sampleConnection({ appId: 'app-2' }));
  });

  it('refuses to narrow a credential so that a connection loses its app', async () => {
    await records.put('credentials', sampleCredential(jwt));
    await records.put('connections', sampleConnection());
    await expectCode(
      records.put(
        'credentials',
        sampleCredential(jwt, { allowed: { kind: 'specific', clientIds: ['client-bbb'] } }),
      ),
      'NOT_ALLOWED',
    );
  });

  it("refuses to change an app's client ID out of a credential's list while connected", async () => {
    await records.put(
      'credentials',
      sampleCredential(jwt, { allowed: { kind: 'specific', clientIds: ['client-aaa'] } }),
    );
    await records.put('connections', sampleConnection());
    await expectCode(records.put('apps', sampleApp({ clientId: 'client-zzz' })), 'NOT_ALLOWED');
  });

  it('refuses two connections into the same API for the same tool origin', async () => {
    await records.put('credentials', sampleCredential(jwt));
    await records.put('connections', sampleConnection());
    await expectCode(
      records.put(
        'connections',
        sampleConnection({ id: 'conn-2', appId: 'app-2', toolOrigins: ['http://localhost:3000'] }),
      ),
      'DUPLICATE',
    );
  });

  it('refuses to delete an app or credential a connection uses, and allows it after', async () => {
    await records.put('credentials', sampleCredential(jwt));
    await records.put('connections', sampleConnection());
    await expectCode(records.delete('apps', 'app-1'), 'IN_USE');
    await expectCode(records.delete('credentials', 'cred-1'), 'IN_USE');
    await records.delete('connections', 'conn-1');
    await records.delete('apps', 'app-1');
    await records.delete('credentials', 'cred-1');
    expect(await records.list('apps')).toHaveLength(1);
  });

  it('serialises concurrent writes so both cannot pass the duplicate check', async () => {
    const results = await Promise.allSettled([
      records.put('apps', sampleApp({ id: 'app-3', clientId: 'client-new' })),
      records.put('apps', sampleApp({ id: 'app-4', clientId: 'client-new' })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});
