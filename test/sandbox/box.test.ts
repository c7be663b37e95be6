// The sandbox's Box JWT server authentication, strict about what providers.md documents: the
// config.json as the developer console downloads it (its key encrypted with PBES2), the demo app's
// assertion accepted for the enterprise and for an app user, each wrong claim, credential and the
// admin's switch refused in Box's words, a jti taken once, tokens taken by the API until the TTL
// passes, the request log, scripted faults and CORS.

import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { BOX_APP_USER_ID, createManualClock, type SandboxAdminError } from '../../sandbox/index';
import { jwtBearer, postForm, start } from './helpers';

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const SIGNATURE_ERROR =
  'Signature verification error. The public key identified by "kid" must correspond to the private key used for signing.';

async function setUp() {
  const clock = createManualClock();
  const sandbox = await start({ clock, testMode: true });
  const config = await sandbox.admin.boxDemo();
  const { clientID, clientSecret, appAuth } = config.boxAppSettings;
  const key = createPrivateKey({ key: appAuth.privateKey, format: 'pem', passphrase: appAuth.passphrase });
  const tokenUrl = `${sandbox.url}/box/oauth2/token`;
  const now = () => Math.floor(clock.now() / 1000);
  const claims = (): JWTPayload => ({
    iss: clientID,
    sub: config.enterpriseID,
    box_sub_type: 'enterprise',
    aud: tokenUrl,
    jti: randomBytes(32).toString('hex'),
    exp: now() + 45,
  });
  const sign = (
    payload: JWTPayload = claims(),
    // kid null: no kid in the header.
    { signingKey = key as KeyObject, alg = 'RS256', kid = appAuth.publicKeyID as string | null } = {},
  ) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg, typ: 'JWT', ...(kid !== null && { kid }) })
      .sign(signingKey);
  const form = async (assertion?: string): Promise<Record<string, string>> => ({
    grant_type: jwtBearer,
    assertion: assertion ?? (await sign()),
    client_id: clientID,
    client_secret: clientSecret,
  });
  const token = async (params?: Record<string, string>) => postForm(tokenUrl, params ?? (await form()));
  const me = (accessToken?: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}/box/2.0/users/me`, {
      headers: { ...headers, ...(accessToken && { Authorization: `Bearer ${accessToken}` }) },
    });
  return { clock, sandbox, config, tokenUrl, now, claims, sign, form, token, me };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function accessToken(setup: Setup, params?: Record<string, string>): Promise<string> {
  const response = await setup.token(params);
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const withClaims = (s: Setup, changes: JWTPayload) => s.sign({ ...s.claims(), ...changes });
const without = (s: Setup, name: string) => {
  const { [name]: _gone, ...rest } = s.claims();
  return s.sign(rest);
};
const formWith = async (s: Setup, changes: Record<string, string | undefined>) => {
  const all = { ...(await s.form()), ...changes };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
};

/** Token requests Box refuses, always with 400: the form, then `error` and the whole description. */
const REFUSALS: [string, (s: Setup) => Promise<Record<string, string>>, string, string][] = [
  [
    'a wrong client secret',
    (s) => formWith(s, { client_secret: 'not-the-secret' }),
    'invalid_client',
    'The client credentials are invalid',
  ],
  [
    'an unknown client ID',
    (s) => formWith(s, { client_id: 'someotherclient0000000000000000' }),
    'invalid_client',
    'The client credentials are invalid',
  ],
  [
    'no client secret',
    (s) => formWith(s, { client_secret: undefined }),
    'invalid_client',
    'The client credentials are invalid',
  ],
  [
    'a signature by another key',
    async (s) => s.form(await s.sign(s.claims(), { signingKey: otherKey })),
    'invalid_grant',
    SIGNATURE_ERROR,
  ],
  [
    'a kid that is not the publicKeyID',
    async (s) => s.form(await s.sign(s.claims(), { kid: 'other123' })),
    'invalid_grant',
    SIGNATURE_ERROR,
  ],
  ['no kid', async (s) => s.form(await s.sign(s.claims(), { kid: null })), 'invalid_grant', SIGNATURE_ERROR],
  [
    'PS256, which Box does not list',
    async (s) => s.form(await s.sign(s.claims(), { alg: 'PS256' })),
    'invalid_grant',
    SIGNATURE_ERROR,
  ],
  [
    'an iss that is not the client ID',
    async (s) => s.form(await withClaims(s, { iss: 'someotherclient0000000000000000' })),
    'invalid_grant',
    "Please check the 'iss' claim.",
  ],
  [
    "Box's own token URL as the aud",
    async (s) => s.form(await withClaims(s, { aud: 'https://api.box.com/oauth2/token' })),
    'invalid_grant',
    "Please check the 'aud' claim. Should be {tokenUrl}",
  ],
  [
    'the token URL with a trailing slash',
    async (s) => s.form(await withClaims(s, { aud: `${s.tokenUrl}/` })),
    'invalid_grant',
    "Please check the 'aud' claim. Should be {tokenUrl}",
  ],
  [
    'an expired assertion',
    async (s) => s.form(await withClaims(s, { exp: s.now() - 1 })),
    'invalid_grant',
    "Please check the 'exp' claim.",
  ],
  [
    'an exp two minutes ahead',
    async (s) => s.form(await withClaims(s, { exp: s.now() + 120 })),
    'invalid_grant',
    "Please check the 'exp' claim.",
  ],
  ['no exp', async (s) => s.form(await without(s, 'exp')), 'invalid_grant', "Please check the 'exp' claim."],
  ['no jti', async (s) => s.form(await without(s, 'jti')), 'invalid_grant', "Please check the 'jti' claim."],
  [
    'a jti of 15 characters',
    async (s) => s.form(await withClaims(s, { jti: 'a'.repeat(15) })),
    'invalid_grant',
    "Please check the 'jti' claim.",
  ],
  [
    'a jti of 129 characters',
    async (s) => s.form(await withClaims(s, { jti: 'a'.repeat(129) })),
    'invalid_grant',
    "Please check the 'jti' claim.",
  ],
  [
    'an unknown enterprise',
    async (s) => s.form(await withClaims(s, { sub: '123' })),
    'invalid_grant',
    "Please check the 'sub' claim. The 'sub' specified is invalid.",
  ],
  [
    'an unknown user',
    async (s) => s.form(await withClaims(s, { sub: '999', box_sub_type: 'user' })),
    'invalid_grant',
    "Please check the 'sub' claim. The 'sub' specified is invalid.",
  ],
  [
    'the enterprise ID as a user',
    async (s) => s.form(await withClaims(s, { box_sub_type: 'user' })),
    'invalid_grant',
    "Please check the 'sub' claim. The 'sub' specified is invalid.",
  ],
  [
    'the enterprise ID as a number',
    async (s) => s.form(await withClaims(s, { sub: Number(s.config.enterpriseID) as unknown as string })),
    'invalid_grant',
    "Please check the 'sub' claim. The 'sub' specified is invalid.",
  ],
  [
    'no box_sub_type',
    async (s) => s.form(await without(s, 'box_sub_type')),
    'invalid_grant',
    "Please check the 'box_sub_type' claim.",
  ],
  [
    'something that is not a JWT',
    (s) => s.form('not-a-jwt'),
    'invalid_request',
    'Invalid assertion parameter or parameter missing',
  ],
  [
    'no grant type',
    (s) => formWith(s, { grant_type: undefined }),
    'invalid_request',
    'Invalid grant_type parameter or parameter missing',
  ],
  [
    'another grant type',
    (s) => formWith(s, { grant_type: 'client_credentials' }),
    'unsupported_grant_type',
    'The authorization grant type is not supported by the authorization server.',
  ],
];

/** The DER's OIDs, dotted, in order: enough to tell the encryption scheme of a PKCS#8 file. */
function oids(pem: string): string[] {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
  const found: string[] = [];
  for (let i = 0; i + 1 < der.length; i += 1) {
    const length = der[i + 1]!;
    if (der[i] !== 0x06 || length > 12 || i + 2 + length > der.length) continue;
    const bytes = der.subarray(i + 2, i + 2 + length);
    const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
    let value = 0;
    for (const byte of bytes.subarray(1)) {
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) {
        parts.push(value);
        value = 0;
      }
    }
    found.push(parts.join('.'));
  }
  return found;
}

describe('Box JWT server authentication', () => {
  it('hands out config.json as the developer console downloads it, its key encrypted with PBES2', async () => {
    const { config } = await setUp();
    expect(Object.keys(config)).toEqual(['boxAppSettings', 'enterpriseID']);
    expect(Object.keys(config.boxAppSettings)).toEqual(['clientID', 'clientSecret', 'appAuth']);
    expect(Object.keys(config.boxAppSettings.appAuth)).toEqual(['publicKeyID', 'privateKey', 'passphrase']);
    expect(config.enterpriseID).toMatch(/^\d+$/);
    const { privateKey, passphrase } = config.boxAppSettings.appAuth;
    expect(privateKey).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    // PBES2 with PBKDF2 (HMAC-SHA256) and AES-256-CBC, the scheme Box's keys use.
    expect(oids(privateKey).slice(0, 4)).toEqual([
      '1.2.840.113549.1.5.13',
      '1.2.840.113549.1.5.12',
      '1.2.840.113549.2.9',
      '2.16.840.1.101.3.4.1.42',
    ]);
    expect(() => createPrivateKey({ key: privateKey, format: 'pem', passphrase: 'wrong' })).toThrow();
    expect(createPrivateKey({ key: privateKey, format: 'pem', passphrase }).asymmetricKeyType).toBe('rsa');
  });

  it('answers an enterprise assertion with a bearer token and no refresh token, which the API takes as the service account', async () => {
    const setup = await setUp();
    const response = await setup.token();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[\w-]{32}$/),
      expires_in: 3600,
      restricted_to: [],
      token_type: 'bearer',
    });
    const me = await setup.me(body.access_token as string);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      type: 'user',
      id: expect.stringMatching(/^\d+$/),
      name: expect.any(String),
      login: expect.stringMatching(/^AutomationUser_.*@boxdevedition\.com$/),
    });
  });

  it.each(['RS256', 'RS384', 'RS512'])('takes a %s assertion for the app user', async (alg) => {
    const setup = await setUp();
    const assertion = await setup.sign(
      { ...setup.claims(), sub: BOX_APP_USER_ID, box_sub_type: 'user' },
      { alg },
    );
    const token = await accessToken(setup, await setup.form(assertion));
    const me = (await (await setup.me(token)).json()) as { id: string; login: string };
    expect(me.id).toBe(BOX_APP_USER_ID);
    expect(me.login).toMatch(/^AppUser_/);
  });

  it('accepts the limits themselves: an exp 60 s ahead, jtis of 16 and 128 characters', async () => {
    const setup = await setUp();
    for (const changes of [{ exp: setup.now() + 60 }, { jti: 'j'.repeat(16) }, { jti: 'k'.repeat(128) }]) {
      const response = await setup.token(await setup.form(await withClaims(setup, changes)));
      expect(response.status).toBe(200);
    }
  });

  it.each(REFUSALS)('refuses %s in Box’s words', async (_what, make, error, description) => {
    const setup = await setUp();
    const response = await setup.token(await make(setup));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error,
      error_description: description.replace('{tokenUrl}', setup.tokenUrl),
    });
  });

  it('takes a jti once until its assertion expires, and again after a reset', async () => {
    const setup = await setUp();
    const claims = setup.claims();
    const assertion = await setup.sign(claims);
    expect((await setup.token(await setup.form(assertion))).status).toBe(200);
    const replay = await setup.token(await setup.form(assertion));
    expect(await replay.json()).toEqual({
      error: 'invalid_grant',
      error_description: "Please check the 'jti' claim.",
    });
    // The same jti in a new assertion, while the first has not expired: refused too.
    const sameJti = await setup.sign({ ...claims, exp: setup.now() + 50 });
    expect((await setup.token(await setup.form(sameJti))).status).toBe(400);
    setup.clock.advance(46_000);
    expect(
      (await setup.token(await setup.form(await setup.sign({ ...claims, exp: setup.now() + 30 })))).status,
    ).toBe(200);
    await setup.sandbox.admin.reset();
    const again = await setup.sign({ ...claims, exp: setup.now() + 30 });
    expect((await setup.token(await setup.form(again))).status).toBe(200);
  });

  it('refuses an app the enterprise admin has not authorized until it is, and reset authorizes it', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setBoxAuthorized(false);
    const refused = await setup.token();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'unauthorized_client',
      error_description: 'This app is not authorized by the enterprise admin',
    });
    await setup.sandbox.admin.setBoxAuthorized(true);
    expect((await setup.token()).status).toBe(200);
    await setup.sandbox.admin.setBoxAuthorized(false);
    await setup.sandbox.admin.reset();
    expect((await setup.token()).status).toBe(200);
    await expect(setup.sandbox.admin.setBoxAuthorized('no' as unknown as boolean)).rejects.toMatchObject({
      code: 'SBX-400',
    } satisfies Partial<SandboxAdminError>);
  });

  it('refuses the API without a valid token in Box’s shape, with WWW-Authenticate', async () => {
    const { me } = await setUp();
    for (const response of [await me(), await me('made-up-token')]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="Service", error="invalid_token"/,
      );
      expect(await response.json()).toEqual({
        type: 'error',
        status: 401,
        code: 'unauthorized',
        message: expect.any(String),
      });
    }
  });

  it('ends the token when the TTL passes, not before', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.setTtl({ accessToken: 20 });
    const response = await setup.token();
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(20);
    setup.clock.advance(19_000);
    expect((await setup.me(body.access_token)).status).toBe(200);
    setup.clock.advance(1_000);
    expect((await setup.me(body.access_token)).status).toBe(401);
  });

  it('logs the grant type and the client ID, never the assertion or the secret', async () => {
    const setup = await setUp();
    const form = await setup.form();
    await setup.token(form);
    await setup.token(await formWith(setup, { client_secret: 'not-the-secret' }));
    const entries = (await setup.sandbox.admin.log()).filter((e) => e.path === '/box/oauth2/token');
    const clientId = setup.config.boxAppSettings.clientID;
    expect(entries.map((e) => [e.grantType, e.clientId, e.status])).toEqual([
      [jwtBearer, clientId, 200],
      [jwtBearer, clientId, 400],
    ]);
    const logged = JSON.stringify(entries);
    expect(logged).not.toContain(form.assertion!.split('.')[2]);
    expect(logged).not.toContain(setup.config.boxAppSettings.clientSecret);
  });

  it('answers a scripted 429 with Retry-After on its token path and a scripted 401 at its API, in Box’s shape', async () => {
    const setup = await setUp();
    await setup.sandbox.admin.failNext({ status: 429, retryAfterSeconds: 5, pathPrefix: '/box/' });
    const throttled = await setup.token();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('5');
    expect(await throttled.json()).toMatchObject({ type: 'error', status: 429, code: 'rate_limit_exceeded' });
    const token = await accessToken(setup);
    await setup.sandbox.admin.failNext({ status: 401, pathPrefix: '/box/2.0/' });
    const refused = await setup.me(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ type: 'error', status: 401, code: 'unauthorized' });
    expect((await setup.me(token)).status).toBe(200);
  });

  it('lets a tool page on another origin call the API and read its WWW-Authenticate', async () => {
    const setup = await setUp();
    const origin = 'https://tool.example';
    const preflight = await fetch(`${setup.sandbox.url}/box/2.0/users/me`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const ok = await setup.me(await accessToken(setup), { Origin: origin });
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    const refused = await setup.me('made-up-token', { Origin: origin });
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    expect(refused.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });
});
