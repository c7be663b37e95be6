// Every row of the protocol's token-endpoint error table, plus the API's 401 bodies.

import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { type AppSeed, createManualClock, type ManualClock, type Sandbox } from '../../sandbox/index';
import {
  apps,
  basic,
  exchange,
  getExtension,
  jwtBearer,
  postForm,
  refresh,
  start,
  tokenRequest,
  users,
} from './helpers';

type Setup = (sandbox: Sandbox, clock: ManualClock) => Promise<Response>;

const jwtGrant = (sandbox: Sandbox, app: AppSeed = apps.demo, jwt = sandbox.jwts.demo) =>
  tokenRequest(sandbox.url, app, { grant_type: jwtBearer, assertion: jwt });

/** The demo JWT's header and claims, signed with a key that is not the sandbox's. */
async function resigned(sandbox: Sandbox, alg: 'HS256' | 'RS256'): Promise<string> {
  const [header = '', payload = ''] = sandbox.jwts.demo.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
  const key =
    alg === 'HS256' ? new TextEncoder().encode('a'.repeat(32)) : (await generateKeyPair('RS256')).privateKey;
  return new SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);
}

interface Row {
  case: string;
  setup: Setup;
  status: number;
  error: string | undefined;
  errorCode: string;
  retryAfter?: boolean;
}

const rows: Row[] = [
  {
    case: 'no client authentication',
    setup: (s) => postForm(`${s.url}/restapi/oauth/token`, { grant_type: jwtBearer, assertion: s.jwts.demo }),
    status: 401,
    error: 'invalid_client',
    errorCode: 'OAU-123',
  },
  {
    case: 'wrong client secret',
    setup: (s) =>
      postForm(
        `${s.url}/restapi/oauth/token`,
        { grant_type: jwtBearer, assertion: s.jwts.demo },
        { Authorization: basic(apps.demo.clientId, 'not-the-secret') },
      ),
    status: 401,
    error: 'invalid_client',
    errorCode: 'OAU-146',
  },
  {
    case: 'unknown client ID',
    setup: (s) =>
      postForm(
        `${s.url}/restapi/oauth/token`,
        { grant_type: jwtBearer, assertion: s.jwts.demo },
        { Authorization: basic('NoSuchClient', 'x') },
      ),
    status: 401,
    error: 'invalid_client',
    errorCode: 'OAU-153',
  },
  {
    case: 'app not enabled for the JWT grant',
    setup: (s) => jwtGrant(s, apps.noJwtGrant),
    status: 400,
    error: 'unauthorized_client',
    errorCode: 'OAU-251',
  },
  {
    case: 'unsupported grant type',
    setup: (s) => tokenRequest(s.url, apps.demo, { grant_type: 'password', username: 'a', password: 'b' }),
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-250',
  },
  {
    case: 'assertion malformed',
    setup: (s) => jwtGrant(s, apps.demo, 'not-a-jwt'),
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-345',
  },
  {
    case: 'assertion signature invalid (tampered)',
    setup: (s) => jwtGrant(s, apps.demo, `${s.jwts.demo.slice(0, -6)}AAAAAA`),
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-345',
  },
  {
    case: 'assertion signature invalid (another RSA key)',
    setup: async (s) => jwtGrant(s, apps.demo, await resigned(s, 'RS256')),
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-345',
  },
  {
    case: 'assertion signed with HS256',
    setup: async (s) => jwtGrant(s, apps.demo, await resigned(s, 'HS256')),
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-347',
  },
  {
    case: 'JWT expired (its exp)',
    setup: async (s, clock) => {
      const issued = await s.admin.issueCredential({
        userId: users.alice.id,
        expiresAt: new Date(clock.now() + 60_000).toISOString(),
      });
      clock.advance(61_000);
      return jwtGrant(s, apps.demo, issued.jwt);
    },
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-210',
  },
  {
    case: 'JWT expired (by the admin)',
    setup: async (s) => {
      await s.admin.expireCredential(s.seed.credentials.demo.id);
      return jwtGrant(s);
    },
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-210',
  },
  {
    case: 'JWT revoked',
    setup: async (s) => {
      await s.admin.revokeCredential(s.seed.credentials.demo.id);
      return jwtGrant(s);
    },
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-213',
  },
  {
    case: 'JWT deleted',
    setup: async (s) => {
      await s.admin.deleteCredential(s.seed.credentials.demo.id);
      return jwtGrant(s);
    },
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-213',
  },
  {
    case: 'JWT restricted to other client IDs',
    setup: (s) => jwtGrant(s, apps.demo, s.jwts.restricted),
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-140',
  },
  {
    case: "JWT for the organization's apps, used by another organization's app",
    setup: (s) => jwtGrant(s, apps.otherOrg),
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-140',
  },
  {
    case: 'refresh token unknown',
    setup: (s) => refresh(s.url, 'U1BCnot-a-token'),
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-213',
  },
  {
    case: 'refresh token already used (after the grace window)',
    setup: async (s, clock) => {
      const first = await exchange(s.url, s.jwts.demo);
      const second = (await (await refresh(s.url, first.refresh_token!)).json()) as { access_token: string };
      await getExtension(s.url, second.access_token);
      clock.advance(10_000);
      return refresh(s.url, first.refresh_token!);
    },
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-213',
  },
  {
    case: 'refresh token expired',
    setup: async (s, clock) => {
      const tokens = await exchange(s.url, s.jwts.demo);
      clock.advance(604_800_000);
      return refresh(s.url, tokens.refresh_token!);
    },
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-210',
  },
  {
    case: 'rate limited',
    setup: async (s) => {
      await s.admin.rateLimitNow(users.alice.id);
      return jwtGrant(s);
    },
    status: 429,
    error: undefined,
    errorCode: 'CMN-301',
    retryAfter: true,
  },
  {
    case: 'busy',
    setup: async (s) => {
      await s.admin.failNext({ status: 503, retryAfterSeconds: 3 });
      return jwtGrant(s);
    },
    status: 503,
    error: undefined,
    errorCode: 'CMN-201',
    retryAfter: true,
  },
];

