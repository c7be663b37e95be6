// The token manager's normal life: first exchange, single flight, proactive refresh with the
// refresh token, the fallback to the JWT, 401s, and surviving a worker restart.
import { describe, expect, it } from 'vitest';
import { createMemorySessionStore, type TokenStatus } from '../../../../src/core/tokens';
import { seedApps, until } from './fixtures';
import { harness, JWT_BEARER } from './harness';

/** Status must never carry a token: check every string the tests have seen. */
function expectNoSecrets(status: TokenStatus, secrets: (string | undefined)[]) {
  const text = JSON.stringify(status);
  for (const secret of secrets) if (secret) expect(text).not.toContain(secret);
}

describe('token manager: getting a token', () => {
  it('goes idle → exchanging → active, tells the listener and schedules the refresh', async () => {
    const h = await harness();
    expect(await h.manager.status('conn-1')).toEqual({ state: 'idle', generation: 0 });
    h.hold();

    const pending = h.manager.ensureToken('conn-1');
    await until(async () => (await h.manager.status('conn-1')).state === 'exchanging');
    h.release();
    const token = await pending;

    const receivedAt = h.clock.now();
    expect(token).toEqual({
      accessToken: expect.stringMatching(/^U1BC/),
      expiresAt: receivedAt + 3_600_000,
      generation: 1,
    });
    expect(await h.manager.status('conn-1')).toEqual({
      state: 'active',
      generation: 1,
      expiresAt: receivedAt + 3_600_000,
      lastRefreshAt: receivedAt,
      // No tool request has carried it yet.
      accepted: false,
    });
    expect(h.events).toEqual([['conn-1', token]]);
    // 10 % of a one-hour lifetime is more than 60 s.
    expect(h.scheduler.pending.get('conn-1')).toBe(receivedAt + 3_600_000 - 360_000);
    expect(await h.apiStatus(token.accessToken)).toBe(200);
  });

  it('refreshes 60 s before expiry when 10 % of the lifetime is less', async () => {
    const h = await harness({ sandbox: { ttl: { accessToken: 600 } } });
    const token = await h.manager.ensureToken('conn-1');
    expect(h.scheduler.pending.get('conn-1')).toBe(token.expiresAt - 60_000);
  });

  it('returns the current token without a request while it is fresh', async () => {
    const h = await harness();
    const first = await h.manager.ensureToken('conn-1');
    h.clock.advance(60_000);

    expect(await h.manager.ensureToken('conn-1')).toEqual(first);
    expect(h.tokenRequests()).toBe(1);
  });

  it('makes exactly one request for 50 simultaneous callers', async () => {
    const h = await harness();

    const tokens = await Promise.all(Array.from({ length: 50 }, () => h.manager.ensureToken('conn-1')));

    expect(h.tokenRequests()).toBe(1);
    expect(
      (await h.sandbox.admin.log()).filter((entry) => entry.path === '/restapi/oauth/token'),
    ).toHaveLength(1);
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    expect(h.events).toHaveLength(1);
  });

  it('shares one request between every kind of trigger', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');
    h.clock.set(h.scheduler.pending.get('conn-1')!);

    await Promise.all([
      ...Array.from({ length: 20 }, () => h.manager.ensureToken('conn-1')),
      ...Array.from({ length: 20 }, () => h.manager.refreshNow('conn-1')),
      h.manager.onScheduled('conn-1'),
      h.manager.onUnauthorized('conn-1', 1),
    ]);

    expect(h.tokenRequests()).toBe(2);
    expect((await h.manager.status('conn-1')).generation).toBe(2);
  });

  it('answers NOT_FOUND, and changes nothing, when the resolver knows no such connection', async () => {
    const h = await harness();
    await expect(h.manager.ensureToken('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.manager.status('nope')).toEqual({ state: 'idle', generation: 0 });
    expect(h.tokenRequests()).toBe(0);
  });
});

describe('token manager: keeping it fresh', () => {
  it('refreshes with the refresh token when the wake-up comes, going through refreshing', async () => {
    const h = await harness();
    const first = await h.manager.ensureToken('conn-1');
    h.hold();

    const firing = h.fire();
    await until(async () => (await h.manager.status('conn-1')).state === 'refreshing');
    h.release();
    await firing;

    const status = await h.manager.status('conn-1');
    expect(status).toMatchObject({ state: 'active', generation: 2, lastRefreshAt: h.clock.now() });
    expect(h.grants()).toEqual([JWT_BEARER, 'refresh_token']);
    const second = h.events.at(-1)![1]!;
    expect(second).toMatchObject({ generation: 2 });
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(await h.apiStatus(first.accessToken)).toBe(401);
    expect(await h.apiStatus(second.accessToken)).toBe(200);
    expect(h.scheduler.pending.get('conn-1')).toBe(second.expiresAt - 360_000);
  });

  it('refreshes on ensureToken when the wake-up was missed (a sleeping worker)', async () => {
    const h = await harness();
    const first = await h.manager.ensureToken('conn-1');
    h.clock.set(first.expiresAt + 1);

    const second = await h.manager.ensureToken('conn-1');

    expect(second.generation).toBe(2);
    expect(h.grants()).toEqual([JWT_BEARER, 'refresh_token']);
  });

  it('falls back to a JWT exchange when the refresh token is refused (OAU-213)', async () => {
    const h = await harness();
    const first = await h.manager.ensureToken('conn-1');
    // The server ended the session: the refresh token is unknown now.
    await h.sandbox.admin.revokeSession({ token: first.accessToken });

    await h.fire();

    expect(h.grants()).toEqual([JWT_BEARER, 'refresh_token', JWT_BEARER]);
    const log = await h.sandbox.admin.log();
    expect(log.map((entry) => entry.status)).toEqual([200, 400, 200]);
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'active', generation: 2 });
    expect((await h.manager.status('conn-1')).lastError).toBeUndefined();
  });

  it('never sends a refused refresh token again', async () => {
    const h = await harness();
    const first = await h.manager.ensureToken('conn-1');
    await h.sandbox.admin.revokeSession({ token: first.accessToken });
    // The refresh is refused; the JWT exchange behind it meets a 500.
    h.hooks.beforeRequest = async (body) => {
      if (body.get('grant_type') !== JWT_BEARER) return;
      h.hooks.beforeRequest = undefined;
      await h.sandbox.admin.failNext({ status: 500 });
    };
    await h.fire();
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'backing-off' });

    await h.fire();

    expect(h.grants()).toEqual([JWT_BEARER, 'refresh_token', JWT_BEARER, JWT_BEARER]);
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'active', generation: 2 });
  });

  it('exchanges the JWT again when the app issues no refresh token', async () => {
    const h = await harness({ app: seedApps.noRefresh });
    await h.manager.ensureToken('conn-1');

    await h.fire();

    expect(h.grants()).toEqual([JWT_BEARER, JWT_BEARER]);
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'active', generation: 2 });
  });

  it('re-arms a wake-up that comes early instead of refreshing', async () => {
    const h = await harness();
    const token = await h.manager.ensureToken('conn-1');
    const due = h.scheduler.pending.get('conn-1')!;
    h.scheduler.pending.delete('conn-1');

    await h.manager.onScheduled('conn-1');

    expect(h.tokenRequests()).toBe(1);
    expect(h.scheduler.pending.get('conn-1')).toBe(due);
    expect(token.generation).toBe(1);
  });
});

