// The token manager when the server says no: Retry-After honoured, exponential backoff that
// grows and stops growing, and permanent failures that wait for an edit or a manual refresh.
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../../src/core/errors';
import { seedApps } from './fixtures';
import { harness } from './harness';

describe('token manager: waiting after transient failures', () => {
  it('honours Retry-After of a 429 and sends nothing before retryAt', async () => {
    const h = await harness({ sandbox: { rateLimit: {} } });
    await h.sandbox.admin.rateLimitNow();
    const t0 = h.clock.now();

    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAt: t0 + 60_000,
    });

    expect(await h.manager.status('conn-1')).toMatchObject({
      state: 'backing-off',
      retryAt: t0 + 60_000,
      lastError: { code: 'RATE_LIMITED' },
    });
    expect(h.scheduler.pending.get('conn-1')).toBe(t0 + 60_000);
    // Any request inside the penalty would restart it: callers get the wait instead.
    h.clock.advance(59_000);
    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAt: t0 + 60_000,
    });
    await h.manager.onScheduled('conn-1');
    expect(h.tokenRequests()).toBe(1);

    await h.fire();

    expect(h.tokenRequests()).toBe(2);
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'active', generation: 1 });
    expect((await h.manager.status('conn-1')).lastError).toBeUndefined();
  });

  it('honours Retry-After of a 503', async () => {
    const h = await harness();
    await h.sandbox.admin.failNext({ status: 503, retryAfterSeconds: 7 });

    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code: 'SERVER_UNAVAILABLE' });

    expect(await h.manager.status('conn-1')).toMatchObject({
      state: 'backing-off',
      retryAt: h.clock.now() + 7_000,
    });
  });

  it('backs off exponentially from 2 s, capped at 5 minutes, one request per attempt', async () => {
    const h = await harness();
    await h.sandbox.down();
    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code: 'NETWORK' });

    const delays: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      delays.push(h.scheduler.pending.get('conn-1')! - h.clock.now());
      await h.fire();
    }

    expect(delays).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300, 300].map((s) => s * 1000));
    expect(h.seen).toHaveLength(11);
    expect(await h.manager.status('conn-1')).toMatchObject({
      state: 'backing-off',
      lastError: { code: 'NETWORK' },
    });
  });

  it('backs off exponentially after a 500, and starts again from 2 s after a success', async () => {
    const h = await harness();
    await h.sandbox.admin.failNext({ status: 500, count: 2 });
    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code: 'SERVER_UNAVAILABLE' });
    expect(h.scheduler.pending.get('conn-1')! - h.clock.now()).toBe(2_000);
    await h.fire();
    expect(h.scheduler.pending.get('conn-1')! - h.clock.now()).toBe(4_000);
    await h.fire();
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'active' });

    await h.sandbox.admin.failNext({ status: 500 });
    await h.fire();

    expect(h.scheduler.pending.get('conn-1')! - h.clock.now()).toBe(2_000);
  });

  it('keeps serving a still-valid token while it backs off', async () => {
    const h = await harness();
    const token = await h.manager.ensureToken('conn-1');
    await h.sandbox.admin.failNext({ status: 503, retryAfterSeconds: 30 });

    await h.fire();

    expect(await h.manager.status('conn-1')).toMatchObject({
      state: 'backing-off',
      expiresAt: token.expiresAt,
    });
    expect(await h.manager.ensureToken('conn-1')).toEqual(token);
    expect(h.events).toHaveLength(1);
    expect(h.tokenRequests()).toBe(2);
  });

  it('ignores a 401 while backing off: no request before retryAt', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');
    await h.sandbox.admin.failNext({ status: 503, retryAfterSeconds: 30 });
    await h.fire();

    await h.manager.onUnauthorized('conn-1', 1);

    expect(h.tokenRequests()).toBe(2);
  });
});

describe('token manager: permanent failures', () => {
  it.each([
    ['INVALID_CLIENT', { app: { ...seedApps.demo, clientSecret: 'wrong' } }],
    ['INVALID_CLIENT', { app: seedApps.noJwtGrant }],
    ['NOT_ALLOWED_FOR_APP', { jwt: (s: { jwts: { restricted: string } }) => s.jwts.restricted }],
  ] as const)('goes to failed on %s and stays there without requests', async (code, options) => {
    const h = await harness(options);

    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code });

    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'failed', lastError: { code } });
    expect(h.scheduler.pending.has('conn-1')).toBe(false);
    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code });
    await h.manager.onScheduled('conn-1');
    await h.manager.onUnauthorized('conn-1', 0);
    h.clock.advance(3_600_000);
    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code });
    expect(h.tokenRequests()).toBe(1);
  });

  it('drops the injected token when the JWT is revoked and the session is gone', async () => {
    const h = await harness();
    const token = await h.manager.ensureToken('conn-1');
    await h.sandbox.admin.revokeCredential(h.sandbox.seed.credentials.demo.id);
    await h.sandbox.admin.revokeSession({ token: token.accessToken });

    await h.fire();

    expect(await h.manager.status('conn-1')).toMatchObject({
      state: 'failed',
      lastError: { code: 'GRANT_REJECTED' },
    });
    expect((await h.manager.status('conn-1')).expiresAt).toBeUndefined();
    expect(h.events.at(-1)).toEqual(['conn-1', undefined]);
    expect(h.scheduler.pending.has('conn-1')).toBe(false);
  });

  it('leaves failed on refreshNow, once the app is fixed', async () => {
    const h = await harness({ app: { ...seedApps.demo, clientSecret: 'wrong' } });
    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code: 'INVALID_CLIENT' });
    await expect(h.manager.refreshNow('conn-1')).rejects.toMatchObject({ code: 'INVALID_CLIENT' });
    h.configs.set('conn-1', h.config('conn-1', seedApps.demo));

    const token = await h.manager.refreshNow('conn-1');

    expect(token.generation).toBe(1);
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'active' });
    expect((await h.manager.status('conn-1')).lastError).toBeUndefined();
  });

  it('leaves failed when the connection is edited (purge), back to idle', async () => {
    const h = await harness({ app: seedApps.noJwtGrant });
    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code: 'INVALID_CLIENT' });
    h.configs.set('conn-1', h.config('conn-1', seedApps.demo));

    await h.manager.purge('conn-1', { revoke: true });

    expect(await h.manager.status('conn-1')).toEqual({ state: 'idle', generation: 0 });
    expect((await h.manager.ensureToken('conn-1')).generation).toBe(1);
  });

  it('rejects with the resolver error and changes nothing when the vault is locked', async () => {
    const h = await harness();
    h.failResolveWith(new VaultError('LOCKED', 'The vault is locked.'));

    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code: 'LOCKED' });

    expect(await h.manager.status('conn-1')).toEqual({ state: 'idle', generation: 0 });
    expect(h.tokenRequests()).toBe(0);
  });
});
