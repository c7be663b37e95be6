// The sandbox's Salesforce JWT bearer flow, strict about what providers.md documents: the demo
// connected app's assertion accepted, each wrong claim refused in Salesforce's words, its token
// taken by the REST API until the session timeout (the TTL) passes without use, and the request log.

import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../sandbox/index';
import { jwtBearer, postForm, start } from './helpers';

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

async function setUp() {
  const clock = createManualClock();
  const sandbox = await start({ clock, testMode: true });
  const demo = await sandbox.admin.salesforceDemo();
  const key = createPrivateKey(demo.privateKey);
  const now = () => Math.floor(clock.now() / 1000);
  const claims = (): JWTPayload => ({
    iss: demo.consumerKey,
    sub: demo.username,
    aud: demo.loginUrl,
    exp: now() + 180,
  });
  const sign = (payload: JWTPayload = claims(), signingKey: KeyObject = key, alg = 'RS256') =>
    new SignJWT(payload).setProtectedHeader({ alg }).sign(signingKey);
  const token = (assertion: string, grantType = jwtBearer) =>
    postForm(`${sandbox.url}/salesforce/services/oauth2/token`, { grant_type: grantType, assertion });
  const api = (accessToken?: string) =>
    fetch(`${sandbox.url}/salesforce/services/data/v62.0/`, {
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    });
  return { clock, sandbox, demo, now, claims, sign, token, api };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function accessToken(setup: Setup): Promise<string> {
  const response = await setup.token(await setup.sign());
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Assertions Salesforce refuses: the status is always 400; `error` and a phrase of the description. */
const REFUSALS: [string, (s: Setup) => Promise<string>, string, string][] = [
  ['a signature by another key', (s) => s.sign(s.claims(), otherKey), 'invalid_grant', 'invalid assertion'],
  ['another algorithm', (s) => s.sign(s.claims(), undefined, 'RS384'), 'invalid_grant', 'invalid assertion'],
  ['something that is not a JWT', async () => 'not.a.jwt', 'invalid_grant', 'invalid assertion'],
  [
    'another consumer key',
    (s) => s.sign({ ...s.claims(), iss: '3MVG9SomeOtherApp' }),
    'invalid_client_id',
    'client identifier invalid',
  ],
  [
    "Salesforce's own login URL as the audience",
    (s) => s.sign({ ...s.claims(), aud: 'https://login.salesforce.com' }),
    'invalid_grant',
    'audience is invalid',
  ],
  [
    'the login URL with a trailing slash',
    (s) => s.sign({ ...s.claims(), aud: `${s.demo.loginUrl}/` }),
    'invalid_grant',
    'audience is invalid',
  ],
  [
    'an expired assertion',
    (s) => s.sign({ ...s.claims(), exp: s.now() - 1 }),
    'invalid_grant',
    'invalid assertion',
  ],
  [
    'an exp ten minutes ahead',
    (s) => s.sign({ ...s.claims(), exp: s.now() + 600 }),
    'invalid_grant',
    'invalid assertion',
  ],
  [
    'no exp',
    (s) => {
      const { exp: _exp, ...claims } = s.claims();
      return s.sign(claims);
    },
    'invalid_grant',
    'invalid assertion',
  ],
  [
    'an unknown username',
    (s) => s.sign({ ...s.claims(), sub: 'someone@else.example' }),
    'invalid_grant',
    "user hasn't approved this consumer",
  ],
];

describe('Salesforce JWT bearer token endpoint', () => {
  it('hands out a PKCS#1 key, as openssl genrsa makes server.key, and the login URL', async () => {
    const { sandbox, demo } = await setUp();
    expect(demo.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(demo.loginUrl).toBe(`${sandbox.url}/salesforce`);
    expect(Object.keys(demo).sort()).toEqual(['consumerKey', 'loginUrl', 'privateKey', 'username']);
  });

  it('answers the assertion with a session token, without expires_in or a refresh token, which the API takes', async () => {
    const { clock, demo, sign, token, api } = await setUp();
    const response = await token(await sign());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, string>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^00D\w+!/),
      signature: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      scope: 'api',
      instance_url: demo.loginUrl,
      id: expect.stringMatching(new RegExp(`^${demo.loginUrl}/id/00D\\w+/005\\w+$`)),
      token_type: 'Bearer',
      issued_at: String(clock.now()),
    });

    const me = await api(body.access_token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: demo.username, org: expect.stringMatching(/^00D/) });
  });

  it('refuses the API without a valid session in its INVALID_SESSION_ID shape', async () => {
    const { api } = await setUp();
    for (const response of [await api(), await api('00Dmadeup!token')]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual([
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
    }
  });

  it('ends the session after the session timeout (the TTL) without use, not before', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setTtl({ accessToken: 20 });
    const session = await accessToken(setup);
    setup.clock.advance(9_000);
    // Used before half the timeout: it does not start again.
    expect((await setup.api(session)).status).toBe(200);
    setup.clock.advance(11_000);
    expect((await setup.api(session)).status).toBe(401);
  });

  it('keeps a session in use alive: a use past half the timeout starts it again', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setTtl({ accessToken: 20 });
    const session = await accessToken(setup);
    for (let step = 0; step < 4; step += 1) {
      setup.clock.advance(15_000);
      expect((await setup.api(session)).status).toBe(200);
    }
    setup.clock.advance(20_000);
    expect((await setup.api(session)).status).toBe(401);
  });

  it.each(REFUSALS)('refuses %s in Salesforce’s words', async (_what, make, error, words) => {
    const setup = await setUp();
    const response = await setup.token(await make(setup));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe(error);
    expect(body.error_description).toContain(words);
  });

  it('accepts an exp five minutes ahead, the longest allowed', async () => {
    const setup = await setUp();
    const response = await setup.token(await setup.sign({ ...setup.claims(), exp: setup.now() + 300 }));
    expect(response.status).toBe(200);
  });

  it('refuses a user not pre-authorized for the app until the admin approves it again, and reset approves', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setSalesforceApproved(false);
    const refused = await setup.token(await setup.sign());
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'invalid_grant',
      error_description: "user hasn't approved this consumer",
    });
    await setup.sandbox.admin.setSalesforceApproved(true);
    expect((await setup.token(await setup.sign())).status).toBe(200);
    await setup.sandbox.admin.setSalesforceApproved(false);
    await setup.sandbox.admin.reset();
    expect((await setup.token(await setup.sign())).status).toBe(200);
  });

  it('refuses another grant type', async () => {
    const setup = await setUp();
    const response = await setup.token(await setup.sign(), 'client_credentials');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('logs the grant type and the consumer key, never the assertion', async () => {
    const setup = await setUp();
    const assertion = await setup.sign();
    await setup.token(assertion);
    await setup.token(await setup.sign({ ...setup.claims(), aud: 'https://login.salesforce.com' }));
    const entries = (await setup.sandbox.admin.log()).filter(
      (e) => e.path === '/salesforce/services/oauth2/token',
    );
    expect(entries.map((e) => [e.grantType, e.clientId, e.status])).toEqual([
      [jwtBearer, setup.demo.consumerKey, 200],
      [jwtBearer, setup.demo.consumerKey, 400],
    ]);
    expect(JSON.stringify(entries)).not.toContain(assertion.split('.')[2]);
  });

  it('answers a scripted 429 with Retry-After on its token path, then recovers', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.failNext({ status: 429, retryAfterSeconds: 7, pathPrefix: '/salesforce/' });
    const throttled = await setup.token(await setup.sign());
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toEqual([
      { message: expect.any(String), errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    expect((await setup.token(await setup.sign())).status).toBe(200);
  });

  it('answers a scripted 401 at its API in its own shape', async () => {
    const setup = await setUp();
    const session = await accessToken(setup);
    await setup.sandbox.admin.failNext({ status: 401, pathPrefix: '/salesforce/services/data/' });
    const refused = await setup.api(session);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    expect((await setup.api(session)).status).toBe(200);
  });
});
