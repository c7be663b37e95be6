import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importDataKey } from '../../../../src/core/crypto/data-key';
import { createVault, type VaultDb, VaultRecords } from '../../../../src/core/vault';
import type { RecordKind } from '../../../../src/core/vault/model';
import { RECORD_VERSION } from '../../../../src/core/vault/record-versions';
import {
  expectCode,
  FAST_KDF,
  freshDb,
  sampleApp,
  sampleConnection,
  sampleCredential,
  signedJwt,
} from '../support';

// One vault for the file: each test starts from emptied record stores.
let db: VaultDb;
let records: VaultRecords;
let rawKey: Uint8Array;
let jwt: string;

beforeAll(async () => {
  ({ db } = await freshDb());
  rawKey = await createVault(db, 'record tests password', FAST_KDF);
  jwt = await signedJwt({ exp: 2_000_000_000 });
});

beforeEach(async () => {
  for (const kind of ['connections', 'credentials', 'apps'] as const) await db.clear(kind);
  // Emptied around VaultRecords, whose kept relations assume every write goes through it: a
  // fresh one, as after an unlock.
  records = await VaultRecords.fromRawKey(db, rawKey);
});

async function storeAll(): Promise<void> {
  await records.put('apps', sampleApp());
  await records.put('credentials', sampleCredential(jwt));
  await records.put('connections', sampleConnection());
}

/** Copies the stored (sealed) form of one record somewhere else, as an attacker with disk access could. */
async function copySealed(from: RecordKind, id: string, to: RecordKind, newId: string): Promise<void> {
  const sealed = await db.get(from, id);
  if (!sealed) throw new Error('nothing to copy');
  await db.put(to, { ...sealed, id: newId });
}

describe('sealed records', () => {
  it('round-trips every kind of record', async () => {
    await storeAll();
    expect(await records.get('apps', 'app-1')).toEqual(sampleApp());
    expect(await records.get('credentials', 'cred-1')).toEqual(sampleCredential(jwt));
    expect(await records.list('connections')).toEqual([sampleConnection()]);
  });

  it('returns the record as stored: names trimmed, URLs normalised, unknown fields dropped', async () => {
    const saved = await records.put('apps', {
      ...sampleApp({ name: '  Swagger tester ', serverUrl: 'https://Platform.RingCentral.com/' }),
      extra: 'dropped',
    } as never);
    expect(saved).toEqual(sampleApp());
    expect(await records.get('apps', 'app-1')).toEqual(sampleApp());
  });

  it('returns undefined for an absent record and for an id that cannot exist', async () => {
    expect(await records.get('apps', 'missing')).toBeUndefined();
    expect(await records.get('apps', '')).toBeUndefined();
    expect(await records.get('apps', 'has:colon')).toBeUndefined();
  });

  it('replaces a record put again under the same id', async () => {
    await records.put('apps', sampleApp());
    await records.put('apps', sampleApp({ name: 'Renamed' }));
    expect((await records.list('apps')).map((app) => app.name)).toEqual(['Renamed']);
  });

  it('stores ciphertext only', async () => {
    await storeAll();
    const stored = await db.get('credentials', 'cred-1');
    expect(Object.keys(stored ?? {}).sort()).toEqual(['ct', 'id', 'iv', 'v']);
    const text = Buffer.from(stored!.ct).toString('latin1');
    expect(text).not.toContain('Sandbox admin');
    expect(text).not.toContain(jwt.slice(0, 20));
  });

  it('rejects a record copied under another id', async () => {
    await records.put('apps', sampleApp());
    await copySealed('apps', 'app-1', 'apps', 'app-2');
    await expectCode(records.get('apps', 'app-2'), 'INTEGRITY');
    await expectCode(records.list('apps'), 'INTEGRITY');
  });

  it('rejects a record copied under another kind', async () => {
    await records.put('apps', sampleApp());
    await copySealed('apps', 'app-1', 'connections', 'app-1');
    await expectCode(records.get('connections', 'app-1'), 'INTEGRITY');
  });

  it('rejects records swapped between two ids', async () => {
    await records.put('apps', sampleApp());
    await records.put('apps', sampleApp({ id: 'app-2', clientId: 'client-bbb' }));
    const [a, b] = [await db.get('apps', 'app-1'), await db.get('apps', 'app-2')];
    await db.put('apps', { ...a!, id: 'app-2' });
    await db.put('apps', { ...b!, id: 'app-1' });
    await expectCode(records.get('apps', 'app-1'), 'INTEGRITY');
    await expectCode(records.get('apps', 'app-2'), 'INTEGRITY');
  });

  it('rejects a record with one flipped ciphertext bit', async () => {
    await records.put('apps', sampleApp());
    const stored = (await db.get('apps', 'app-1'))!;
    const ct = new Uint8Array(stored.ct);
    ct[3]! ^= 0x04;
    await db.put('apps', { ...stored, ct });
    await expectCode(records.get('apps', 'app-1'), 'INTEGRITY');
  });

  it('reports a record of an unknown version as unsupported', async () => {
    await records.put('apps', sampleApp());
    const stored = (await db.get('apps', 'app-1'))!;
    await db.put('apps', { ...stored, v: RECORD_VERSION + 1 });
    await expectCode(records.get('apps', 'app-1'), 'UNSUPPORTED_VERSION');
  });

  it('rejects a malformed stored record', async () => {
    await db.put('apps', { id: 'app-1', v: 1, iv: 'not bytes', ct: new Uint8Array(40) } as never);
    await expectCode(records.get('apps', 'app-1'), 'INTEGRITY');
  });

  it('opens nothing with another data key', async () => {
    await records.put('apps', sampleApp());
    const other = new VaultRecords(db, await importDataKey(crypto.getRandomValues(new Uint8Array(32))));
    await expectCode(other.get('apps', 'app-1'), 'INTEGRITY');
  });

  it('refuses a record without a valid id', async () => {
    await expectCode(records.put('apps', sampleApp({ id: '' })), 'INVALID_INPUT');
    await expectCode(records.put('apps', sampleApp({ id: 'a:b' })), 'INVALID_INPUT');
  });

  it('deletes a record, and reports one that does not exist', async () => {
    await records.put('apps', sampleApp());
    await records.delete('apps', 'app-1');
    expect(await records.get('apps', 'app-1')).toBeUndefined();
    await expectCode(records.delete('apps', 'app-1'), 'NOT_FOUND');
  });
});

