import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { base64url } from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCredentialViews } from '../../../src/background/credential-views';
import { createVault, openVaultDb, VaultRecords } from '../../../src/core/vault';
import type { RingCentralJwtCredential } from '../../../src/core/vault/model';
import type { CredentialView } from '../../../src/shared/messages';

const jwtInfo = (view: CredentialView | undefined) => (view && 'jwtInfo' in view ? view.jwtInfo : undefined);

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);
const part = (value: unknown) => base64url.encode(JSON.stringify(value));

function credential(
  id: string,
  expMs: number,
  overrides: Partial<RingCentralJwtCredential> = {},
): RingCentralJwtCredential {
  const jwt = `${part({ alg: 'RS256', kid: 'k1' })}.${part({ sub: `user-${id}`, exp: expMs / 1000 })}.c2ln`;
  return {
    id,
    kind: 'ringcentral-jwt',
    label: `Label ${id}`,
    jwt,
    allowed: { kind: 'organization' },
    notes: '',
    ...overrides,
  };
}

let records: VaultRecords;

beforeEach(async () => {
  const db = await openVaultDb(new IDBFactory(), 'views-test');
  records = await VaultRecords.fromRawKey(
    db,
    await createVault(db, 'views test password', 'argon2id-19m-t2'),
  );
});

describe('credential views kept while unlocked', () => {
  it('lists every credential without its JWT', async () => {
    await records.put('credentials', credential('cred-1', NOW + 100 * DAY_MS));
    const views = await createCredentialViews().list(records, NOW);
    expect(views).toEqual([
      {
        id: 'cred-1',
        kind: 'ringcentral-jwt',
        label: 'Label cred-1',
        allowed: { kind: 'organization' },
        notes: '',
        jwtInfo: {
          kid: 'k1',
          sub: 'user-cred-1',
          exp: (NOW + 100 * DAY_MS) / 1000,
          expired: false,
          expiresSoon: false,
        },
      },
    ]);
    expect(JSON.stringify(views)).not.toContain('c2ln');
  });

  it('names the credentials for the connections overview from the same kept views, a rename included', async () => {
    await records.put('credentials', credential('cred-1', NOW + 100 * DAY_MS));
    const views = createCredentialViews();
    const opened = vi.spyOn(records, 'list');
    await views.list(records, NOW);
    expect(await views.labels(records)).toEqual([{ id: 'cred-1', label: 'Label cred-1' }]);
    expect(opened).toHaveBeenCalledTimes(1);
    await records.put('credentials', credential('cred-1', NOW + 100 * DAY_MS, { label: 'Renamed' }));
    expect(await views.labels(records)).toEqual([{ id: 'cred-1', label: 'Renamed' }]);
  });

  it('opens the records once, then answers from what it kept until a credential is written', async () => {
    await records.put('credentials', credential('cred-1', NOW + 100 * DAY_MS));
    const views = createCredentialViews();
    const opened = vi.spyOn(records, 'list');
    await views.list(records, NOW);
    await views.list(records, NOW);
    expect(opened).toHaveBeenCalledTimes(1);

    await records.put('credentials', credential('cred-2', NOW + 100 * DAY_MS));
    expect((await views.list(records, NOW)).map((v) => v.id)).toEqual(['cred-1', 'cred-2']);
    await records.put('credentials', credential('cred-1', NOW + 100 * DAY_MS, { label: 'Renamed' }));
    expect((await views.list(records, NOW)).map((v) => v.label)).toEqual(['Renamed', 'Label cred-2']);
    await records.delete('credentials', 'cred-2');
    expect((await views.list(records, NOW)).map((v) => v.id)).toEqual(['cred-1']);
    expect(opened).toHaveBeenCalledTimes(4);
  });

  it('keeps its views through writes of other kinds, and starts over for other records', async () => {
    await records.put('credentials', credential('cred-1', NOW + 100 * DAY_MS));
    const views = createCredentialViews();
    await views.list(records, NOW);
    const opened = vi.spyOn(records, 'list');
    await records.putSettings({ ...(await records.getSettings()), autoLockMinutes: 5 });
    await views.list(records, NOW);
    expect(opened).not.toHaveBeenCalled();

    // Another data key (the vault locked and opened again) means new records: nothing is reused.
    const db = await openVaultDb(new IDBFactory(), 'another-vault');
    const reopened = await VaultRecords.fromRawKey(
      db,
      await createVault(db, 'views test password', 'argon2id-19m-t2'),
    );
    expect(await views.list(reopened, NOW)).toEqual([]);
  });

  it('forgets what it kept when cleared (the vault locking)', async () => {
    await records.put('credentials', credential('cred-1', NOW + 100 * DAY_MS));
    const views = createCredentialViews();
    await views.list(records, NOW);
    views.clear();
    const opened = vi.spyOn(records, 'list');
    await views.list(records, NOW);
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('does not keep what it was reading when the vault locked meanwhile', async () => {
    await records.put('credentials', credential('cred-1', NOW + 100 * DAY_MS));
    const views = createCredentialViews();
    const reading = views.list(records, NOW);
    views.clear();
    await reading;
    const opened = vi.spyOn(records, 'list');
    await views.list(records, NOW);
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('works the expiry warnings out at each read, not once', async () => {
    await records.put('credentials', credential('cred-1', NOW + 20 * DAY_MS));
    const views = createCredentialViews();
    expect(jwtInfo((await views.list(records, NOW))[0])).toMatchObject({
      expired: false,
      expiresSoon: false,
    });
    expect(jwtInfo((await views.list(records, NOW + 10 * DAY_MS))[0])).toMatchObject({
      expired: false,
      expiresSoon: true,
    });
    expect(jwtInfo((await views.list(records, NOW + 21 * DAY_MS))[0])).toMatchObject({
      expired: true,
      expiresSoon: false,
    });
  });
});
