// The token client against the real sandbox over HTTP: JWT exchange, refresh rotation, revoke,
// client authentication, and every failure mapped to its stable code.
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ManualClock, Sandbox } from '../../../../sandbox/index';
import { createTokenClient, type TokenApp, TokenError } from '../../../../src/core/tokens';
import { appOf, recordingFetch, seedApps, startTestSandbox } from './fixtures';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function clientFor(clock: ManualClock) {
  const recorder = recordingFetch();
  return { client: createTokenClient({ fetch: recorder.fetch, clock }), ...recorder };
}

/** The rejection of `promise`, asserted to be a TokenError. */
async function failure(promise: Promise<unknown>): Promise<TokenError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

async function apiStatus(sandbox: Sandbox, accessToken: string): Promise<number> {
  const response = await fetch(`${sandbox.url}/restapi/v1.0/account/~/extension/~`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}

describe('token client: success', () => {
  it('exchanges a JWT with Basic client authentication', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client, seen } = clientFor(clock);
    const receivedAt = clock.now();

    const tokens = await client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo);

    expect(tokens).toEqual({
      accessToken: expect.stringMatching(/^U1BC/),
      refreshToken: expect.stringMatching(/^U1BC/),
      expiresAt: receivedAt + 3_600_000,
      refreshExpiresAt: receivedAt + 604_800_000,
      scope: 'ReadAccounts CallControl',
      ownerId: String(defaultOwner),
      receivedAt,
      ttlMs: 3_600_000,
      // This test's sandbox enforces no Auth group, and says nothing of one.
      advertisedLimit: 'none',
    });
    const [request] = seen;
    expect(request!.url).toBe(`${sandbox.url}/restapi/oauth/token`);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${seedApps.demo.clientId}:${seedApps.demo.clientSecret}`).toString('base64')}`,
    );
    expect(Object.fromEntries(request!.body)).toEqual({
      grant_type: JWT_BEARER,
      assertion: sandbox.jwts.demo,
    });
    const [logged] = await sandbox.admin.log();
    expect(logged).toMatchObject({ authScheme: 'Basic', grantType: JWT_BEARER, status: 200 });
    expect(await apiStatus(sandbox, tokens.accessToken)).toBe(200);
  });

  it('sends client_id in the body, and no Authorization, for an app without a secret', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client, seen } = clientFor(clock);

    const tokens = await client.exchangeJwt(appOf(sandbox, seedApps.public), sandbox.jwts.demo);

    expect(tokens.accessToken).toMatch(/^U1BC/);
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.body.get('client_id')).toBe(seedApps.public.clientId);
    const [logged] = await sandbox.admin.log();
    expect(logged).toMatchObject({ authScheme: 'none', clientId: seedApps.public.clientId, status: 200 });
  });

  it('works without a refresh token when the app issues none', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);

    const tokens = await client.exchangeJwt(appOf(sandbox, seedApps.noRefresh), sandbox.jwts.demo);

    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.refreshExpiresAt).toBeUndefined();
  });

  it('computes expiry from expires_in at receipt, with the injected clock', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client, seen } = clientFor(clock);
    clock.advance(12_345);

    const tokens = await client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo, { accessTokenTtl: 5 });

    expect(seen[0]!.body.get('access_token_ttl')).toBe('5');
    expect(tokens).toMatchObject({ ttlMs: 5000, receivedAt: clock.now(), expiresAt: clock.now() + 5000 });
  });

  it('rotates both tokens on refresh; the old access token dies at once', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client, seen } = clientFor(clock);
    const first = await client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo);

    const second = await client.refresh(appOf(sandbox), first.refreshToken!);

    expect(Object.fromEntries(seen[1]!.body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: first.refreshToken,
    });
    expect(seen[1]!.headers.authorization).toMatch(/^Basic /);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await apiStatus(sandbox, first.accessToken)).toBe(401);
    expect(await apiStatus(sandbox, second.accessToken)).toBe(200);
  });

  it('revokes: the whole session ends, and the outcome is reported', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client, seen } = clientFor(clock);
    const tokens = await client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo);

    const outcome = await client.revoke(appOf(sandbox), tokens.accessToken);

    expect(outcome).toEqual({ revoked: true });
    expect(seen[1]!.url).toBe(`${sandbox.url}/restapi/oauth/revoke`);
    expect(Object.fromEntries(seen[1]!.body)).toEqual({ token: tokens.accessToken });
    expect(await apiStatus(sandbox, tokens.accessToken)).toBe(401);
    const refused = await failure(client.refresh(appOf(sandbox), tokens.refreshToken!));
    expect(refused.refreshTokenRejected).toBe(true);
  });

  it('revokes with client_id in the body for an app without a secret', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client, seen } = clientFor(clock);
    const app = appOf(sandbox, seedApps.public);
    const tokens = await client.exchangeJwt(app, sandbox.jwts.demo);

    expect(await client.revoke(app, tokens.refreshToken!)).toEqual({ revoked: true });
    expect(Object.fromEntries(seen[1]!.body)).toEqual({
      token: tokens.refreshToken,
      client_id: app.clientId,
    });
    expect(await apiStatus(sandbox, tokens.accessToken)).toBe(401);
  });
});

