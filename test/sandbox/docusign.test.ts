// The sandbox's DocuSign JWT grant, strict about what providers.md documents: the demo
// integration's assertion (aud = the account server's host, no scheme) accepted, each wrong claim
// refused in DocuSign's words, consent_required until the consent link is opened, userinfo naming
// the account's base_uri, tokens taken by the API until the TTL passes, the request log, scripted
// faults and CORS.

import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../sandbox/index';
import { jwtBearer, postForm, start } from './helpers';

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

async function setUp() {
  const clock = createManualClock();
  const sandbox = await start({ clock, testMode: true });
  const demo = await sandbox.admin.docusignDemo();
  const key = createPrivateKey(demo.privateKey);
  const host = new URL(sandbox.url).host;
  const now = () => Math.floor(clock.now() / 1000);
  const claims = (): JWTPayload => ({
    iss: demo.integrationKey,
    sub: demo.userId,
    aud: host,
    iat: now(),
    exp: now() + 3600,
    scope: 'signature impersonation',
  });
  const sign = (payload: JWTPayload = claims(), signingKey: KeyObject = key, alg = 'RS256') =>
    new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(signingKey);
  const token = async (assertion?: string, grantType = jwtBearer) =>
    postForm(`${demo.accountServer}/oauth/token`, {
      grant_type: grantType,
      assertion: assertion ?? (await sign()),
    });
  const bearer = (accessToken?: string, headers: Record<string, string> = {}) => ({
    headers: { ...headers, ...(accessToken && { Authorization: `Bearer ${accessToken}` }) },
  });
  const userinfo = (accessToken?: string) =>
    fetch(`${demo.accountServer}/oauth/userinfo`, bearer(accessToken));
  // The account's ID, as a client learns it: from userinfo. The reset forgets that token and its log.
  const first = (await (await token()).json()) as { access_token: string };
  const info = (await (await userinfo(first.access_token)).json()) as { accounts: { account_id: string }[] };
  const demoAccount = info.accounts[0]!.account_id;
  await sandbox.admin.reset();
  const api = (accessToken?: string, accountId = demoAccount, headers = {}) =>
    fetch(`${demo.apiBaseUri}/restapi/v2.1/accounts/${accountId}/users`, bearer(accessToken, headers));
  return { clock, sandbox, demo, host, now, claims, sign, token, userinfo, api };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function accessToken(setup: Setup): Promise<string> {
  const response = await setup.token();
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const withClaims = (s: Setup, changes: JWTPayload) => s.sign({ ...s.claims(), ...changes });
const without = (s: Setup, name: string) => {
  const { [name]: _gone, ...rest } = s.claims();
  return s.sign(rest);
};
const invalidGrant = (description: string) => ({ error: 'invalid_grant', error_description: description });

/** Assertions DocuSign refuses, always with 400, and its whole answer. */
const REFUSALS: [string, (s: Setup) => Promise<string>, Record<string, string>][] = [
  [
    'a signature by another key',
    (s) => s.sign(s.claims(), otherKey),
    invalidGrant('no_valid_keys_or_signatures'),
  ],
  ['RS384', (s) => s.sign(s.claims(), undefined, 'RS384'), invalidGrant('no_valid_keys_or_signatures')],
  [
    'an unknown integration key',
    (s) => withClaims(s, { iss: '00000000-0000-4000-8000-000000000000' }),
    invalidGrant('issuer_not_found'),
  ],
  [
    'the account server with its scheme as the aud',
    (s) => withClaims(s, { aud: `http://${s.host}` }),
    invalidGrant('issuer_not_found'),
  ],
  [
    "DocuSign's own demo host as the aud",
    (s) => withClaims(s, { aud: 'account-d.docusign.com' }),
    invalidGrant('issuer_not_found'),
  ],
  [
    'an unknown user',
    (s) => withClaims(s, { sub: '00000000-0000-4000-8000-0000000000aa' }),
    invalidGrant('user_not_found'),
  ],
  ['no iat', (s) => without(s, 'iat'), invalidGrant('no_valid_keys_or_signatures')],
  ['no exp', (s) => without(s, 'exp'), invalidGrant('no_valid_keys_or_signatures')],
  [
    'an exp before its iat',
    (s) => withClaims(s, { exp: s.now() - 10 }),
    invalidGrant('no_valid_keys_or_signatures'),
  ],
  [
    'an exp more than an hour after iat',
    (s) => withClaims(s, { exp: s.now() + 3601 }),
    invalidGrant('no_valid_keys_or_signatures'),
  ],
  [
    'an iat five minutes ahead',
    (s) => withClaims(s, { iat: s.now() + 300, exp: s.now() + 600 }),
    invalidGrant('no_valid_keys_or_signatures'),
  ],
  [
    'an expired assertion',
    (s) => withClaims(s, { iat: s.now() - 600, exp: s.now() - 1 }),
    invalidGrant('no_valid_keys_or_signatures'),
  ],
  ['no scope', (s) => without(s, 'scope'), { error: 'consent_required' }],
  [
    'the signature scope without impersonation',
    (s) => withClaims(s, { scope: 'signature' }),
    { error: 'consent_required' },
  ],
  [
    'a scope the user has not consented to',
    (s) => withClaims(s, { scope: 'signature impersonation organization_read' }),
    { error: 'consent_required' },
  ],
  ['something that is not a JWT', async () => 'not-a-jwt', { error: 'invalid_request' }],
];

describe('DocuSign JWT grant', () => {
  it('hands out the integration key, user, account server, PKCS#1 key, consent link and API base', async () => {
    const { sandbox, demo } = await setUp();
    expect(Object.keys(demo).sort()).toEqual([
      'accountServer',
      'apiBaseUri',
      'consentUrl',
      'integrationKey',
      'privateKey',
      'userId',
    ]);
    expect(demo.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(demo.accountServer).toBe(`${sandbox.url}/docusign`);
    expect(demo.apiBaseUri).toBe(`${sandbox.url}/docusign-api`);
    expect(demo.consentUrl).toContain('scope=signature%20impersonation');
    const consent = new URL(demo.consentUrl);
    expect(`${consent.origin}${consent.pathname}`).toBe(`${demo.accountServer}/oauth/auth`);
    expect(Object.fromEntries(consent.searchParams)).toEqual({
      response_type: 'code',
      scope: 'signature impersonation',
      client_id: demo.integrationKey,
      redirect_uri: `${sandbox.url}/docusign/consented`,
    });
  });

  it('answers the assertion with an hour’s bearer token and no refresh token; userinfo gives the base_uri the API answers under', async () => {
    const setup = await setUp();
    const response = await setup.token();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });

    const info = await setup.userinfo(body.access_token as string);
    expect(info.status).toBe(200);
    const user = (await info.json()) as { accounts: { account_id: string; base_uri: string }[] };
    expect(user).toMatchObject({
      sub: setup.demo.userId,
      name: expect.any(String),
      email: expect.stringContaining('@'),
      accounts: [
        {
          account_id: expect.any(String),
          is_default: true,
          account_name: expect.any(String),
          base_uri: setup.demo.apiBaseUri,
        },
      ],
    });
    const [account] = user.accounts;
    const users = await fetch(`${account!.base_uri}/restapi/v2.1/accounts/${account!.account_id}/users`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect(users.status).toBe(200);
    expect(await users.json()).toMatchObject({ accountId: account!.account_id, userId: setup.demo.userId });
  });

  it('refuses another account at the API', async () => {
    const setup = await setUp();
    const refused = await setup.api(await accessToken(setup), '00000000-0000-4000-8000-0000000000ac');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errorCode: 'USER_LACKS_MEMBERSHIP' });
  });

  it('refuses userinfo and the API without a valid token, each in its shape', async () => {
    const { userinfo, api } = await setUp();
    for (const response of [await userinfo(), await userinfo('made-up')]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: 'internal_server_error',
        reference_id: expect.any(String),
      });
    }
    for (const response of [await api(), await api('made-up')]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        errorCode: 'USER_AUTHENTICATION_FAILED',
        message: expect.any(String),
      });
    }
  });

  it('ends the token when the TTL passes, not before', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setTtl({ accessToken: 20 });
    const body = (await (await setup.token()).json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(20);
    setup.clock.advance(19_000);
    expect((await setup.api(body.access_token)).status).toBe(200);
    expect((await setup.userinfo(body.access_token)).status).toBe(200);
    setup.clock.advance(1_000);
    expect((await setup.api(body.access_token)).status).toBe(401);
    expect((await setup.userinfo(body.access_token)).status).toBe(401);
  });

  it.each(REFUSALS)('refuses %s in DocuSign’s words', async (_what, make, answer) => {
    const setup = await setUp();
    const response = await setup.token(await make(setup));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(answer);
  });

  it('refuses another grant type', async () => {
    const setup = await setUp();
    const response = await setup.token(undefined, 'client_credentials');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'unsupported_grant_type' });
  });

  it('accepts an assertion of exactly an hour, and one with a skewed iat a little ahead', async () => {
    const setup = await setUp();
    expect((await setup.token(await withClaims(setup, { exp: setup.now() + 3600 }))).status).toBe(200);
    const skewed = await withClaims(setup, { iat: setup.now() + 20, exp: setup.now() + 600 });
    expect((await setup.token(skewed)).status).toBe(200);
  });

  it('answers consent_required once consent is taken back, until the consent link is opened', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setDocusignConsent(false);
    const refused = await setup.token();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'consent_required' });

    // A plain fetch follows the redirect back to /docusign/consented, with a code.
    const page = await fetch(setup.demo.consentUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.url).toMatch(new RegExp(`^${setup.sandbox.url}/docusign/consented\\?code=[\\w-]+$`));
    expect(await page.text()).toContain('Consent granted');
    expect((await setup.token()).status).toBe(200);
  });

  it('sends the browser back to an http(s) redirect_uri with a code and the state', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setDocusignConsent(false);
    const url = new URL(setup.demo.consentUrl);
    url.searchParams.set('redirect_uri', 'https://app.example/callback?from=docusign');
    url.searchParams.set('state', 'xyz');
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe('https://app.example/callback');
    expect(back.searchParams.get('from')).toBe('docusign');
    expect(back.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    expect(back.searchParams.get('state')).toBe('xyz');
    expect((await setup.token()).status).toBe(200);
  });

  it('records consent with a page of its own when there is no http(s) redirect_uri, for the scopes asked only', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setDocusignConsent(false);
    const url = new URL(setup.demo.consentUrl);
    url.searchParams.set('redirect_uri', 'javascript:alert(1)');
    url.searchParams.set('scope', 'signature');
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await page.text()).toContain('Consent granted');
    // impersonation was not consented to.
    expect(await (await setup.token()).json()).toEqual({ error: 'consent_required' });
    url.searchParams.delete('redirect_uri');
    url.searchParams.set('scope', 'impersonation');
    expect((await fetch(url)).status).toBe(200);
    expect((await setup.token()).status).toBe(200);
  });

  it.each([
    ['another integration key', { client_id: '00000000-0000-4000-8000-000000000000' }],
    ['another response type', { response_type: 'token' }],
    ['no scope', { scope: '' }],
  ])('records no consent for %s', async (_what, changes) => {
    const setup = await setUp();
    await setup.sandbox.admin.setDocusignConsent(false);
    const url = new URL(setup.demo.consentUrl);
    for (const [name, value] of Object.entries(changes)) url.searchParams.set(name, value);
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await (await setup.token()).json()).toEqual({ error: 'consent_required' });
  });

  it('is consented again after a reset, and the admin switch takes a boolean only', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setDocusignConsent(false);
    await setup.sandbox.admin.reset();
    expect((await setup.token()).status).toBe(200);
    await expect(setup.sandbox.admin.setDocusignConsent(1 as unknown as boolean)).rejects.toMatchObject({
      code: 'SBX-400',
    });
  });

  it('logs the grant type and the integration key, never the assertion', async () => {
    const setup = await setUp();
    const assertion = await setup.sign();
    await setup.token(assertion);
    await setup.token(await withClaims(setup, { sub: '00000000-0000-4000-8000-0000000000aa' }));
    const entries = (await setup.sandbox.admin.log()).filter((e) => e.path === '/docusign/oauth/token');
    expect(entries.map((e) => [e.grantType, e.clientId, e.status])).toEqual([
      [jwtBearer, setup.demo.integrationKey, 200],
      [jwtBearer, setup.demo.integrationKey, 400],
    ]);
    expect(JSON.stringify(entries)).not.toContain(assertion.split('.')[2]);
  });

  it('answers scripted faults: 429 with Retry-After at the account server and the API, 401 at the API', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.failNext({ status: 429, retryAfterSeconds: 4, pathPrefix: '/docusign/' });
    const throttled = await setup.token();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('4');
    expect(await throttled.json()).toMatchObject({ error: 'rate_limited' });
    const token = await accessToken(setup);

    await setup.sandbox.admin.failNext({ status: 429, pathPrefix: '/docusign-api/' });
    const apiThrottled = await setup.api(token);
    expect(apiThrottled.status).toBe(429);
    expect(apiThrottled.headers.get('retry-after')).toBe('1');
    expect(await apiThrottled.json()).toMatchObject({ errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED' });

    await setup.sandbox.admin.failNext({ status: 401, pathPrefix: '/docusign-api/' });
    const refused = await setup.api(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ errorCode: 'USER_AUTHENTICATION_FAILED' });
    expect((await setup.api(token)).status).toBe(200);
  });

  it('lets a tool page on another origin call the API', async () => {
    const setup = await setUp();
    const origin = 'https://tool.example';
    const preflight = await fetch(`${setup.demo.apiBaseUri}/restapi/v2.1/accounts/x/users`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const response = await setup.api(await accessToken(setup), undefined, { Origin: origin });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  });
});
