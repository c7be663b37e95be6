import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BackupContents, previewRestore, restoreBackup, sealBackup } from '../../../../src/core/backup';
import { createVault, type VaultDb, VaultRecords } from '../../../../src/core/vault';
import { DEFAULT_SETTINGS } from '../../../../src/core/vault/model';
import {
  expectCode,
  FAST_KDF,
  freshDb,
  sampleApp,
  sampleConnection,
  sampleCredential,
  signedJwt,
} from '../support';

const PASSWORD = 'backup password 1';
const SETTINGS = {
  autoLockMinutes: 42,
  lockOnSystemLock: false,
  revokeOnLock: false,
  confirmGraceMinutes: 2,
  activityLog: 'off',
  activityKeepDays: 30,
} as const;
let jwt: string;
let otherJwt: string;
let backup: BackupContents;
let content: string;
let db: VaultDb;
let records: VaultRecords;

beforeAll(async () => {
  jwt = await signedJwt({ exp: 2_000_000_000 });
  otherJwt = await signedJwt({ exp: 2_100_000_000 }, 'key-2');
  backup = {
    apps: [sampleApp(), sampleApp({ id: 'app-2', clientId: 'client-bbb', name: 'Second' })],
    credentials: [sampleCredential(jwt), sampleCredential(jwt, { id: 'cred-2', label: 'Second user' })],
    connections: [
      sampleConnection(),
      sampleConnection({
        id: 'conn-2',
        credentialId: 'cred-2',
        appId: 'app-2',
        apiBaseUrl: 'https://api.example.test/v2/',
      }),
    ],
    settings: SETTINGS,
    exports: [],
  };
  ({ content } = await sealBackup(backup, PASSWORD, FAST_KDF));
});

beforeEach(async () => {
  ({ db } = await freshDb());
  records = await VaultRecords.fromRawKey(db, await createVault(db, 'vault password', FAST_KDF));
});

async function everything() {
  return {
    apps: await records.list('apps'),
    credentials: await records.list('credentials'),
    connections: await records.list('connections'),
    settings: await records.getSettings(),
  };
}

/** A vault that already holds its own "Sandbox admin" and an app with client ID client-aaa. */
async function existingEntries(): Promise<void> {
  await records.put('apps', sampleApp({ id: 'mine-app', name: 'My app', clientSecret: 'my secret' }));
  await records.put(
    'credentials',
    sampleCredential(otherJwt, { id: 'mine-cred', label: 'SANDBOX ADMIN', notes: 'mine' }),
  );
  await records.putSettings({ ...DEFAULT_SETTINGS, autoLockMinutes: 5 });
}