describe('token manager: 401s', () => {
  it('re-exchanges once per token generation, never in a loop', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');

    await Promise.all(Array.from({ length: 10 }, () => h.manager.onUnauthorized('conn-1', 1)));
    expect(h.tokenRequests()).toBe(2);
    expect((await h.manager.status('conn-1')).generation).toBe(2);

    // The same generation again, or an older one: nothing.
    await h.manager.onUnauthorized('conn-1', 1);
    expect(h.tokenRequests()).toBe(2);

    // The next generation earns its own single re-exchange once the API has accepted it.
    await h.manager.onAnswered('conn-1', 2);
    await h.manager.onUnauthorized('conn-1', 2);
    await h.manager.onUnauthorized('conn-1', 2);
    expect(h.tokenRequests()).toBe(3);
    await h.manager.onUnauthorized('conn-1', 2);
    await h.manager.onUnauthorized('conn-1', 1);
    expect(h.tokenRequests()).toBe(3);
    expect((await h.manager.status('conn-1')).generation).toBe(3);
  });

  it('a 401 for a token got in answer to a 401, which the API still takes: no new request', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');
    await h.manager.onUnauthorized('conn-1', 1);
    // The tool's request was refused for its own reasons: the probe finds the token good.
    await h.manager.onUnauthorized('conn-1', 2);
    expect(h.tokenRequests()).toBe(2);
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'active', accepted: true });
  });

  it('an API refusing new tokens: TOKEN_REFUSED with its code, and a back-off that doubles', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');
    await h.manager.onUnauthorized('conn-1', 1);
    await h.sandbox.admin.failNext({ count: 100, status: 401, pathPrefix: '/restapi/v1.0/' });
    await h.manager.onUnauthorized('conn-1', 2);
    const refused = await h.manager.status('conn-1');
    expect(refused).toMatchObject({ state: 'backing-off', lastError: { code: 'TOKEN_REFUSED' } });
    expect(refused.lastError?.message).toContain('(OAU-149)');
    expect(h.tokenRequests()).toBe(2);
    const firstWait = refused.retryAt! - h.clock.now();
    expect(firstWait).toBe(2_000);
    // Backing off: more 401s change nothing until the wait is over.
    await h.manager.onUnauthorized('conn-1', 2);
    expect(h.tokenRequests()).toBe(2);
    // The wake-up at the end of the wait asks once more.
    await h.fire();
    expect(h.tokenRequests()).toBe(3);
    await h.manager.onUnauthorized('conn-1', 3);
    expect((await h.manager.status('conn-1')).retryAt! - h.clock.now()).toBe(2 * firstWait);
    // Once the API takes a token, the count starts over.
    await h.manager.onAnswered('conn-1', 3);
    expect(await h.manager.status('conn-1')).toMatchObject({ accepted: true });
  });

  it('recovers from a revoked session through the refresh token, then the JWT', async () => {
    const h = await harness();
    const first = await h.manager.ensureToken('conn-1');
    await h.sandbox.admin.revokeSession({ token: first.accessToken });
    expect(await h.apiStatus(first.accessToken)).toBe(401);

    await h.manager.onUnauthorized('conn-1', 1);

    const latest = h.events.at(-1)![1]!;
    expect(latest.generation).toBe(2);
    expect(await h.apiStatus(latest.accessToken)).toBe(200);
  });

  it('ignores a 401 when no token is active', async () => {
    const h = await harness();
    await h.manager.onUnauthorized('conn-1', 0);
    expect(h.tokenRequests()).toBe(0);
  });
});

