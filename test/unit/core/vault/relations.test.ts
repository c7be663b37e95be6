import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVault, type VaultDb, VaultRecords } from '../../../../src/core/vault';
import { connectionNotAllowed, notAllowedMessage } from '../../../../src/core/vault/relations';
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

let db: VaultDb;
let records: VaultRecords;
let rawKey: Uint8Array;
let jwt: string;

beforeAll(async () => {
  ({ db } = await freshDb());
  rawKey = await createVault(db, 'relation tests password', FAST_KDF);
  jwt = await signedJwt();
});

beforeEach(async () => {
  for (const kind of ['connections', 'credentials', 'apps'] as const) await db.clear(kind);
  // Emptied around VaultRecords, whose kept relations assume every write goes through it: a
  // fresh one, as after an unlock.
  records = await VaultRecords.fromRawKey(db, rawKey);
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

  it('saves a credential narrowed away from a connected app; the connection is kept but not allowed', async () => {
    await records.put('credentials', sampleCredential(jwt));
    await records.put('connections', sampleConnection());
    const narrowed = sampleCredential(jwt, { allowed: { kind: 'specific', clientIds: ['client-bbb'] } });
    await records.put('credentials', narrowed);
    expect(ringCentral(await records.get('credentials', 'cred-1')).allowed).toEqual(narrowed.allowed);
    expect(await records.list('connections')).toHaveLength(1);
    const reason = connectionNotAllowed(narrowed, sampleApp());
    expect(reason).toEqual({
      credentialLabel: 'Sandbox admin',
      appName: 'Swagger tester',
      clientId: 'client-aaa',
    });
    expect(notAllowedMessage(reason!)).toContain(
      'no longer allows the app "Swagger tester" (client ID client-aaa)',
    );
    expect(
      connectionNotAllowed(narrowed, sampleApp({ id: 'app-2', clientId: 'client-bbb' })),
    ).toBeUndefined();
  });

  it('still refuses to save a connection through the app the credential no longer allows', async () => {
    await records.put('credentials', sampleCredential(jwt));
    await records.put('connections', sampleConnection());
    await records.put(
      'credentials',
      sampleCredential(jwt, { allowed: { kind: 'specific', clientIds: ['client-bbb'] } }),
    );
    await expectCode(records.put('connections', sampleConnection({ enabled: false })), 'NOT_ALLOWED');
    await expectCode(records.put('connections', sampleConnection({ id: 'conn-2' })), 'NOT_ALLOWED');
    // Moving it to an allowed app is the way out.
    await records.put('connections', sampleConnection({ appId: 'app-2' }));
  });

  it("saves an app whose new client ID leaves a credential's list; the connection is then not allowed", async () => {
    const credential = sampleCredential(jwt, { allowed: { kind: 'specific', clientIds: ['client-aaa'] } });
    await records.put('credentials', credential);
    await records.put('connections', sampleConnection());
    const moved = sampleApp({ clientId: 'client-zzz' });
    await records.put('apps', moved);
    expect(connectionNotAllowed(credential, moved)?.clientId).toBe('client-zzz');
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

describe('the relations kept between writes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('opens no stored record to check a run of saves through the same VaultRecords', async () => {
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    for (let i = 0; i < 20; i++) {
      await records.put('credentials', sampleCredential(jwt, { id: `cred-${i}`, label: `Account ${i}` }));
    }
    // The relations were read when the stores were empty (beforeEach) and kept up to date by
    // each save since: no check opens a record. Without them, save i would open 2 + i.
    expect(decrypt).not.toHaveBeenCalled();
    await expectCode(
      records.put('credentials', sampleCredential(jwt, { id: 'cred-x', label: 'ACCOUNT 7' })),
      'DUPLICATE',
    );
  });

  it('sees a write made through another VaultRecords of the same vault', async () => {
    const other = await VaultRecords.fromRawKey(db, rawKey);
    await records.put('credentials', sampleCredential(jwt));
    await other.put('credentials', sampleCredential(jwt, { id: 'cred-2', label: 'Written elsewhere' }));
    await expectCode(
      records.put('credentials', sampleCredential(jwt, { id: 'cred-3', label: 'Written elsewhere' })),
      'DUPLICATE',
    );
    await other.delete('credentials', 'cred-1');
    await expectCode(records.put('connections', sampleConnection()), 'NOT_FOUND');
  });

  it('keeps a deleted record out of the next check', async () => {
    await records.put('credentials', sampleCredential(jwt));
    await records.put('connections', sampleConnection());
    await expectCode(records.delete('apps', 'app-1'), 'IN_USE');
    await records.delete('connections', sampleConnection().id);
    await records.delete('apps', 'app-1');
    await expectCode(records.put('connections', sampleConnection()), 'NOT_FOUND');
  });
});
