// The sandbox's Zoom server-to-server OAuth: the account_credentials grant with HTTP Basic, its
// parameters in the query string as Zoom documents (or a form body), Zoom's refusals, its token
// taken by /zoom/v2/users/me until the TTL passes, the disabled-app switch, the log and faults.

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../sandbox/index';
import { basic, postForm, start } from './helpers';

async function setUp() {
  const clock = createManualClock();
  const sandbox = await start({ clock, testMode: true });
  const demo = await sandbox.admin.zoomDemo();
  const auth = basic(demo.clientId, demo.clientSecret);
  /** POST with grant_type and account_id in the query string and an empty body, as Zoom documents. */
  const token = (
    query: Record<string, string> = { grant_type: 'account_credentials', account_id: demo.accountId },
    /** '' sends no Authorization header. */
    authorization = auth,
  ) =>
    fetch(`${demo.tokenUrl}?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: authorization ? { Authorization: authorization } : {},
    });
  const me = (accessToken?: string) =>
    fetch(`${sandbox.url}/zoom/v2/users/me`, {
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    });
  return { clock, sandbox, demo, auth, token, me };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function accessToken(setup: Setup): Promise<string> {
  const response = await setup.token();
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const REFUSALS: [string, (s: Setup) => Promise<Response>, number, string, string][] = [
  [
    'a wrong secret',
    (s) => s.token(undefined, basic(s.demo.clientId, 'not-the-secret')),
    401,
    'invalid_client',
    'Invalid client_id or client_secret',
  ],
  [
    'an unknown client',
    (s) => s.token(undefined, basic('SomeOtherClient', s.demo.clientSecret)),
    401,
    'invalid_client',
    'Invalid client_id or client_secret',
  ],
  [
    'no Basic header',
    (s) => s.token(undefined, ''),
    401,
    'invalid_client',
    'Invalid client_id or client_secret',
  ],
  [
    'the secret as a Bearer token',
    (s) => s.token(undefined, `Bearer ${s.demo.clientSecret}`),
    401,
    'invalid_client',
    'Invalid client_id or client_secret',
  ],
  [
    'an unknown account',
    (s) => s.token({ grant_type: 'account_credentials', account_id: 'SomeoneElse' }),
    400,
    'invalid_request',
    'Invalid account_id',
  ],
  [
    'no account',
    (s) => s.token({ grant_type: 'account_credentials' }),
    400,
    'invalid_request',
    'Invalid account_id',
  ],
  [
    'the client_credentials grant',
    (s) => s.token({ grant_type: 'client_credentials', account_id: s.demo.accountId }),
    400,
    'unsupported_grant_type',
    'Unsupported grant type',
  ],
];

describe('Zoom server-to-server token endpoint', () => {
  it('hands out the app’s account, client ID, secret and token URL', async () => {
    const { sandbox, demo } = await setUp();
    expect(demo).toEqual({
      accountId: expect.any(String),
      clientId: expect.any(String),
      clientSecret: expect.stringMatching(/^\S{20,}$/),
      tokenUrl: `${sandbox.url}/zoom/oauth/token`,
    });
  });

  it('answers the documented request (query string, Basic) with a bearer token and no refresh token, which the API takes', async () => {
    const { sandbox, demo, token, me } = await setUp();
    const response = await token();
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3600,
      scope: expect.stringContaining('user:read:admin'),
      api_url: `${sandbox.url}/zoom`,
    });
    const user = await me(body.access_token as string);
    expect(user.status).toBe(200);
    expect(await user.json()).toMatchObject({ account_id: demo.accountId, client_id: demo.clientId });
  });

  it('takes the parameters from a form body too', async () => {
    const { demo, auth, me } = await setUp();
    const response = await postForm(
      demo.tokenUrl,
      { grant_type: 'account_credentials', account_id: demo.accountId },
      { Authorization: auth },
    );
    expect(response.status).toBe(200);
    expect((await me(((await response.json()) as { access_token: string }).access_token)).status).toBe(200);
  });

  it.each(REFUSALS)('refuses %s in Zoom’s words', async (_what, send, status, error, reason) => {
    const setup = await setUp();
    const response = await send(setup);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ reason, error });
  });

  it('refuses the API without a valid token with code 124', async () => {
    const { me } = await setUp();
    for (const response of [await me(), await me('made-up')]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 124, message: 'Invalid access token.' });
    }
  });

  it('ends the token when the TTL passes, not before, and says it expired', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setTtl({ accessToken: 20 });
    const response = await setup.token();
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(20);
    setup.clock.advance(19_000);
    expect((await setup.me(body.access_token)).status).toBe(200);
    setup.clock.advance(1_000);
    const expired = await setup.me(body.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ code: 124, message: 'Access token is expired.' });
  });

  it('refuses a disabled app until it is enabled again, and reset enables it', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setZoomRevoked(true);
    const refused = await setup.token();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ reason: 'The app has been disabled', error: 'invalid_client' });
    await setup.sandbox.admin.setZoomRevoked(false);
    expect((await setup.token()).status).toBe(200);
    await setup.sandbox.admin.setZoomRevoked(true);
    await setup.sandbox.admin.reset();
    expect((await setup.token()).status).toBe(200);
  });

  it('logs the grant type and the client ID, never the secret', async () => {
    const setup = await setUp();
    await setup.token();
    await setup.token(undefined, basic(setup.demo.clientId, 'not-the-secret'));
    const entries = (await setup.sandbox.admin.log()).filter((e) => e.path === '/zoom/oauth/token');
    expect(entries.map((e) => [e.grantType, e.clientId, e.authScheme, e.status])).toEqual([
      ['account_credentials', setup.demo.clientId, 'Basic', 200],
      ['account_credentials', setup.demo.clientId, 'Basic', 401],
    ]);
    expect(JSON.stringify(entries)).not.toContain(setup.demo.clientSecret);
    expect(JSON.stringify(entries)).not.toContain(setup.demo.accountId);
  });

  it('answers a scripted 429 with Retry-After in Zoom’s shape, then recovers', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.failNext({ status: 429, pathPrefix: '/zoom/' });
    const throttled = await setup.token();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.json()).toMatchObject({ code: 429 });
    const token = await accessToken(setup);
    await setup.sandbox.admin.failNext({ status: 401, pathPrefix: '/zoom/v2/' });
    expect(await (await setup.me(token)).json()).toEqual({ code: 124, message: 'Invalid access token.' });
    expect((await setup.me(token)).status).toBe(200);
  });

  it('lets a tool page on another origin read the API and the token answer', async () => {
    const setup = await setUp();
    const token = await accessToken(setup);
    const preflight = await fetch(`${setup.sandbox.url}/zoom/v2/users/me`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://tool.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const response = await fetch(`${setup.sandbox.url}/zoom/v2/users/me`, {
      headers: { Origin: 'https://tool.example', Authorization: `Bearer ${token}` },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://tool.example');
  });
});