describe('connections kept open', () => {
  /** Counts the stored records read, by kind: a kept list reads none. */
  function countReads() {
    const reads = new Map<string, number>();
    const getAll = db.getAll.bind(db);
    db.getAll = ((kind: RecordKind, ...rest: []) => {
      reads.set(kind, (reads.get(kind) ?? 0) + 1);
      return getAll(kind, ...rest);
    }) as typeof db.getAll;
    return { of: (kind: RecordKind) => reads.get(kind) ?? 0, stop: () => (db.getAll = getAll) };
  }

  it('reads the connections once until one is written, and hands out copies', async () => {
    await storeAll();
    const reads = countReads();
    try {
      const first = await records.list('connections');
      first[0]!.toolOrigins.push('https://changed.example');
      expect(await records.list('connections')).toEqual([sampleConnection()]);
      expect(reads.of('connections')).toBe(1);

      await records.put(
        'connections',
        sampleConnection({ id: 'conn-2', apiBaseUrl: 'https://api.example/' }),
      );
      expect((await records.list('connections')).map((c) => c.id)).toEqual(['conn-1', 'conn-2']);
      await records.delete('connections', 'conn-1');
      expect((await records.list('connections')).map((c) => c.id)).toEqual(['conn-2']);
      expect(reads.of('connections')).toBe(3);

      // A write through another VaultRecords on the same vault is seen too.
      const other = await VaultRecords.fromRawKey(db, rawKey);
      await other.put('connections', sampleConnection({ id: 'conn-3' }));
      expect((await records.list('connections')).map((c) => c.id)).toEqual(['conn-2', 'conn-3']);
    } finally {
      reads.stop();
    }
  });

  it('answers a connection from the kept list, a copy, and from the store once one was written', async () => {
    await storeAll();
    await records.list('connections');
    // Counted by hand: idb's proxy does not survive a spy.
    const get = db.get.bind(db);
    let opened = 0;
    db.get = ((...args: Parameters<typeof db.get>) => {
      opened += 1;
      return get(...args);
    }) as typeof db.get;
    try {
      const found = await records.get('connections', 'conn-1');
      expect(found).toEqual(sampleConnection());
      found!.toolOrigins.push('https://changed.example');
      expect(await records.get('connections', 'conn-1')).toEqual(sampleConnection());
      expect(opened).toBe(0);
      await records.put('connections', sampleConnection({ apiBaseUrl: 'https://moved.example/' }));
      expect((await records.get('connections', 'conn-1'))?.apiBaseUrl).toBe('https://moved.example/');
      expect(opened).toBe(1);
    } finally {
      db.get = get;
    }
  });

  it('opens apps and credentials, which hold secrets, at every read', async () => {
    await storeAll();
    const reads = countReads();
    try {
      await records.list('apps');
      await records.list('apps');
      await records.list('credentials');
      await records.list('credentials');
      expect([reads.of('apps'), reads.of('credentials')]).toEqual([2, 2]);
    } finally {
      reads.stop();
    }
  });

  it('reads again after a list that failed', async () => {
    await storeAll();
    await copySealed('apps', 'app-1', 'connections', 'conn-9');
    await expectCode(records.list('connections'), 'INTEGRITY');
    await db.delete('connections', 'conn-9');
    expect(await records.list('connections')).toEqual([sampleConnection()]);
  });
});

describe('settings', () => {
  it('saves and reads back settings', async () => {
    const saved = await records.putSettings({
      autoLockMinutes: 60,
      lockOnSystemLock: false,
      revokeOnLock: true,
      confirmGraceMinutes: 5,
      activityLog: 'kept',
      activityKeepDays: 7,
    });
    expect(saved).toEqual({
      autoLockMinutes: 60,
      lockOnSystemLock: false,
      revokeOnLock: true,
      confirmGraceMinutes: 5,
      activityLog: 'kept',
      activityKeepDays: 7,
    });
    expect(await records.getSettings()).toEqual(saved);
  });

  it('refuses invalid settings and leaves the saved ones', async () => {
    const before = await records.getSettings();
    await expectCode(
      records.putSettings({
        autoLockMinutes: 0,
        lockOnSystemLock: true,
        revokeOnLock: true,
        confirmGraceMinutes: 2,
        activityLog: 'session',
        activityKeepDays: 30,
      }),
      'INVALID_INPUT',
    );
    expect(await records.getSettings()).toEqual(before);
  });

  it('refuses to delete the settings', async () => {
    await expectCode(records.delete('settings', 'settings'), 'INVALID_INPUT');
  });
});
