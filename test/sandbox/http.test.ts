// CORS for browser tools, and bad input of every kind answered with JSON instead of a crash.

import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../sandbox/form';
import { apps, basic, errorCodeOf, exchange, jwtBearer, postForm, start, tokenRequest } from './helpers';

const origin = 'http://localhost:3000';

describe('CORS', () => {
  it('answers a preflight with 204 and the headers a browser tool needs', async () => {
    const sandbox = await start();

    const response = await fetch(`${sandbox.url}/restapi/oauth/token`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('timing-allow-origin')).toBe(origin);
    expect(response.headers.get('vary')).toBe('Origin');
    const allowed = response.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('reflects the origin and exposes the rate-limit headers on answers, errors included', async () => {
    const sandbox = await start();
    const other = 'https://tool.example';

    const token = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
    });
    const denied = await fetch(`${sandbox.url}/restapi/v1.0/account/~`, { headers: { Origin: other } });
    const withOrigin = await fetch(`${sandbox.url}/restapi/oauth/jwks`, { headers: { Origin: origin } });

    expect(token.headers.get('access-control-allow-origin')).toBeNull();
    expect(token.headers.get('vary')).toBe('Origin');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(other);
    expect(withOrigin.headers.get('access-control-allow-origin')).toBe(origin);
    expect(withOrigin.headers.get('timing-allow-origin')).toBe(origin);
    const exposed = withOrigin.headers.get('access-control-expose-headers')!;
    for (const name of ['Retry-After', 'X-Rate-Limit-Group', 'X-Rate-Limit-Remaining'])
      expect(exposed).toContain(name);
  });
});

describe('JWKS', () => {
  it('publishes the public key that verifies the credentials', async () => {
    const sandbox = await start();

    const { keys } = await (await fetch(`${sandbox.url}/restapi/oauth/jwks`)).json();
    const [header = ''] = sandbox.jwts.demo.split('.');
    const jwtHeader = JSON.parse(Buffer.from(header, 'base64url').toString());

    expect(jwtHeader).toEqual({ alg: 'RS256', kid: keys[0].kid, typ: 'JWT' });
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('signs JWTs with the documented claims and a far-future exp when there is no expiry', async () => {
    const sandbox = await start();

    const [, payload = ''] = sandbox.jwts.demo.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());

    expect(claims).toEqual({
      iss: sandbox.url,
      aud: `${sandbox.url}/restapi/oauth/token`,
      sub: '208594004',
      iat: expect.any(Number),
      exp: Date.UTC(2093, 0, 1) / 1000,
      jti: sandbox.seed.credentials.demo.id,
    });
  });
});

describe('bad input', () => {
  const tokenUrl = (url: string) => `${url}/restapi/oauth/token`;
  const auth = { Authorization: basic(apps.demo.clientId, apps.demo.clientSecret) };

  it.each([
    ['a bad percent-encoding', 'grant_type=%zz'],
    ['raw non-ASCII bytes', 'grant_type=jwt\u00e9'],
    ['a nameless parameter', '=value&grant_type=x'],
    ['bytes that are not a form', '\u0000\u0001\u0002'],
  ])('refuses a form body with %s: 400 invalid_request', async (_name, body) => {
    const sandbox = await start();

    const response = await postForm(tokenUrl(sandbox.url), body, auth);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      errors: [{ errorCode: 'OAU-101' }],
    });
  });

  it('refuses duplicate parameters with OAU-111', async () => {
    const sandbox = await start();

    const response = await postForm(tokenUrl(sandbox.url), 'grant_type=a&grant_type=b', auth);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      error_description: 'Duplicate parameter [grant_type]',
      errors: [{ errorCode: 'OAU-111' }],
    });
  });

  it.each([
    ['JSON', 'application/json'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['no content type', undefined],
  ])('refuses %s at the token endpoint with a clear message', async (_name, type) => {
    const sandbox = await start();

    const response = await fetch(tokenUrl(sandbox.url), {
      method: 'POST',
      headers: { ...auth, ...(type && { 'Content-Type': type }) },
      body: JSON.stringify({ grant_type: jwtBearer, assertion: sandbox.jwts.demo }),
    });
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_request', errors: [{ errorCode: 'OAU-101' }] });
    expect(body.error_description).toContain('application/x-www-form-urlencoded');
  });

  it('answers 413 to a body over 64 KiB, then keeps serving', async () => {
    const sandbox = await start();

    const response = await postForm(tokenUrl(sandbox.url), `assertion=${'a'.repeat(70 * 1024)}`, auth);

    expect(response.status).toBe(413);
    expect(errorCodeOf(await response.json())).toBe('SBX-413');
    expect((await exchange(sandbox.url, sandbox.jwts.demo)).access_token).toBeTruthy();
  });

  it('refuses missing parameters with invalid_request', async () => {
    const sandbox = await start();

    const noAssertion = await tokenRequest(sandbox.url, apps.demo, { grant_type: jwtBearer });
    const noRefreshToken = await tokenRequest(sandbox.url, apps.demo, { grant_type: 'refresh_token' });
    const noGrant = await tokenRequest(sandbox.url, apps.demo, {});

    expect(errorCodeOf(await noAssertion.json())).toBe('OAU-101');
    expect(errorCodeOf(await noRefreshToken.json())).toBe('OAU-101');
    expect(errorCodeOf(await noGrant.json())).toBe('OAU-250');
  });

  it.each([
    ['garbage', 'garbage'],
    ['three garbage parts', 'a.b.c'],
    ['an unsigned JWT', `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.`],
  ])('refuses %s as an assertion without crashing', async (_name, assertion) => {
    const sandbox = await start();

    const response = await tokenRequest(sandbox.url, apps.demo, { grant_type: jwtBearer, assertion });

    expect(response.status).toBe(400);
    expect(['OAU-345', 'OAU-347']).toContain(errorCodeOf(await response.json()));
  });

  it('answers unknown paths with 404 JSON and wrong methods with 405', async () => {
    const sandbox = await start();

    const missing = await fetch(`${sandbox.url}/nowhere?x=1`);
    const wrongMethod = await fetch(`${sandbox.url}/restapi/oauth/token`);

    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errorCode: 'SBX-404' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it("answers 404 for another account's resources", async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);

    const response = await fetch(`${sandbox.url}/restapi/v1.0/account/1/extension/~`, {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    });

    expect(response.status).toBe(404);
  });

  it('survives a request that is not HTTP at all', async () => {
    const sandbox = await start();
    const { port, hostname } = new URL(sandbox.url);

    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write('NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk;
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });

    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await exchange(sandbox.url, sandbox.jwts.demo)).access_token).toBeTruthy();
  });
});

describe('parseForm', () => {
  it('decodes + and percent-escapes and skips empty pairs', () => {
    const result = parseForm(Buffer.from('a=1+2&&b=%2F&c'));

    expect(result).toEqual({
      ok: true,
      params: new Map([
        ['a', '1 2'],
        ['b', '/'],
        ['c', ''],
      ]),
    });
  });

  it('refuses percent-escapes that are not UTF-8', () => {
    expect(parseForm(Buffer.from('a=%FF'))).toMatchObject({ ok: false, problem: 'malformed' });
  });
});