describe('restore', () => {
  it('brings everything back into an empty vault, settings included', async () => {
    expect(await previewRestore(records, content, PASSWORD)).toMatchObject({ conflicts: [], skipped: [] });
    const summary = await restoreBackup(records, content, PASSWORD, 'keep');
    expect(summary.added).toHaveLength(7);
    expect(summary.failed).toEqual([]);
    expect(summary.connectionIds.sort()).toEqual(['conn-1', 'conn-2']);
    expect(await everything()).toEqual({
      apps: [...backup.apps].sort((a, b) => a.id.localeCompare(b.id)),
      credentials: backup.credentials,
      connections: backup.connections,
      settings: SETTINGS,
    });
  });

  it('changes nothing on a wrong password or a damaged file', async () => {
    await existingEntries();
    const before = await everything();
    await expectCode(restoreBackup(records, content, 'wrong password!', 'replace'), 'WRONG_PASSWORD');
    const file = JSON.parse(content);
    file.ciphertext = `${file.ciphertext.slice(0, -8)}AAAAAAA=`;
    await expectCode(restoreBackup(records, JSON.stringify(file), PASSWORD, 'replace'), 'INTEGRITY');
    expect(await everything()).toEqual(before);
  });

  it('previews what a merge adds and where it meets duplicates', async () => {
    await existingEntries();
    const preview = await previewRestore(records, content, PASSWORD);
    expect(preview.conflicts).toEqual([
      { kind: 'settings', label: 'Settings', reason: 'other-settings', existingLabel: 'Settings' },
      {
        kind: 'apps',
        label: 'Swagger tester (client-aaa)',
        reason: 'same-client-id',
        existingLabel: 'My app (client-aaa)',
      },
      { kind: 'credentials', label: 'Sandbox admin', reason: 'same-label', existingLabel: 'SANDBOX ADMIN' },
    ]);
    expect(preview.adds.map((item) => item.label)).toEqual([
      'Second (client-bbb)',
      'Second user',
      'Sandbox admin → https://platform.ringcentral.com/restapi/',
      'Second user → https://api.example.test/v2/',
    ]);
  });

  it('merging keeps existing entries, skips duplicates and points connections at the kept ones', async () => {
    await existingEntries();
    const summary = await restoreBackup(records, content, PASSWORD, 'keep');
    expect(summary.kept.map((item) => item.kind)).toEqual(['settings', 'apps', 'credentials']);
    expect(summary.replaced).toEqual([]);
    const after = await everything();
    expect(after.settings.autoLockMinutes).toBe(5);
    expect(after.apps.find((a) => a.clientId === 'client-aaa')).toMatchObject({
      id: 'mine-app',
      name: 'My app',
      clientSecret: 'my secret',
    });
    expect(after.credentials.find((c) => c.id === 'mine-cred')).toMatchObject({
      jwt: otherJwt,
      notes: 'mine',
    });
    expect(after.credentials.map((c) => c.id).sort()).toEqual(['cred-2', 'mine-cred']);
    // The backup's first connection now runs on the vault's own app and credential.
    expect(after.connections.find((c) => c.id === 'conn-1')).toMatchObject({
      appId: 'mine-app',
      credentialId: 'mine-cred',
    });
    expect(after.connections.find((c) => c.id === 'conn-2')).toMatchObject({
      appId: 'app-2',
      credentialId: 'cred-2',
    });
  });

  it('restoring twice adds nothing the second time', async () => {
    await restoreBackup(records, content, PASSWORD, 'keep');
    const second = await restoreBackup(records, content, PASSWORD, 'keep');
    expect(second.added).toEqual([]);
    expect(second.kept).toHaveLength(6);
    expect(await records.list('apps')).toHaveLength(2);
  });

  it('"replace" overwrites the duplicates with the backup\'s, keeping the vault\'s ids', async () => {
    await existingEntries();
    await records.put(
      'connections',
      sampleConnection({ id: 'mine-conn', appId: 'mine-app', credentialId: 'mine-cred' }),
    );
    const summary = await restoreBackup(records, content, PASSWORD, 'replace');
    expect(summary.replaced.map((item) => item.kind)).toEqual([
      'settings',
      'apps',
      'credentials',
      'connections',
    ]);
    expect(summary.failed).toEqual([]);
    // The vault's connection used the replaced app and credential: it restarts too.
    expect(summary.connectionIds).toContain('mine-conn');
    const after = await everything();
    expect(after.settings).toEqual(SETTINGS);
    expect(after.apps.find((a) => a.id === 'mine-app')).toEqual({ ...sampleApp(), id: 'mine-app' });
    expect(after.credentials.find((c) => c.id === 'mine-cred')).toEqual({
      ...sampleCredential(jwt),
      id: 'mine-cred',
    });
    expect(after.connections.map((c) => c.id).sort()).toEqual(['conn-2', 'mine-conn']);
  });

  it('reports a connection the vault refuses and restores the rest', async () => {
    // The vault's "Sandbox admin" allows only another app: the backup's connection cannot use it.
    await records.put('apps', sampleApp({ id: 'mine-app', name: 'My app' }));
    await records.put(
      'credentials',
      sampleCredential(otherJwt, {
        id: 'mine-cred',
        allowed: { kind: 'specific', clientIds: ['client-zzz'] },
      }),
    );
    const summary = await restoreBackup(records, content, PASSWORD, 'keep');
    expect(summary.failed).toEqual([expect.objectContaining({ kind: 'connections', code: 'NOT_ALLOWED' })]);
    expect((await records.list('connections')).map((c) => c.id)).toEqual(['conn-2']);
  });

  it('skips a connection whose app is not in the backup', async () => {
    const orphan = { ...backup, apps: [backup.apps[1]!] };
    const { content: made } = await sealBackup(orphan, PASSWORD, FAST_KDF);
    const summary = await restoreBackup(records, made, PASSWORD, 'keep');
    expect(summary.skipped).toEqual([
      { kind: 'connections', label: 'Sandbox admin → https://platform.ringcentral.com/restapi/' },
    ]);
    expect((await records.list('connections')).map((c) => c.id)).toEqual(['conn-2']);
  });
});
