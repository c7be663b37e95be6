// The sandbox's private_key_jwt client credentials for Okta, Auth0 and Entra, strict about what
// providers.md documents: each demo client's assertion accepted, every wrong claim refused in the
// provider's words and shape, its token taken by its API (and by no other) until the TTL passes,
// the admin switches, reset, the request log and scripted faults.

import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  X509Certificate,
} from 'node:crypto';
import { importPKCS8, type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  AUTH0_API_IDENTIFIER,
  type ClientAssertionDemo,
  type ClientAssertionProvider,
  createManualClock,
  SandboxAdminError,
} from '../../sandbox/index';
import { postForm, start } from './helpers';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const providers: ClientAssertionProvider[] = ['okta', 'auth0', 'entra'];

const thumbprintOf = (pem: string, hash: 'sha256' | 'sha1' = 'sha256') =>
  createHash(hash).update(new X509Certificate(pem).raw).digest('base64url');

/** One token request, before it is signed and sent; a form value of undefined is left out. */
interface Attempt {
  header: JWTHeaderParameters;
  claims: JWTPayload;
  key: CryptoKey | KeyObject;
  form: Record<string, string | undefined>;
  /** Entra's token URL may name another tenant. */
  tokenUrl: string;
}

async function setUp(provider: ClientAssertionProvider) {
  const clock = createManualClock();
  const sandbox = await start({ clock, testMode: true });
  const demos = await sandbox.admin.clientAssertionDemo();
  const demo = demos[provider];
  const key = await importPKCS8(demo.privateKey, 'RS256');
  const now = () => Math.floor(clock.now() / 1000);
  const attempt = (): Attempt => ({
    header:
      provider === 'entra'
        ? { alg: 'RS256', typ: 'JWT', 'x5t#S256': thumbprintOf(demo.certificate!) }
        : { alg: 'RS256', typ: 'JWT', kid: demo.keyId },
    claims: {
      iss: demo.clientId,
      sub: demo.clientId,
      aud: demo.assertionAudience,
      iat: now(),
      exp: now() + 180,
      jti: randomUUID(),
    },
    key,
    form: {
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      ...(demo.scope && { scope: demo.scope }),
      ...(demo.audience && { audience: demo.audience }),
    },
    tokenUrl: demo.tokenUrl,
  });
  const sign = (a: Attempt) => new SignJWT(a.claims).setProtectedHeader(a.header).sign(a.key);
  const send = async (a: Attempt, assertion?: string) => {
    const form = { ...a.form, client_assertion: assertion ?? (await sign(a)) };
    const defined = Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined);
    return postForm(a.tokenUrl, Object.fromEntries(defined));
  };
  const api = (accessToken?: string, which: ClientAssertionProvider = provider) =>
    fetch(`${sandbox.url}/${which}/api/whoami`, {
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    });
  return { clock, sandbox, demo, demos, now, attempt, sign, send, api };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function accessToken(setup: Setup): Promise<string> {
  const response = await setup.send(setup.attempt());
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** [status, error, a phrase of error_description] */
type Expected = [number, string, string];

const change =
  (edit: (a: Attempt, s: Setup) => void) =>
  (s: Setup): Attempt => {
    const a = s.attempt();
    edit(a, s);
    return a;
  };

/** Refusals every provider makes, each in its own words. */
const COMMON: {
  what: string;
  make: (s: Setup) => Attempt;
  expected: Record<ClientAssertionProvider, Expected>;
}[] = [
  {
    what: 'a signature by another key',
    make: change((a) => {
      a.key = otherKey;
    }),
    expected: {
      okta: [401, 'invalid_client', 'The client_assertion signature is invalid.'],
      auth0: [401, 'invalid_client', 'signature verification failed'],
      entra: [401, 'invalid_client', 'AADSTS700027: Client assertion contains an invalid signature'],
    },
  },
  {
    what: 'an unknown client',
    make: change((a) => {
      a.claims.iss = 'someone-else';
      a.claims.sub = 'someone-else';
    }),
    expected: {
      okta: [401, 'invalid_client', "Invalid value for 'client_id' parameter."],
      auth0: [401, 'invalid_client', "unknown client 'someone-else'"],
      entra: [
        400,
        'unauthorized_client',
        "AADSTS700016: Application with identifier 'someone-else' was not found",
      ],
    },
  },
  {
    what: 'a sub that is not the client',
    make: change((a) => {
      a.claims.sub = 'someone-else';
    }),
    expected: {
      okta: [401, 'invalid_client', "'iss' and 'sub' claims must both be the client_id"],
      auth0: [401, 'invalid_client', "'iss' and 'sub' claims must both be the client_id"],
      entra: [401, 'invalid_client', "AADSTS700021: Client assertion application identifier doesn't match"],
    },
  },
  {
    what: 'a client_id parameter naming another client',
    make: change((a) => {
      a.form.client_id = 'someone-else';
    }),
    expected: {
      okta: [401, 'invalid_client', "'iss' and 'sub' claims must both be the client_id"],
      auth0: [401, 'invalid_client', "'iss' and 'sub' claims must both be the client_id"],
      entra: [401, 'invalid_client', 'AADSTS700021'],
    },
  },
  {
    what: 'another audience',
    make: change((a) => {
      a.claims.aud = 'https://login.example.com/oauth2/v1/token';
    }),
    expected: {
      okta: [401, 'invalid_client', 'The audience claim for client_assertion must be the endpoint invoked'],
      auth0: [401, 'invalid_client', "'aud' claim must be"],
      entra: [
        401,
        'invalid_client',
        'AADSTS700023: Client assertion audience claim does not match Realm issuer.',
      ],
    },
  },
  {
    what: 'an expired assertion',
    make: change((a, s) => {
      a.claims.iat = s.now() - 400;
      a.claims.exp = s.now() - 1;
    }),
    expected: {
      okta: [401, 'invalid_client', 'The client_assertion token is expired.'],
      auth0: [401, 'invalid_client', "'exp' claim timestamp check failed"],
      entra: [401, 'invalid_client', 'AADSTS700024: Client assertion is not within its valid time range.'],
    },
  },
  {
    what: 'an exp two hours ahead',
    make: change((a, s) => {
      a.claims.exp = s.now() + 7200;
    }),
    expected: {
      okta: [401, 'invalid_client', 'expiration too far into the future'],
      auth0: [401, 'invalid_client', 'no more than 5 minutes'],
      entra: [401, 'invalid_client', 'AADSTS700024'],
    },
  },
  {
    what: 'no exp',
    make: change((a) => {
      delete a.claims.exp;
    }),
    expected: {
      okta: [401, 'invalid_client', 'The client_assertion token is expired.'],
      auth0: [401, 'invalid_client', "'exp' claim"],
      entra: [401, 'invalid_client', 'AADSTS700024'],
    },
  },
  {
    what: 'no jti',
    make: change((a) => {
      delete a.claims.jti;
    }),
    expected: {
      okta: [401, 'invalid_client', "'jti' claim"],
      auth0: [401, 'invalid_client', "'jti' claim is required"],
      entra: [
        401,
        'invalid_client',
        "AADSTS50027: JWT token is invalid or malformed. [Reason - The 'jti' claim",
      ],
    },
  },
  {
    what: 'no client_assertion_type',
    make: change((a) => {
      a.form.client_assertion_type = undefined;
    }),
    expected: {
      okta: [401, 'invalid_client', 'Client authentication failed.'],
      auth0: [401, 'invalid_client', 'client_assertion_type are required'],
      entra: [401, 'invalid_client', 'AADSTS7000218'],
    },
  },
  {
    what: 'another grant type',
    make: change((a) => {
      a.form.grant_type = 'password';
    }),
    expected: {
      okta: [400, 'unsupported_grant_type', 'Configured grant types: [client_credentials]'],
      auth0: [403, 'unauthorized_client', "Grant type 'password' not allowed for the client."],
      entra: [
        400,
        'unsupported_grant_type',
        "AADSTS70003: The app requested an unsupported grant type 'password'.",
      ],
    },
  },
];

/** Refusals of one provider only. */
const OWN: [ClientAssertionProvider, string, (s: Setup) => Attempt, Expected][] = [
  [
    'okta',
    'a kid that is not the key’s',
    change((a) => {
      a.header.kid = 'old-key';
    }),
    [401, 'invalid_client', 'The client_assertion JWT kid is invalid.'],
  ],
  [
    'okta',
    'no scope',
    change((a) => {
      a.form.scope = undefined;
    }),
    [400, 'invalid_scope', "'scope' must be provided"],
  ],
  [
    'okta',
    'a scope the server does not have',
    change((a) => {
      a.form.scope = 'okta.users.manage';
    }),
    [400, 'invalid_scope', 'One or more scopes are not configured'],
  ],
  [
    'auth0',
    'no audience parameter',
    change((a) => {
      a.form.audience = undefined;
    }),
    [403, 'access_denied', 'No audience parameter was provided'],
  ],
  [
    'auth0',
    'an API the tenant does not have',
    change((a) => {
      a.form.audience = 'https://other.api/';
    }),
    [403, 'access_denied', 'Service not enabled within domain: https://other.api/'],
  ],
  [
    'auth0',
    'a scope the client was not granted',
    change((a) => {
      a.form.scope = 'read:vault delete:vault';
    }),
    [403, 'access_denied', 'Client has not been granted scopes: delete:vault'],
  ],
  [
    'auth0',
    'an assertion living longer than five minutes from its iat',
    change((a, s) => {
      a.claims.iat = s.now() - 200;
      a.claims.exp = s.now() + 250;
    }),
    [401, 'invalid_client', "'exp' claim must specify a time that is no more than 5 minutes after 'iat'"],
  ],
  [
    'auth0',
    'the tenant URL without its trailing slash',
    change((a, s) => {
      a.claims.aud = `${s.sandbox.url}/auth0`;
    }),
    [401, 'invalid_client', "'aud' claim must be"],
  ],
  [
    'auth0',
    'an algorithm Auth0 does not take (RS512)',
    change((a, s) => {
      a.header.alg = 'RS512';
      a.key = createPrivateKey(s.demo.privateKey);
    }),
    [401, 'invalid_client', 'signature verification failed'],
  ],
  [
    'entra',
    'a kid without x5t#S256',
    change((a, s) => {
      a.header = { alg: 'RS256', typ: 'JWT', kid: s.demo.keyId };
    }),
    [
      401,
      'invalid_client',
      'AADSTS700027: Client assertion contains an invalid signature. [Reason - No certificate thumbprint',
    ],
  ],
  [
    'entra',
    'the SHA-1 x5t alone',
    change((a, s) => {
      a.header = { alg: 'RS256', typ: 'JWT', x5t: thumbprintOf(s.demo.certificate!, 'sha1') };
    }),
    [401, 'invalid_client', 'No certificate thumbprint'],
  ],
  [
    'entra',
    'the thumbprint of another certificate',
    change((a) => {
      a.header['x5t#S256'] = createHash('sha256').update('another certificate').digest('base64url');
    }),
    [
      401,
      'invalid_client',
      'AADSTS700027: The certificate with identifier used to sign the client assertion is not registered',
    ],
  ],
  [
    'entra',
    'an exp fifteen minutes ahead',
    change((a, s) => {
      a.claims.exp = s.now() + 900;
    }),
    [401, 'invalid_client', 'AADSTS700024'],
  ],
  [
    'entra',
    'no scope',
    change((a) => {
      a.form.scope = undefined;
    }),
    [400, 'invalid_request', "AADSTS900144: The request body must contain the following parameter: 'scope'."],
  ],
  [
    'entra',
    'a scope without /.default',
    change((a) => {
      a.form.scope = 'https://graph.microsoft.com/User.Read';
    }),
    [
      400,
      'invalid_scope',
      'AADSTS1002012: The provided value for scope https://graph.microsoft.com/User.Read is not valid.',
    ],
  ],
  [
    'entra',
    'another tenant',
    change((a, s) => {
      a.tokenUrl = `${s.sandbox.url}/entra/00000000-0000-4000-8000-000000000000/oauth2/v2.0/token`;
    }),
    [400, 'invalid_request', "AADSTS90002: Tenant '00000000-0000-4000-8000-000000000000' not found."],
  ],
];

const REFUSALS: [ClientAssertionProvider, string, (s: Setup) => Attempt, Expected][] = [
  ...COMMON.flatMap(({ what, make, expected }) =>
    providers.map((p): [ClientAssertionProvider, string, (s: Setup) => Attempt, Expected] => [
      p,
      what,
      make,
      expected[p],
    ]),
  ),
  ...OWN,
];

describe('client assertion token endpoints (private_key_jwt)', () => {
  it('hands out each client’s key as PKCS#8, its kid as the RFC 7638 thumbprint, and Entra’s certificate', async () => {
    const { sandbox, demos } = await setUp('okta');
    for (const p of providers) {
      expect(demos[p].privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(demos[p].keyId).toMatch(/^[\w-]{43}$/);
    }
    expect(demos.okta).toMatchObject({
      tokenUrl: `${sandbox.url}/okta/oauth2/v1/token`,
      assertionAudience: `${sandbox.url}/okta/oauth2/v1/token`,
      scope: 'okta.users.read',
    });
    expect(demos.auth0).toMatchObject({
      tokenUrl: `${sandbox.url}/auth0/oauth/token`,
      assertionAudience: `${sandbox.url}/auth0/`,
      audience: AUTH0_API_IDENTIFIER,
    });
    expect(demos.entra.tokenUrl).toMatch(
      new RegExp(`^${sandbox.url}/entra/[0-9a-f-]{36}/oauth2/v2\\.0/token$`),
    );
    expect(demos.entra.assertionAudience).toBe(demos.entra.tokenUrl);
    expect(demos.entra.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(demos.entra.certificate).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(
      new X509Certificate(demos.entra.certificate!).checkPrivateKey(createPrivateKey(demos.entra.privateKey)),
    ).toBe(true);
    expect(demos.okta.certificate).toBeUndefined();
  });

  it.each<[ClientAssertionProvider, Record<string, unknown>]>([
    [
      'okta',
      { token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String), scope: 'okta.users.read' },
    ],
    [
      'auth0',
      {
        access_token: expect.any(String),
        scope: 'read:vault write:vault',
        expires_in: 3600,
        token_type: 'Bearer',
      },
    ],
    [
      'entra',
      { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: expect.any(String) },
    ],
  ])(
    '%s: answers the assertion with a bearer token and no refresh token, which its API takes',
    async (provider, shape) => {
      const setup = await setUp(provider);
      const response = await setup.send(setup.attempt());
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as { access_token: string };
      expect(body).toEqual(shape);

      const me = await setup.api(body.access_token);
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({
        client_id: setup.demo.clientId,
        scope: (shape.scope as string) ?? setup.demo.scope,
      });
      // Another provider's API knows nothing of it.
      const other = providers.find((p) => p !== provider)!;
      expect((await setup.api(body.access_token, other)).status).toBe(401);
    },
  );

  it.each<[ClientAssertionProvider, Record<string, unknown>]>([
    ['okta', { errorCode: 'E0000011', errorSummary: 'Invalid token provided' }],
    ['auth0', { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' }],
    ['entra', { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } }],
  ])('%s: its API refuses a missing or unknown token in its own shape', async (provider, shape) => {
    const setup = await setUp(provider);
    for (const response of [await setup.api(), await setup.api('made-up')]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject(shape);
    }
  });

  it.each(providers)('%s: its token ends when the TTL passes, not before', async (provider) => {
    const setup = await setUp(provider);
    await setup.sandbox.admin.setTtl({ accessToken: 20 });
    const response = await setup.send(setup.attempt());
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(20);
    setup.clock.advance(19_000);
    expect((await setup.api(body.access_token)).status).toBe(200);
    setup.clock.advance(1_000);
    expect((await setup.api(body.access_token)).status).toBe(401);
  });

  it.each(REFUSALS)('%s: refuses %s in its words', async (provider, _what, make, [status, error, words]) => {
    const setup = await setUp(provider);
    const response = await setup.send(make(setup));
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe(error);
    expect(body.error_description).toContain(words);
  });

  it('refuses a malformed assertion', async () => {
    for (const provider of providers) {
      const setup = await setUp(provider);
      const response = await setup.send(setup.attempt(), 'not-a-jwt');
      expect([provider, response.status, ((await response.json()) as { error: string }).error]).toEqual([
        provider,
        401,
        'invalid_client',
      ]);
    }
  });

  it('Entra answers errors with its codes, trace and correlation ids and timestamp', async () => {
    const setup = await setUp('entra');
    const a = setup.attempt();
    a.claims.aud = 'https://login.microsoftonline.com/common/oauth2/v2.0/token';
    const body = (await (await setup.send(a)).json()) as Record<string, unknown>;
    expect(body).toEqual({
      error: 'invalid_client',
      error_description: expect.stringMatching(
        /^AADSTS700023: .* Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
      ),
      error_codes: [700023],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      error_uri: 'https://login.microsoftonline.com/error?code=700023',
    });
  });

  it('accepts what each provider documents beyond the defaults', async () => {
    const okta = await setUp('okta');
    const noKid = okta.attempt();
    delete noKid.header.kid;
    expect((await okta.send(noKid)).status).toBe(200);
    const rs384 = okta.attempt();
    rs384.header.alg = 'RS384';
    rs384.key = createPrivateKey(okta.demo.privateKey);
    expect((await okta.send(rs384)).status).toBe(200);

    for (const provider of ['auth0', 'entra'] as const) {
      const setup = await setUp(provider);
      const ps256 = setup.attempt();
      ps256.header.alg = 'PS256';
      ps256.key = createPrivateKey(setup.demo.privateKey);
      expect([provider, (await setup.send(ps256)).status]).toEqual([provider, 200]);
    }

    const entra = await setUp('entra');
    const withClientId = entra.attempt();
    withClientId.form.client_id = entra.demo.clientId;
    expect((await entra.send(withClientId)).status).toBe(200);
  });

  it('Auth0 takes a jti once, and again after a reset; Okta and Entra check only that there is one', async () => {
    const auth0 = await setUp('auth0');
    const assertion = await auth0.sign(auth0.attempt());
    expect((await auth0.send(auth0.attempt(), assertion)).status).toBe(200);
    const replay = await auth0.send(auth0.attempt(), assertion);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error_description: string }).error_description).toContain(
      'already used',
    );
    await auth0.sandbox.admin.reset();
    expect((await auth0.send(auth0.attempt(), assertion)).status).toBe(200);

    const okta = await setUp('okta');
    const again = await okta.sign(okta.attempt());
    expect([
      (await okta.send(okta.attempt(), again)).status,
      (await okta.send(okta.attempt(), again)).status,
    ]).toEqual([200, 200]);
  });

  it.each<[ClientAssertionProvider, Expected]>([
    ['okta', [401, 'invalid_client', 'The client is deactivated.']],
    ['auth0', [401, 'invalid_client', 'the client has been deactivated']],
    ['entra', [400, 'unauthorized_client', 'AADSTS7000112']],
  ])(
    '%s: refuses a revoked client until it is restored, and reset restores it',
    async (provider, [status, error, words]) => {
      const setup = await setUp(provider);
      await setup.sandbox.admin.setClientAssertionRevoked(provider, true);
      const refused = await setup.send(setup.attempt());
      expect(refused.status).toBe(status);
      const body = (await refused.json()) as { error: string; error_description: string };
      expect(body.error).toBe(error);
      expect(body.error_description).toContain(words);
      // The other providers' clients are not touched.
      const other = providers.find((p) => p !== provider)!;
      const otherSetup = { ...setup, ...(await setUpFor(setup, other)) };
      expect((await otherSetup.send(otherSetup.attempt())).status).toBe(200);

      await setup.sandbox.admin.setClientAssertionRevoked(provider, false);
      expect((await setup.send(setup.attempt())).status).toBe(200);
      await setup.sandbox.admin.setClientAssertionRevoked(provider, true);
      await setup.sandbox.admin.reset();
      expect((await setup.send(setup.attempt())).status).toBe(200);
    },
  );

  it('refuses an unknown provider or a revoked flag that is not a boolean at the admin surface', async () => {
    const { sandbox } = await setUp('okta');
    await expect(sandbox.admin.setClientAssertionRevoked('github' as 'okta', true)).rejects.toBeInstanceOf(
      SandboxAdminError,
    );
    await expect(
      sandbox.admin.setClientAssertionRevoked('okta', 'yes' as unknown as boolean),
    ).rejects.toMatchObject({
      code: 'SBX-400',
    });
  });

  it('logs the grant type and the client, never the assertion', async () => {
    const setup = await setUp('entra');
    const a = setup.attempt();
    const assertion = await setup.sign(a);
    await setup.send(a, assertion);
    const entries = (await setup.sandbox.admin.log()).filter((e) => e.path.endsWith('/oauth2/v2.0/token'));
    expect(entries.map((e) => [e.grantType, e.clientId, e.status])).toEqual([
      ['client_credentials', setup.demo.clientId, 200],
    ]);
    expect(JSON.stringify(entries)).not.toContain(assertion.split('.')[2]);
  });

  it.each<[ClientAssertionProvider, Record<string, unknown>]>([
    ['okta', { errorCode: 'E0000047' }],
    ['auth0', { error: 'too_many_requests' }],
    ['entra', { error: 'temporarily_unavailable', error_codes: [90055] }],
  ])(
    '%s: answers a scripted 429 with Retry-After on its token path, then recovers',
    async (provider, shape) => {
      const setup = await setUp(provider);
      await setup.sandbox.admin.failNext({ status: 429, retryAfterSeconds: 3, pathPrefix: `/${provider}/` });
      const throttled = await setup.send(setup.attempt());
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('3');
      expect(await throttled.json()).toMatchObject(shape);
      expect((await setup.send(setup.attempt())).status).toBe(200);
    },
  );

  it('answers a scripted 401 at an API in that provider’s shape', async () => {
    const setup = await setUp('okta');
    const token = await accessToken(setup);
    await setup.sandbox.admin.failNext({ status: 401, pathPrefix: '/okta/api/' });
    const refused = await setup.api(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ errorCode: 'E0000011' });
    expect((await setup.api(token)).status).toBe(200);
  });
});

/** Another provider's attempt against the same sandbox. */
async function setUpFor(setup: Setup, provider: ClientAssertionProvider) {
  const demo: ClientAssertionDemo = setup.demos[provider];
  const key = await importPKCS8(demo.privateKey, 'RS256');
  return {
    demo,
    attempt: (): Attempt => {
      const a = setup.attempt();
      a.key = key;
      a.tokenUrl = demo.tokenUrl;
      a.header =
        provider === 'entra'
          ? { alg: 'RS256', 'x5t#S256': thumbprintOf(demo.certificate!) }
          : { alg: 'RS256', kid: demo.keyId };
      a.claims = { ...a.claims, iss: demo.clientId, sub: demo.clientId, aud: demo.assertionAudience };
      a.form = {
        ...a.form,
        scope: demo.scope,
        audience: demo.audience,
      };
      return a;
    },
  };
}