const defaultOwner = 208594004;

describe('token client: failures at the token endpoint', () => {
  it.each<[string, (s: Sandbox) => TokenApp, string, string]>([
    [
      'no client authentication',
      (s) => ({ ...appOf(s, seedApps.public), clientId: '' }),
      'INVALID_CLIENT',
      'OAU-123',
    ],
    [
      'a wrong client secret',
      (s) => ({ ...appOf(s), clientSecret: 'not-the-secret' }),
      'INVALID_CLIENT',
      'OAU-146',
    ],
    ['an unknown client ID', (s) => ({ ...appOf(s), clientId: 'NoSuchClient' }), 'INVALID_CLIENT', 'OAU-153'],
    [
      'an app not enabled for the JWT grant',
      (s) => appOf(s, seedApps.noJwtGrant),
      'INVALID_CLIENT',
      'OAU-251',
    ],
    ['a JWT restricted to other apps', (s) => appOf(s), 'NOT_ALLOWED_FOR_APP', 'OAU-140'],
  ])('maps %s to %s', async (_case, app, code, serverCode) => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);
    const jwt = code === 'NOT_ALLOWED_FOR_APP' ? sandbox.jwts.restricted : sandbox.jwts.demo;

    const error = await failure(client.exchangeJwt(app(sandbox), jwt));

    expect(error).toMatchObject({ code, serverCode, grant: 'jwt', retryAt: undefined });
    expect(error.refreshTokenRejected).toBe(false);
  });

  it.each([
    ['revoked', (s: Sandbox) => s.admin.revokeCredential(s.seed.credentials.demo.id)],
    ['expired', (s: Sandbox) => s.admin.expireCredential(s.seed.credentials.demo.id)],
    ['deleted', (s: Sandbox) => s.admin.deleteCredential(s.seed.credentials.demo.id)],
  ])('maps a %s JWT to GRANT_REJECTED of the JWT, not of a refresh token', async (_case, act) => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);
    await act(sandbox);

    const error = await failure(client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo));

    expect(error).toMatchObject({ code: 'GRANT_REJECTED', grant: 'jwt', status: 400 });
    expect(error.refreshTokenRejected).toBe(false);
  });

  it('maps a malformed assertion and an unsupported algorithm to GRANT_REJECTED', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);
    const [, payload] = sandbox.jwts.demo.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode('k'.repeat(32)));
    const otherKey = (await generateKeyPair('RS256')).privateKey;
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(otherKey);

    for (const [jwt, serverCode] of [
      ['not-a-jwt', 'OAU-345'],
      [foreign, 'OAU-345'],
      [hs256, 'OAU-347'],
    ] as const) {
      expect(await failure(client.exchangeJwt(appOf(sandbox), jwt))).toMatchObject({
        code: 'GRANT_REJECTED',
        grant: 'jwt',
        serverCode,
      });
    }
  });

  it('flags a used refresh token (OAU-213) as the refresh token being rejected', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);
    const first = await client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo);
    const second = await client.refresh(appOf(sandbox), first.refreshToken!);
    // The old refresh token replays until 10 s after the new access token is first used.
    expect(await apiStatus(sandbox, second.accessToken)).toBe(200);
    clock.advance(11_000);

    const error = await failure(client.refresh(appOf(sandbox), first.refreshToken!));

    expect(error).toMatchObject({ code: 'GRANT_REJECTED', grant: 'refresh_token', serverCode: 'OAU-213' });
    expect(error.refreshTokenRejected).toBe(true);
  });

  it('flags an expired refresh token (OAU-210) as the refresh token being rejected', async () => {
    const { sandbox, clock } = await startTestSandbox({ ttl: { refreshToken: 5 } });
    const { client } = clientFor(clock);
    const tokens = await client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo);
    clock.advance(6_000);

    const error = await failure(client.refresh(appOf(sandbox), tokens.refreshToken!));

    expect(error).toMatchObject({ code: 'GRANT_REJECTED', grant: 'refresh_token', serverCode: 'OAU-210' });
    expect(error.refreshTokenRejected).toBe(true);
  });

  it('maps 429 to RATE_LIMITED with retryAt from Retry-After', async () => {
    const { sandbox, clock } = await startTestSandbox({ rateLimit: {} });
    const { client } = clientFor(clock);
    for (let i = 0; i < 5; i += 1) await client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo);

    const error = await failure(client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo));

    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, serverCode: 'CMN-301' });
    expect(error.retryAt).toBe(clock.now() + 60_000);
  });

  it('maps 503 to SERVER_UNAVAILABLE with retryAt from Retry-After', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);
    await sandbox.admin.failNext({ status: 503, retryAfterSeconds: 7 });

    const error = await failure(client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo));

    expect(error).toMatchObject({ code: 'SERVER_UNAVAILABLE', status: 503, retryAt: clock.now() + 7_000 });
  });

  it('maps another 5xx to SERVER_UNAVAILABLE without a retryAt', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);
    await sandbox.admin.failNext({ status: 500 });

    const error = await failure(client.refresh(appOf(sandbox), 'U1BCunknown'));

    expect(error).toMatchObject({
      code: 'SERVER_UNAVAILABLE',
      status: 500,
      grant: 'refresh_token',
      retryAt: undefined,
    });
  });

  it('maps a server that is down to NETWORK', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);
    await sandbox.down();

    const error = await failure(client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo));

    expect(error).toMatchObject({ code: 'NETWORK', status: undefined });
  });

  it('maps a wrong token path to TOKEN_REQUEST_REJECTED', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);

    const error = await failure(
      client.exchangeJwt({ ...appOf(sandbox), tokenPath: '/restapi/oauth/nope' }, sandbox.jwts.demo),
    );

    expect(error).toMatchObject({ code: 'TOKEN_REQUEST_REJECTED', status: 404 });
  });

  it('never puts the JWT, a token or the secret in a message', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client } = clientFor(clock);
    const tokens = await client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo);
    const secrets = [sandbox.jwts.demo, seedApps.demo.clientSecret, tokens.accessToken, tokens.refreshToken!];
    await sandbox.admin.revokeCredential(sandbox.seed.credentials.demo.id);
    const errors = [
      await failure(client.exchangeJwt({ ...appOf(sandbox), clientSecret: 'wrong' }, sandbox.jwts.demo)),
      await failure(client.exchangeJwt(appOf(sandbox), sandbox.jwts.demo)),
      await failure(client.refresh(appOf(sandbox), `${tokens.refreshToken}x`)),
      await failure(client.exchangeJwt(appOf(sandbox), 'garbage')),
    ];

    for (const error of errors) {
      for (const secret of secrets) expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(secret);
    }
  });
});

describe('token client: revoke is best effort', () => {
  it('resolves with the failure instead of throwing', async () => {
    const { sandbox, clock } = await startTestSandbox();
    const { client, seen } = clientFor(clock);

    expect(await client.revoke({ ...appOf(sandbox), clientSecret: 'wrong' }, 'U1BCx')).toMatchObject({
      revoked: false,
      code: 'INVALID_CLIENT',
    });
    await sandbox.down();
    expect(await client.revoke(appOf(sandbox), 'U1BCx')).toMatchObject({ revoked: false, code: 'NETWORK' });
    // Never retried: one request per call.
    expect(seen).toHaveLength(2);
  });
});
