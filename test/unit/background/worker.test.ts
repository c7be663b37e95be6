// The worker's router, handlers and session together (see test/unit/support/worker.ts).
import { describe, expect, it } from 'vitest';
import { AUTO_LOCK_ALARM } from '../../../src/background/vault-session';
import { jwtWith, KDF, popupSender, self, worker } from '../support/worker';

describe('worker messages', () => {
  it('refuses a spoofed sender before any handler runs', async () => {
    const w = worker();
    for (const sender of [
      { ...popupSender, id: 'other-extension' },
      { ...popupSender, frameId: 2 },
      { id: self.id, url: 'https://evil.test/', frameId: 0, tab: { id: 1, url: 'https://evil.test/' } },
    ]) {
      const reply = await w.send('vault.create', { password: 'long enough password', kdf: KDF }, sender);
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(await w.call('vault.status')).toEqual({ state: 'uninitialized' });
  });

  it('refuses an unknown request type and a malformed payload', async () => {
    const w = worker();
    expect(await w.send('vault.explode')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await w.send('vault.unlock', { password: 7 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('creates, unlocks and locks; the data key lives only in session storage', async () => {
    const w = worker();
    expect(await w.call('vault.create', { password: 'correct horse', kdf: KDF })).toMatchObject({
      state: 'unlocked',
    });
    expect(Object.keys(w.shared.session.dump())).toContain('vault.dataKey');
    expect(JSON.stringify(w.shared.local.dump())).not.toContain(
      String(w.shared.session.dump()['vault.dataKey']),
    );
    expect(await w.call('vault.lock')).toEqual({ state: 'locked' });
    expect(w.shared.session.dump()).toEqual({});
    expect(await w.send('apps.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await w.call('vault.unlock', { password: 'correct horse' })).toMatchObject({ state: 'unlocked' });
  });

  it('refuses a master password shorter than eight characters, when created or changed', async () => {
    const w = worker();
    expect(await w.send('vault.create', { password: 'short12', kdf: KDF })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await w.call('vault.status')).toEqual({ state: 'uninitialized' });
    await w.call('vault.create', { password: 'long enough', kdf: KDF });
    expect(
      await w.send('vault.changePassword', { oldPassword: 'long enough', newPassword: 'short12' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('arms the auto-lock alarm at unlock and clears it at lock', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    const status = await w.call('vault.status');
    expect(w.shared.alarms.alarms.get(AUTO_LOCK_ALARM)).toBe(status.autoLockAt);
    expect(status.autoLockAt - 1_700_000_000_000).toBe(15 * 60_000);
    await w.call('vault.lock');
    expect(w.shared.alarms.alarms.has(AUTO_LOCK_ALARM)).toBe(false);
  });

  it('wakes up unlocked after the worker restarts', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    await w.call('apps.save', {
      app: { name: 'App', clientId: 'cid', serverUrl: 'https://platform.ringcentral.com' },
    });
    const restarted = w.restart();
    expect(await restarted.call('vault.status')).toMatchObject({ state: 'unlocked' });
    expect((await restarted.call('apps.list')).map((a: { clientId: string }) => a.clientId)).toEqual(['cid']);
  });

  it('never hands a client secret or a JWT to a page', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    const secret = 'CANARY-client-secret';
    const jwt = jwtWith('CANARY-jwt');
    const app = await w.call('apps.save', {
      app: {
        name: 'App',
        clientId: 'cid',
        clientSecret: secret,
        serverUrl: 'https://platform.ringcentral.com',
      },
    });
    const credential = await w.call('credentials.save', {
      credential: { label: 'Bot', jwt, allowed: { kind: 'specific', clientIds: ['cid'] } },
    });
    expect(app.hasSecret).toBe(true);
    expect(credential.jwtInfo).toMatchObject({ kid: 'k1', sub: '42', expired: false });
    const everything = JSON.stringify([
      app,
      credential,
      await w.call('apps.list'),
      await w.call('credentials.list'),
    ]);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(jwt);
  });

  it('keeps the secret and the JWT when an edit leaves them out, and removes the secret on null', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    const app = await w.call('apps.save', {
      app: { name: 'App', clientId: 'cid', clientSecret: 's', serverUrl: 'https://platform.ringcentral.com' },
    });
    const { hasSecret: _, ...fields } = app;
    const renamed = await w.call('apps.save', { app: { ...fields, name: 'Renamed' } });
    expect(renamed).toMatchObject({ id: app.id, name: 'Renamed', hasSecret: true });
    const cleared = await w.call('apps.save', {
      app: { id: app.id, name: 'Renamed', clientId: 'cid', clientSecret: null, serverUrl: app.serverUrl },
    });
    expect(cleared.hasSecret).toBe(false);

    const credential = await w.call('credentials.save', {
      credential: { label: 'Bot', jwt: jwtWith('a'), allowed: { kind: 'organization' } },
    });
    const edited = await w.call('credentials.save', {
      credential: { id: credential.id, label: 'Bot 2', allowed: { kind: 'organization' } },
    });
    expect(edited).toMatchObject({
      id: credential.id,
      kind: 'ringcentral-jwt',
      label: 'Bot 2',
      jwtInfo: credential.jwtInfo,
    });
    // A kind the vault does not know is refused at the boundary.
    expect(
      await w.send('credentials.save', {
        credential: {
          id: credential.id,
          kind: 'other' as never,
          label: 'Bot 3',
          allowed: { kind: 'organization' },
        },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await w.send('credentials.save', {
        credential: { label: 'No JWT', allowed: { kind: 'organization' } },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await w.send('apps.save', {
        app: { id: 'missing', name: 'X', clientId: 'x', serverUrl: 'https://x.test' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('throttles after three wrong passwords, across worker restarts, then recovers', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    await w.call('vault.lock');
    for (let i = 0; i < 3; i += 1) {
      expect(await w.send('vault.unlock', { password: `wrong ${i}` })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PASSWORD' },
      });
    }
    const restarted = w.restart();
    const refused = await restarted.send('vault.unlock', { password: 'correct horse' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    expect(refused.ok === false && refused.error.retryAt).toBeGreaterThan(1_700_000_000_000);
    restarted.advance(5_000);
    expect(await restarted.call('vault.unlock', { password: 'correct horse' })).toMatchObject({
      state: 'unlocked',
    });
    expect(restarted.shared.local.dump()).toEqual({});
  });

  it('counts a wrong current password, when changing it, toward the same throttle', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    for (let i = 0; i < 3; i += 1) {
      const reply = await w.send('vault.changePassword', {
        oldPassword: `wrong ${i}`,
        newPassword: 'new password 1',
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    }
    const refused = await w.send('vault.changePassword', {
      oldPassword: 'correct horse',
      newPassword: 'new password 1',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    w.advance(5_000);
    expect(
      await w.call('vault.changePassword', { oldPassword: 'correct horse', newPassword: 'new password 1' }),
    ).toEqual({});
  });

  it('serialises concurrent unlock attempts so none slips past the throttle', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    await w.call('vault.lock');
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => w.send('vault.unlock', { password: `wrong ${i}` })),
    );
    const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual([
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'THROTTLED',
      'THROTTLED',
      'THROTTLED',
    ]);
  });

  it('changes the password: the new one opens the vault, the old one no longer does', async () => {
    const w = worker();
    await w.call('vault.create', { password: 'correct horse', kdf: KDF });
    await w.call('credentials.save', {
      credential: { label: 'Bot', jwt: jwtWith('b'), allowed: { kind: 'organization' } },
    });
    await w.call('vault.changePassword', {
      oldPassword: 'correct horse',
      newPassword: 'battery staple',
      kdf: KDF,
    });
    await w.call('vault.lock');
    expect(await w.send('vault.unlock', { password: 'correct horse' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    await w.call('vault.unlock', { password: 'battery staple' });
    expect((await w.call('credentials.list')).map((c: { label: string }) => c.label)).toEqual(['Bot']);
  });

  it('puts no secret value in any error reply', async () => {
    const w = worker();
    const password = 'CANARY-password-value';
    await w.call('vault.create', { password, kdf: KDF });
    const badJwt = 'CANARY-not-a-jwt';
    const replies = [
      await w.send('credentials.save', {
        credential: { label: 'x', jwt: badJwt, allowed: { kind: 'organization' } },
      }),
      await w.send('apps.save', {
        app: { name: 'A', clientId: 'c', clientSecret: 'CANARY-secret', serverUrl: 'ftp://x' },
      }),
      await w.send('vault.changePassword', {
        oldPassword: 'CANARY-wrong-old',
        newPassword: 'CANARY-new-pass',
      }),
    ];
    await w.call('vault.lock');
    replies.push(await w.send('vault.unlock', { password: 'CANARY-wrong-password' }));
    for (const reply of replies) {
      expect(reply.ok).toBe(false);
      expect(JSON.stringify(reply)).not.toContain('CANARY');
    }
  });
});
