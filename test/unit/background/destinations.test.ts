// The worker's gate on confirmed destinations: a change that would send a stored secret
// somewhere new, and Reveal/Copy of a client secret, need the master password (under the unlock
// throttle) or a confirmation within the grace period — checked before anything is written or
// sent. Creating and unlocking count as a confirmation; locking ends it.
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../src/core/tokens';
import { jwtWith, KDF, worker } from '../support/worker';

const PASSWORD = 'correct horse';
const HOME = 'https://platform.ringcentral.com';
const EVIL = 'https://evil.example.test';
const MINUTE = 60_000;
const PAST_GRACE = 2 * MINUTE + 1;

/** A network that records every URL asked for and answers none. */
function recordingNetwork() {
  const urls: string[] = [];
  const fetch: FetchLike = async (input) => {
    urls.push(String(input));
    throw new TypeError('offline');
  };
  return { urls, fetch, to: (origin: string) => urls.filter((url) => url.startsWith(origin)) };
}

async function vaultWithConnection() {
  const network = recordingNetwork();
  const w = worker(undefined, network);
  await w.call('vault.create', { password: PASSWORD, kdf: KDF });
  const app = await w.call('apps.save', {
    app: { name: 'Billing', clientId: 'billing-id', clientSecret: 'billing secret', serverUrl: HOME },
  });
  const credential = await w.call('credentials.save', {
    credential: { label: 'Ops', jwt: jwtWith('gate'), allowed: { kind: 'organization' } },
  });
  const connection = {
    appId: app.id,
    credentialId: credential.id,
    apiBaseUrl: `${HOME}/restapi/`,
    toolOrigins: ['http://localhost:3000'],
    enabled: true,
  };
  const saved = await w.call('connections.save', { connection });
  return { w, network, app, credential, connection: { ...connection, id: saved.id } };
}

function moved(app: { id: string }, serverUrl = EVIL) {
  return { app: { id: app.id, name: 'Billing', clientId: 'billing-id', serverUrl } };
}

