// The sandbox's Google token endpoint, strict about what Google documents, checked with the
// assertion the vault signs (src/core/credentials/google-service-account.ts): accepted as it is,
// refused in Google's words for each claim that is wrong, and its token accepted by the API.

import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  readServiceAccountKey,
  type ServiceAccountGrant,
  serviceAccountAssertion,
  serviceAccountClaims,
} from '../../src/core/credentials/google-service-account';
import type { ErrorCode } from '../../src/core/errors';
import { signJwt } from '../../src/core/keys';
import { createTokenClient, TokenError } from '../../src/core/tokens';
import { jwtBearer, postForm, start } from './helpers';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

async function setUp() {
  const sandbox = await start();
  const key = await readServiceAccountKey(JSON.stringify(await sandbox.admin.googleKeyFile()));
  const grant: ServiceAccountGrant = { ...key, scopes: [SCOPE] };
  const now = () => Math.floor(Date.now() / 1000);
  const token = (assertion: string, grantType = jwtBearer) =>
    postForm(`${sandbox.url}/google/token`, { grant_type: grantType, assertion });
  return { sandbox, key, grant, now, token };
}

async function refusal(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as { error: string; error_description: string },
  };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** Assertions Google refuses, with its status, `error` and a phrase of its description. */
const REFUSALS: [string, (setup: Setup) => Promise<string>, number, string, string][] = [
  [
    'another audience',
    ({ key, grant, now }) =>
      serviceAccountAssertion(
        { ...grant, tokenUri: 'https://oauth2.googleapis.com/token' },
        key.privateKey,
        now(),
      ),
    400,
    'invalid_grant',
    'Failed audience check',
  ],
  [
    'a stale assertion',
    ({ key, grant, now }) => serviceAccountAssertion(grant, key.privateKey, now() - 7200),
    400,
    'invalid_grant',
    'short-lived token (60 minutes)',
  ],
  [
    'one that claims more than an hour',
    ({ key, grant, now }) =>
      signJwt(
        key.privateKey,
        { ...serviceAccountClaims(grant, now()), exp: now() + 7200 },
        { kid: grant.privateKeyId },
      ),
    400,
    'invalid_grant',
    'reasonable timeframe',
  ],
  [
    'another key id',
    ({ key, grant, now }) =>
      serviceAccountAssertion({ ...grant, privateKeyId: 'old-key' }, key.privateKey, now()),
    400,
    'invalid_grant',
    'Invalid JWT Signature.',
  ],
  [
    'another account',
    ({ key, grant, now }) =>
      serviceAccountAssertion(
        { ...grant, clientEmail: 'other@x.iam.gserviceaccount.com' },
        key.privateKey,
        now(),
      ),
    400,
    'invalid_grant',
    'account not found',
  ],
  [
    'a signature by another key',
    async ({ grant, now }) => {
      const other = await crypto.subtle.generateKey(
        {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        },
        true,
        ['sign', 'verify'],
      );
      return new SignJWT(serviceAccountClaims(grant, now()))
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: grant.privateKeyId })
        .sign(other.privateKey);
    },
    400,
    'invalid_grant',
    'Invalid JWT Signature.',
  ],
  [
    'a subject without delegation',
    ({ key, grant, now }) =>
      serviceAccountAssertion({ ...grant, subject: 'someone@example.com' }, key.privateKey, now()),
    401,
    'unauthorized_client',
    'unauthorized',
  ],
  [
    'no scope',
    ({ key, grant, now }) => {
      const { scope: _scope, ...claims } = serviceAccountClaims(grant, now());
      return signJwt(key.privateKey, claims, { kid: grant.privateKeyId });
    },
    400,
    'invalid_scope',
    'Invalid OAuth scope',
  ],
];

describe('Google service account token endpoint', () => {
  it("issues a bearer token for the vault's assertion, without a refresh token, which the API takes", async () => {
    const { sandbox, key, grant, now, token } = await setUp();
    const response = await token(await serviceAccountAssertion(grant, key.privateKey, now()));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      token_type: 'Bearer',
    });
    const api = await fetch(`${sandbox.url}/google/api/whoami`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ email: key.clientEmail, scope: SCOPE });
    const without = await fetch(`${sandbox.url}/google/api/whoami`);
    expect(without.status).toBe(401);
    expect(((await without.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
  });

  it.each(REFUSALS)('refuses %s in Google’s words', async (_what, make, status, error, words) => {
    const setup = await setUp();
    const { status: got, body } = await refusal(await setup.token(await make(setup)));
    expect(got).toBe(status);
    expect(body.error).toBe(error);
    expect(body.error_description).toContain(words);
  });

  // What the vault makes of each answer: a code and a sentence about the key file, never Google's text.
  it.each<[string, ErrorCode, RegExp]>([
    ['another audience', 'GRANT_REJECTED', /^Google refused the assertion's audience/],
    ['a stale assertion', 'GRANT_REJECTED', /clock is probably off/],
    ['one that claims more than an hour', 'GRANT_REJECTED', /clock is probably off/],
    ['another key id', 'GRANT_REJECTED', /^Google did not accept the key's signature/],
    ['another account', 'GRANT_REJECTED', /^Google does not know this service account/],
    ['a signature by another key', 'GRANT_REJECTED', /^Google did not accept the key's signature/],
    ['a subject without delegation', 'NOT_ALLOWED_FOR_APP', /domain-wide delegation/],
    ['no scope', 'TOKEN_REQUEST_REJECTED', /^Google refused the scopes/],
  ])('the vault explains %s: %s', async (what, code, message) => {
    const setup = await setUp();
    const make = REFUSALS.find(([name]) => name === what)![1];
    const client = createTokenClient({ fetch, clock: { now: Date.now } });
    const failure = await client
      .exchangeJwt({ tokenUrl: `${setup.sandbox.url}/google/token`, provider: 'google' }, await make(setup))
      .then(
        () => undefined,
        (error: TokenError) => error,
      );
    expect(failure).toBeInstanceOf(TokenError);
    expect(failure?.code).toBe(code);
    expect(failure?.message).toMatch(message);
  });

  it('refuses another grant type and a missing assertion', async () => {
    const { key, grant, now, token, sandbox } = await setUp();
    const other = await refusal(
      await token(await serviceAccountAssertion(grant, key.privateKey, now()), 'client_credentials'),
    );
    expect(other).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    const missing = await refusal(await postForm(`${sandbox.url}/google/token`, { grant_type: jwtBearer }));
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });
});