describe('token endpoint error table', () => {
  it.each(rows)('$case → $status $errorCode', async (row) => {
    const clock = createManualClock();
    const sandbox = await start({ clock });

    const response = await row.setup(sandbox, clock);
    const body = await response.json();

    expect(response.status).toBe(row.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.errors).toEqual([{ errorCode: row.errorCode, message: expect.any(String) }]);
    if (row.error) {
      // OAuth shape: {"error","error_description","errors":[{"errorCode","message"}]}
      expect(Object.keys(body).sort()).toEqual(['error', 'error_description', 'errors']);
      expect(body.error).toBe(row.error);
      expect(body.error_description).toBe(body.errors[0].message);
    } else {
      // Platform shape: {"errorCode","message","errors":[…]}
      expect(Object.keys(body).sort()).toEqual(['errorCode', 'errors', 'message']);
      expect(body.errorCode).toBe(row.errorCode);
    }
    if (row.retryAfter) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('takes other errorCodes for the (choice) cases when configured', async () => {
    const sandbox = await start({ errorCodes: { credentialNotAllowed: 'OAU-999' } });

    const body = await (await jwtGrant(sandbox, apps.demo, sandbox.jwts.restricted)).json();

    expect(body).toMatchObject({ error: 'invalid_grant', errors: [{ errorCode: 'OAU-999' }] });
  });
});

describe('API 401 bodies', () => {
  it('answers AGW-401 when there is no Authorization header', async () => {
    const sandbox = await start();

    const response = await getExtension(sandbox.url);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errorCode: 'AGW-401',
      message: 'Authorization header is not specified',
    });
  });

  it.each([
    ['an unknown token', 'Bearer U1BCunknown'],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['an empty bearer', 'Bearer'],
  ])('answers TokenInvalid / OAU-149 for %s', async (_name, authorization) => {
    const sandbox = await start();

    const response = await fetch(`${sandbox.url}/restapi/v1.0/account/~/extension/~`, {
      headers: { Authorization: authorization },
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errorCode: 'TokenInvalid',
      message: 'Invalid token',
      errors: [{ errorCode: 'OAU-149', message: 'Invalid token' }],
    });
  });

  it('answers TokenInvalid / OAU-128 for an expired token', async () => {
    const clock = createManualClock();
    const sandbox = await start({ clock });
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    clock.advance(3600_000);

    const response = await getExtension(sandbox.url, tokens.access_token);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      errorCode: 'TokenInvalid',
      errors: [{ errorCode: 'OAU-128' }],
    });
  });

  it('matches the bearer scheme case-insensitively', async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);

    const response = await fetch(`${sandbox.url}/restapi/v1.0/account/~`, {
      headers: { Authorization: `bEaReR ${tokens.access_token}` },
    });

    expect(response.status).toBe(200);
  });
});