describe('confirmed destinations in the worker', () => {
  it("refuses an app's new server without a fresh confirmation, and writes and sends nothing", async () => {
    const { w, network, app } = await vaultWithConnection();
    w.advance(PAST_GRACE);
    const reply = await w.send('apps.save', moved(app));
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    // The prompt names the new place, and no secret.
    const message = reply.ok ? '' : reply.error.message;
    expect(message).toContain(EVIL);
    expect(message).not.toContain('billing secret');
    expect((await w.call('apps.list'))[0].serverUrl).toBe(HOME);
    await w.call('connections.status');
    expect(network.to(EVIL)).toEqual([]);
  });

  it('saves it with the master password, and restarts the connection towards the new server', async () => {
    const { w, network, app } = await vaultWithConnection();
    w.advance(PAST_GRACE);
    await w.call('apps.save', { ...moved(app), password: PASSWORD });
    expect((await w.call('apps.list'))[0].serverUrl).toBe(EVIL);
    await expect.poll(() => network.to(EVIL)).toEqual([`${EVIL}/restapi/oauth/token`]);
  });

  it('counts a wrong password toward the unlock throttle', async () => {
    const { w, app } = await vaultWithConnection();
    w.advance(PAST_GRACE);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await w.send('apps.save', { ...moved(app), password: 'wrong' })).toMatchObject({
        error: { code: 'WRONG_PASSWORD' },
      });
    }
    // Throttled now, even with the right password: the confirmation is no way round the delay.
    expect(await w.send('apps.save', { ...moved(app), password: PASSWORD })).toMatchObject({
      error: { code: 'THROTTLED' },
    });
    await w.call('vault.lock');
    expect(await w.send('vault.unlock', { password: PASSWORD })).toMatchObject({
      error: { code: 'THROTTLED' },
    });
    expect((await w.call('vault.status')).throttledUntil).toBeGreaterThan(0);
  });

  it('lets a confirmation cover the next sensitive actions for the grace period, and no longer', async () => {
    const { w, app } = await vaultWithConnection();
    w.advance(PAST_GRACE);
    expect(await w.send('apps.secret', { id: app.id })).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    expect(await w.call('apps.secret', { id: app.id, password: PASSWORD })).toEqual({
      clientSecret: 'billing secret',
    });
    w.advance(MINUTE);
    expect(await w.call('apps.secret', { id: app.id })).toEqual({ clientSecret: 'billing secret' });
    await w.call('apps.save', moved(app));
    w.advance(MINUTE + 1);
    expect(await w.send('apps.secret', { id: app.id })).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
  });

  it('counts creating and unlocking the vault as a confirmation, and ends it on lock', async () => {
    const { w, app } = await vaultWithConnection();
    // Set-up right after creating the vault asked for nothing (vaultWithConnection), nor does this.
    expect(await w.call('apps.secret', { id: app.id })).toEqual({ clientSecret: 'billing secret' });
    await w.call('vault.lock');
    await expect(w.shared.session.get('vault.confirmed')).resolves.toBeUndefined();
    await w.call('vault.unlock', { password: PASSWORD });
    expect(await w.call('apps.secret', { id: app.id })).toEqual({ clientSecret: 'billing secret' });
  });

  it('asks every time with a grace period of 0', async () => {
    const { w, app } = await vaultWithConnection();
    const settings = await w.call('settings.get');
    await w.call('settings.save', { settings: { ...settings, confirmGraceMinutes: 0 } });
    expect(await w.send('apps.secret', { id: app.id })).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    await w.call('apps.secret', { id: app.id, password: PASSWORD });
    expect(await w.send('apps.secret', { id: app.id })).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
  });

  it('does not reopen an ended grace period when the setting is raised', async () => {
    const { w, app } = await vaultWithConnection();
    w.advance(PAST_GRACE);
    const settings = await w.call('settings.get');
    await w.call('settings.save', { settings: { ...settings, confirmGraceMinutes: 60 } });
    expect(await w.send('apps.secret', { id: app.id })).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
  });

  it("refuses a connection's new API origin, but not a new path on the same origin", async () => {
    const { w, network, connection } = await vaultWithConnection();
    w.advance(PAST_GRACE);
    const elsewhere = { ...connection, apiBaseUrl: `${EVIL}/restapi/` };
    expect(await w.send('connections.save', { connection: elsewhere })).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    expect((await w.call('connections.list'))[0].apiBaseUrl).toBe(`${HOME}/restapi/`);
    expect(await w.send('connections.test', { id: connection.id })).toMatchObject({ ok: false });
    expect(network.to(EVIL)).toEqual([]);
    await w.call('connections.save', { connection: { ...connection, apiBaseUrl: `${HOME}/other/` } });
    await w.call('connections.save', { connection: elsewhere, password: PASSWORD });
    expect((await w.call('connections.list'))[0].apiBaseUrl).toBe(`${EVIL}/restapi/`);
  });

  it('refuses a connection through an app on another server for an "all apps" credential', async () => {
    const { w, network, connection } = await vaultWithConnection();
    w.advance(PAST_GRACE);
    // Registering the app sends nothing stored: its secret is the one typed now.
    const other = await w.call('apps.save', {
      app: { name: 'Other', clientId: 'other-id', clientSecret: 'other secret', serverUrl: EVIL },
    });
    const through = { ...connection, id: undefined, appId: other.id, toolOrigins: ['http://localhost:4000'] };
    expect(await w.send('connections.save', { connection: through })).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    expect(await w.call('connections.list')).toHaveLength(1);
    expect(network.to(EVIL)).toEqual([]);
  });

  it('lets enabling, disabling and credential edits through: they send nothing anywhere new', async () => {
    const { w, connection, credential } = await vaultWithConnection();
    w.advance(PAST_GRACE);
    await w.call('connections.save', { connection: { ...connection, enabled: false } });
    await w.call('connections.save', { connection: { ...connection, enabled: true } });
    await w.call('credentials.save', {
      credential: { id: credential.id, label: 'Renamed', allowed: { kind: 'organization' } },
    });
  });

  it('keeps a setting the page leaves out, and refuses one out of range', async () => {
    const { w } = await vaultWithConnection();
    await w.call('settings.save', {
      settings: { autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true, confirmGraceMinutes: 7 },
    });
    await w.call('settings.save', {
      settings: { autoLockMinutes: 20, lockOnSystemLock: true, revokeOnLock: true },
    });
    expect((await w.call('settings.get')).confirmGraceMinutes).toBe(7);
    expect(
      await w.send('settings.save', {
        settings: {
          autoLockMinutes: 20,
          lockOnSystemLock: true,
          revokeOnLock: true,
          confirmGraceMinutes: 61,
        },
      }),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

describe('restore and confirmed destinations', () => {
  const BACKUP_PASSWORD = 'backup passphrase';

  /** A backup of this vault, then the vault's app moved back home: the backup's points elsewhere. */
  async function vaultAndBackupElsewhere() {
    const setup = await vaultWithConnection();
    const { w, app } = setup;
    await w.call('apps.save', moved(app));
    const { content } = await w.call('backup.create', {
      password: PASSWORD,
      backupPassword: BACKUP_PASSWORD,
      kdf: KDF,
    });
    await w.call('apps.save', moved(app, HOME));
    return { ...setup, content: content as string };
  }

  it('lists in the preview every destination a replacement would change, old → new', async () => {
    const { w, content } = await vaultAndBackupElsewhere();
    const preview = await w.call('backup.preview', { content, password: BACKUP_PASSWORD });
    const app = preview.conflicts.find((conflict: { kind: string }) => conflict.kind === 'apps');
    expect(app.destinationChanges).toEqual([{ field: 'server', from: HOME, to: EVIL }]);
  });

  it('refuses a replacing restore that moves a server without a confirmation, and writes nothing', async () => {
    const { w, network, content } = await vaultAndBackupElsewhere();
    network.urls.length = 0;
    w.advance(PAST_GRACE);
    const restore = { content, password: BACKUP_PASSWORD, onConflict: 'replace' };
    expect(await w.send('backup.restore', restore)).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    expect((await w.call('apps.list'))[0].serverUrl).toBe(HOME);
    expect(await w.send('backup.restore', { ...restore, masterPassword: 'wrong' })).toMatchObject({
      error: { code: 'WRONG_PASSWORD' },
    });
    expect(network.to(EVIL)).toEqual([]);
    const summary = await w.call('backup.restore', { ...restore, masterPassword: PASSWORD });
    expect(summary.replaced.length).toBeGreaterThan(0);
    expect((await w.call('apps.list'))[0].serverUrl).toBe(EVIL);
  });

  it("asks before a kept restore brings a connection that sends a stored credential's token to a new API", async () => {
    const { w, connection } = await vaultWithConnection();
    const elsewhere = await w.call('connections.save', {
      connection: {
        ...connection,
        id: undefined,
        apiBaseUrl: `${EVIL}/restapi/`,
        toolOrigins: ['http://localhost:4000'],
      },
    });
    const { content } = await w.call('backup.create', {
      password: PASSWORD,
      backupPassword: BACKUP_PASSWORD,
      kdf: KDF,
    });
    await w.call('connections.delete', { id: elsewhere.id });
    w.advance(PAST_GRACE);
    const restore = { content, password: BACKUP_PASSWORD, onConflict: 'keep' };
    expect(await w.send('backup.restore', restore)).toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED' },
    });
    expect(await w.call('connections.list')).toHaveLength(1);
  });

  it('asks nothing to restore into a new vault: every secret comes from the backup itself', async () => {
    const { content } = await vaultAndBackupElsewhere();
    const fresh = worker();
    await fresh.call('vault.create', { password: 'another master', kdf: KDF });
    fresh.advance(PAST_GRACE);
    const summary = await fresh.call('backup.restore', {
      content,
      password: BACKUP_PASSWORD,
      onConflict: 'keep',
    });
    expect(summary.failed).toEqual([]);
  });

  it("lets a restore that keeps the vault's entries through without asking", async () => {
    const { w, content } = await vaultAndBackupElsewhere();
    w.advance(PAST_GRACE);
    expect(
      await w.send('backup.restore', { content, password: BACKUP_PASSWORD, onConflict: 'keep' }),
    ).toMatchObject({
      ok: true,
    });
  });
});
