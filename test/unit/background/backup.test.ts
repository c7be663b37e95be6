// Backup and restore through the worker: only while unlocked, the master password asked again
// before a backup, restore into another vault, payload bounds.
import { describe, expect, it } from 'vitest';
import { jwtWith, KDF, worker } from '../support/worker';

const PASSWORD = 'correct horse';
const BACKUP_PASSWORD = 'backup passphrase';
const JWT = jwtWith('backup-canary');

async function vaultWithEntries() {
  const w = worker();
  await w.call('vault.create', { password: PASSWORD, kdf: KDF });
  const app = await w.call('apps.save', {
    app: {
      name: 'Billing',
      clientId: 'billing-id',
      clientSecret: 'billing secret',
      serverUrl: 'https://platform.ringcentral.com',
    },
  });
  const credential = await w.call('credentials.save', {
    credential: { label: 'Ops', jwt: JWT, allowed: { kind: 'organization' } },
  });
  await w.call('connections.save', {
    connection: {
      appId: app.id,
      credentialId: credential.id,
      apiBaseUrl: 'https://platform.ringcentral.com/restapi/',
      toolOrigins: ['http://localhost:3000'],
      enabled: true,
    },
  });
  await w.call('settings.save', {
    settings: {
      autoLockMinutes: 30,
      lockOnSystemLock: false,
      revokeOnLock: true,
      activityLog: 'kept',
      activityKeepDays: 7,
    },
  });
  return w;
}

async function backupOf(w: ReturnType<typeof worker>): Promise<string> {
  const made = await w.call('backup.create', {
    password: PASSWORD,
    backupPassword: BACKUP_PASSWORD,
    kdf: KDF,
  });
  return made.content as string;
}

describe('backup messages', () => {
  it('asks for the master password again before making a backup', async () => {
    const w = await vaultWithEntries();
    const reply = await w.send('backup.create', {
      password: 'wrong master',
      backupPassword: BACKUP_PASSWORD,
      kdf: KDF,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    const content = await backupOf(w);
    expect(content).not.toContain(JWT);
    expect(content).not.toContain('billing secret');
  });

  it('refuses every backup request while locked', async () => {
    const w = await vaultWithEntries();
    const content = await backupOf(w);
    await w.call('vault.lock');
    for (const [type, payload] of [
      ['backup.create', { password: PASSWORD, backupPassword: BACKUP_PASSWORD }],
      ['backup.preview', { content, password: BACKUP_PASSWORD }],
      ['backup.restore', { content, password: BACKUP_PASSWORD, onConflict: 'keep' }],
    ] as const) {
      expect(await w.send(type, payload)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
  });

  it('restores into another vault: records, secrets and settings come back', async () => {
    const content = await backupOf(await vaultWithEntries());
    const w = worker();
    await w.call('vault.create', { password: 'another master', kdf: KDF });
    expect(await w.call('backup.preview', { content, password: BACKUP_PASSWORD })).toMatchObject({
      conflicts: [],
      adds: [
        { kind: 'settings' },
        { kind: 'apps', label: 'Billing (billing-id)' },
        { kind: 'credentials', label: 'Ops' },
        { kind: 'connections' },
      ],
    });
    const summary = await w.call('backup.restore', {
      content,
      password: BACKUP_PASSWORD,
      onConflict: 'keep',
    });
    expect(summary.added).toHaveLength(4);
    expect(summary).not.toHaveProperty('connectionIds');
    expect(await w.call('settings.get')).toEqual({
      autoLockMinutes: 30,
      lockOnSystemLock: false,
      revokeOnLock: true,
      confirmGraceMinutes: 2,
      activityLog: 'kept',
      activityKeepDays: 7,
    });
    expect(await w.call('apps.list')).toEqual([
      expect.objectContaining({ clientId: 'billing-id', hasSecret: true }),
    ]);
    expect(await w.call('connections.list')).toHaveLength(1);
    // A wrong backup password changes nothing and is not the master password's throttle.
    const wrong = await w.send('backup.restore', { content, password: 'not it', onConflict: 'replace' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect((await w.call('vault.status')).throttledUntil).toBeUndefined();
  });

  it('checks the payload at the boundary', async () => {
    const w = await vaultWithEntries();
    const tooLarge = await w.send('backup.preview', {
      content: 'x'.repeat(5 * 1024 * 1024 + 1),
      password: 'p',
    });
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const badChoice = await w.send('backup.restore', { content: '{}', password: 'p', onConflict: 'merge' });
    expect(badChoice).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