describe('token manager: status and persistence', () => {
  it('never puts a token in status, whatever the state', async () => {
    const h = await harness();
    const token = await h.manager.ensureToken('conn-1');
    const saved = await h.store.load('conn-1');
    const secrets = [token.accessToken, saved?.tokens?.refreshToken, h.sandbox.jwts.demo];
    expect(saved?.tokens?.refreshToken).toBeDefined();

    expectNoSecrets(await h.manager.status('conn-1'), secrets);
    await h.sandbox.admin.failNext({ status: 503, retryAfterSeconds: 5 });
    await h.fire();
    expectNoSecrets(await h.manager.status('conn-1'), secrets);
    expect(Object.keys(await h.manager.status('conn-1')).sort()).toEqual(
      ['accepted', 'expiresAt', 'generation', 'lastError', 'lastRefreshAt', 'retryAt', 'state'].sort(),
    );
  });

  it('keeps tokens only in memory and in the store, and picks them up after a restart', async () => {
    const store = createMemorySessionStore();
    const h = await harness({ store });
    const token = await h.manager.ensureToken('conn-1');
    h.scheduler.pending.clear();

    const restarted = h.makeManager();
    const resumed = await restarted.resume('conn-1');

    expect(resumed).toEqual(token);
    expect(h.scheduler.pending.get('conn-1')).toBe(token.expiresAt - 360_000);
    expect(await restarted.ensureToken('conn-1')).toEqual(token);
    expect(h.tokenRequests()).toBe(1);
  });

  it('treats a request cut off by a restart as never made', async () => {
    const store = createMemorySessionStore();
    store.save('conn-1', { state: 'exchanging', generation: 3, failures: 0 });
    const h = await harness({ store });

    expect(await h.manager.status('conn-1')).toEqual({ state: 'idle', generation: 3 });
    expect(await h.manager.resume('conn-1')).toBeUndefined();
    expect((await h.manager.ensureToken('conn-1')).generation).toBe(4);
  });

  it('keeps working when the listener throws', async () => {
    const h = await harness();
    const manager = (await import('../../../../src/core/tokens')).createTokenManager({
      client: h.client,
      clock: h.clock,
      scheduler: h.scheduler,
      resolve: (id) => h.configs.get(id),
      onToken: () => {
        throw new Error('listener broke');
      },
    });

    expect((await manager.ensureToken('conn-1')).generation).toBe(1);
    expect((await manager.status('conn-1')).state).toBe('active');
  });
});
