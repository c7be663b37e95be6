// The worker side of the popup's smaller features: the client secret on demand (Reveal, Copy),
// deleting an app in use, and re-keying with the same password under another KDF preset.
import { describe, expect, it } from 'vitest';
import { jwtWith, KDF, worker } from '../support/worker';

async function unlockedWithApp(secret?: string) {
  const w = worker();
  await w.call('vault.create', { password: 'correct horse', kdf: KDF });
  const app = await w.call('apps.save', {
    app: {
      name: 'Demo',
      clientId: 'demo-id',
      serverUrl: 'https://platform.ringcentral.com',
      clientSecret: secret,
    },
  });
  return { w, app };
}

describe('apps.secret', () => {
  it('returns the stored client secret while unlocked', async () => {
    const { w, app } = await unlockedWithApp('the-secret');
    expect(await w.call('apps.secret', { id: app.id })).toEqual({ clientSecret: 'the-secret' });
  });

  it('is NOT_FOUND for an app without a secret, or no app', async () => {
    const { w, app } = await unlockedWithApp();
    expect(await w.send('apps.secret', { id: app.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await w.send('apps.secret', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('is refused while locked, and its error never carries the secret', async () => {
    const { w, app } = await unlockedWithApp('the-secret');
    await w.call('vault.lock');
    const reply = await w.send('apps.secret', { id: app.id });
    expect(reply).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(JSON.stringify(reply)).not.toContain('the-secret');
  });

  it('checks its payload', async () => {
    const { w } = await unlockedWithApp('the-secret');
    expect(await w.send('apps.secret', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('follows an edit: empty keeps, null removes', async () => {
    const { w, app } = await unlockedWithApp('the-secret');
    await w.call('apps.save', {
      app: { id: app.id, name: 'Renamed', clientId: 'demo-id', serverUrl: app.serverUrl },
    });
    expect(await w.call('apps.secret', { id: app.id })).toEqual({ clientSecret: 'the-secret' });
    await w.call('apps.save', {
      app: { id: app.id, name: 'Renamed', clientId: 'demo-id', serverUrl: app.serverUrl, clientSecret: null },
    });
    expect(await w.send('apps.secret', { id: app.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('apps.delete', () => {
  it('is IN_USE while a connection uses the app', async () => {
    const { w, app } = await unlockedWithApp('the-secret');
    const credential = await w.call('credentials.save', {
      credential: { label: 'Alice', jwt: jwtWith('alice'), allowed: { kind: 'organization' } },
    });
    const connection = await w.call('connections.save', {
      connection: {
        credentialId: credential.id,
        appId: app.id,
        apiBaseUrl: 'http://127.0.0.1:9/restapi/',
        toolOrigins: ['http://localhost:3000'],
        enabled: false,
      },
    });
    expect(await w.send('apps.delete', { id: app.id })).toMatchObject({
      ok: false,
      error: { code: 'IN_USE' },
    });
    await w.call('connections.delete', { id: connection.id });
    expect(await w.send('apps.delete', { id: app.id })).toMatchObject({ ok: true });
    expect(await w.call('apps.list')).toEqual([]);
  });
});

describe('re-keying', () => {
  it('reports the KDF preset while unlocked, and changes it with the same password', async () => {
    const w = worker();
    expect(await w.call('vault.create', { password: 'correct horse', kdf: 'argon2id-19m-t2' })).toMatchObject(
      {
        state: 'unlocked',
        kdf: 'argon2id-19m-t2',
      },
    );
    await w.call('vault.changePassword', {
      oldPassword: 'correct horse',
      newPassword: 'correct horse',
      kdf: 'pbkdf2-600k',
    });
    expect(await w.call('vault.status')).toMatchObject({ state: 'unlocked', kdf: 'pbkdf2-600k' });
    await w.call('vault.lock');
    expect(await w.call('vault.status')).toEqual({ state: 'locked' });
    expect(await w.call('vault.unlock', { password: 'correct horse' })).toMatchObject({ kdf: 'pbkdf2-600k' });
  });

  it('refuses a wrong password and keeps the old KDF', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    const reply = await w.send('vault.changePassword', {
      oldPassword: 'wrong horse',
      newPassword: 'wrong horse',
      kdf: 'argon2id-19m-t2',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(await w.call('vault.status')).toMatchObject({ kdf: KDF });
  });
});
