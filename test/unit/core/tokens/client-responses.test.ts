// The token client's checks on what comes back, with scripted responses for the shapes the
// sandbox never sends: malformed bodies, redirects, absent Retry-After, hangs.
import { describe, expect, it } from 'vitest';
import { createTokenClient, type FetchLike, type TokenApp, TokenError } from '../../../../src/core/tokens';
import { ASSUMED_LIFETIME_SECONDS } from '../../../../src/core/tokens/parse-token-response';
import { json, scriptedFetch } from './fixtures';

const NOW = Date.UTC(2026, 0, 1);
const clock = { now: () => NOW };
const app: TokenApp = {
  clientId: 'client-1',
  clientSecret: 'secret-1',
  serverUrl: 'https://platform.example.test',
  tokenPath: '/restapi/oauth/token',
  revokePath: '/restapi/oauth/revoke',
};
const good = { access_token: 'U1BCaccess', token_type: 'bearer', expires_in: 3600 };

function clientAnswering(respond: () => Response | Promise<Response>, timeoutMs?: number) {
  const calls: RequestInit[] = [];
  const fetchLike: FetchLike = scriptedFetch((_url, init) => {
    calls.push(init);
    return respond();
  });
  return {
    client: createTokenClient({ fetch: fetchLike, clock, ...(timeoutMs ? { timeoutMs } : {}) }),
    calls,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<TokenError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

describe('token response validation', () => {
  it.each<[string, () => Response]>([
    ['a body that is not JSON', () => new Response('<html>proxy login</html>', { status: 200 })],
    ['a JSON array', () => json([good])],
    ['no access token', () => json({ ...good, access_token: undefined })],
    ['an empty access token', () => json({ ...good, access_token: '' })],
    ['an access token that cannot go in a header', () => json({ ...good, access_token: 'abc\r\nX-Evil: 1' })],
    ['a token type other than bearer', () => json({ ...good, token_type: 'mac' })],
    ['no token type', () => json({ ...good, token_type: undefined })],
    ['a non-numeric expires_in', () => json({ ...good, expires_in: 'soon' })],
    ['a zero expires_in', () => json({ ...good, expires_in: 0 })],
    ['a refresh token that is not a string', () => json({ ...good, refresh_token: 42 })],
  ])('refuses %s as MALFORMED_RESPONSE', async (_case, respond) => {
    const { client } = clientAnswering(respond);
    expect(await codeOf(client.exchangeJwt(app, 'jwt'))).toMatchObject({ code: 'MALFORMED_RESPONSE' });
  });

  it('takes an answer without expires_in as lasting 15 minutes, the shortest session an org can set', async () => {
    for (const expiresIn of [undefined, null]) {
      const { client } = clientAnswering(() => json({ ...good, expires_in: expiresIn }));
      expect(await client.exchangeJwt(app, 'jwt')).toMatchObject({
        expiresAt: NOW + ASSUMED_LIFETIME_SECONDS * 1000,
        ttlMs: 15 * 60_000,
      });
    }
  });

  it("reads the limit RingCentral's headers advertise, and a missing one as none", async () => {
    const limited = clientAnswering(() =>
      json(good, 200, {
        'X-Rate-Limit-Group': 'Auth',
        'X-Rate-Limit-Limit': '5',
        'X-Rate-Limit-Window': '60',
      }),
    );
    expect(await limited.client.exchangeJwt(app, 'jwt')).toMatchObject({
      advertisedLimit: { requests: 5, perMs: 60_000 },
    });
    const garbled = clientAnswering(() => json(good, 200, { 'X-Rate-Limit-Limit': 'many' }));
    expect((await garbled.client.exchangeJwt(app, 'jwt')).advertisedLimit).toBeUndefined();
  });

  it('accepts BEARER in any case, a numeric string expires_in and a numeric owner_id', async () => {
    const { client } = clientAnswering(() =>
      json({ ...good, token_type: 'Bearer', expires_in: '7199', owner_id: 256440016, refresh_token: '' }),
    );

    expect(await client.exchangeJwt(app, 'jwt')).toEqual({
      accessToken: 'U1BCaccess',
      expiresAt: NOW + 7_199_000,
      receivedAt: NOW,
      ttlMs: 7_199_000,
      ownerId: '256440016',
      advertisedLimit: 'none',
    });
  });
});

describe('token request failures without a sandbox', () => {
  it('refuses a redirect instead of following it with the JWT', async () => {
    const { client, calls } = clientAnswering(
      () => new Response(null, { status: 307, headers: { Location: 'https://elsewhere.test/token' } }),
    );

    expect(await codeOf(client.exchangeJwt(app, 'jwt'))).toMatchObject({
      code: 'TOKEN_REQUEST_REJECTED',
      status: 307,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ redirect: 'manual', credentials: 'omit', method: 'POST' });
  });

  it('waits 30 s when a 429 or 503 has no Retry-After', async () => {
    for (const status of [429, 503]) {
      const { client } = clientAnswering(() => json({ errorCode: 'CMN-301' }, status));
      expect(await codeOf(client.exchangeJwt(app, 'jwt'))).toMatchObject({ retryAt: NOW + 30_000 });
    }
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const at = NOW + 90_000;
    const { client } = clientAnswering(() => json({}, 429, { 'Retry-After': new Date(at).toUTCString() }));
    expect(await codeOf(client.exchangeJwt(app, 'jwt'))).toMatchObject({ code: 'RATE_LIMITED', retryAt: at });
  });

  it("explains Google's rate limit and outages in Google's words, and never quotes its text", async () => {
    const google = { tokenUrl: 'https://oauth2.example.test/token', provider: 'google' } as const;
    const limited = clientAnswering(() =>
      json({ error: 'rate_limit_exceeded', error_description: 'echo: secret-assertion' }, 429, {
        'Retry-After': '12',
      }),
    );
    const error = await codeOf(limited.client.exchangeJwt(google, 'assertion'));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAt: NOW + 12_000 });
    expect(error.message).toMatch(/^Google's limit on token requests was reached/);
    expect(error.message).not.toContain('secret-assertion');
    // The assertion alone authenticates: nothing of an app goes with it.
    expect(new Headers(limited.calls[0]?.headers).get('Authorization')).toBeNull();
    expect(String(limited.calls[0]?.body)).not.toContain('client_id');
    const down = clientAnswering(() => json({}, 503));
    expect(await codeOf(down.client.exchangeJwt(google, 'assertion'))).toMatchObject({
      code: 'SERVER_UNAVAILABLE',
      retryAt: NOW + 30_000,
    });
    // No revoke URL: nothing is sent.
    expect(await down.client.revoke(google, 'token')).toMatchObject({ revoked: false });
    expect(down.calls).toHaveLength(1);
  });

  it('maps a 5xx with an HTML body to SERVER_UNAVAILABLE', async () => {
    const { client } = clientAnswering(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    expect(await codeOf(client.exchangeJwt(app, 'jwt'))).toMatchObject({
      code: 'SERVER_UNAVAILABLE',
      status: 502,
    });
  });

  it('falls back on the OAuth error when the errorCode is unknown', async () => {
    const cases = [
      [{ error: 'invalid_grant' }, 'jwt', 'GRANT_REJECTED'],
      [{ error: 'invalid_grant' }, 'refresh', 'GRANT_REJECTED'],
      [{ error: 'unauthorized_client' }, 'jwt', 'INVALID_CLIENT'],
      [{ error: 'invalid_request' }, 'jwt', 'TOKEN_REQUEST_REJECTED'],
      [{ error: 'invalid_scope' }, 'jwt', 'TOKEN_REQUEST_REJECTED'],
    ] as const;
    for (const [body, grant, code] of cases) {
      const { client } = clientAnswering(() => json(body, 400));
      const request = grant === 'jwt' ? client.exchangeJwt(app, 'jwt') : client.refresh(app, 'rt');
      const error = await codeOf(request);
      expect(error.code).toBe(code);
      expect(error.refreshTokenRejected).toBe(grant === 'refresh' && code === 'GRANT_REJECTED');
    }
  });

  it('keeps a server errorCode only when it looks like one', async () => {
    const { client } = clientAnswering(() =>
      json({ error: 'invalid_grant', errors: [{ errorCode: 'eyJhbGciOi.secret.echo' }] }, 400),
    );
    const error = await codeOf(client.exchangeJwt(app, 'jwt'));
    expect(error.serverCode).toBeUndefined();
    expect(error.message).not.toContain('eyJ');
  });

  it('gives up on a request that hangs, as NETWORK', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const client = createTokenClient({ fetch: hang, clock, timeoutMs: 20 });

    expect(await codeOf(client.exchangeJwt(app, 'jwt'))).toMatchObject({ code: 'NETWORK' });
  });

  it('never sends anything when the token path leads off the server', async () => {
    for (const tokenPath of ['//evil.test/token', 'https://evil.test/token', 'token']) {
      const { client, calls } = clientAnswering(() => json(good));
      expect(await codeOf(client.exchangeJwt({ ...app, tokenPath }, 'jwt'))).toMatchObject({
        code: 'TOKEN_REQUEST_REJECTED',
      });
      expect(calls).toHaveLength(0);
    }
  });

  it('encodes a non-ASCII secret as UTF-8 in the Basic header', async () => {
    const { client, calls } = clientAnswering(() => json(good));
    await client.exchangeJwt({ ...app, clientSecret: 'sécret' }, 'jwt');
    const headers = new Headers(calls[0]!.headers);
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from('client-1:sécret').toString('base64')}`);
  });
});
