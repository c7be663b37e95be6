// Client credentials with a signed client assertion (private_key_jwt): the assertion each
// authorization server documents — Entra's byte for byte as OpenSSL signed it
// (test/fixtures/keys/entra-client-assertion-vector.json) — and the vault's token client against
// the sandbox's strict Okta, Auth0 and Entra endpoints: a token the API takes, and each refusal
// explained in that server's terms.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ClientAssertionProvider } from '../../../../sandbox/client-assertion';
import { mergeCredential } from '../../../../src/background/merge-credential';
import { assertionFor } from '../../../../src/core/credentials/assertion';
import {
  CLIENT_ASSERTION_PRESETS,
  clientAssertion,
  readClientKey,
} from '../../../../src/core/credentials/client-assertion';
import { tokenIssuerFor } from '../../../../src/core/credentials/issuer';
import type { ErrorCode } from '../../../../src/core/errors';
import { certificateThumbprint, storedSigningKey } from '../../../../src/core/keys';
import { createTokenClient, type TokenIssuer } from '../../../../src/core/tokens';
import type { ClientAssertionCredential } from '../../../../src/core/vault/model';
import { validateCredential } from '../../../../src/core/vault/validate';
import type { ClientAssertionInput } from '../../../../src/shared/messages';
import { start } from '../../../sandbox/helpers';
import { failure } from './failure';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../fixtures/keys', name), 'utf8');

describe('client assertion: what is signed', () => {
  it("signs Entra's assertion byte for byte as OpenSSL did, the key named by its certificate's thumbprint", async () => {
    const vector = JSON.parse(fixture('entra-client-assertion-vector.json')) as {
      header: Record<string, string>;
      claims: Record<string, string | number>;
      jws: string;
    };
    const thumbprint = await certificateThumbprint(fixture('rsa-2048-certificate.pem'));
    // What `openssl x509 -outform DER | openssl dgst -sha256` prints, in base64url.
    expect(thumbprint).toBe('nSz_ZNWcNSBts0Pnaw1-Fc8sImbbuH8fBUwXKD9tPhA');
    const key = storedSigningKey((await readClientKey(fixture('rsa-2048-pkcs1.pem'))).privateKey);
    const tokenUrl = String(vector.claims.aud);
    const grant = {
      clientId: String(vector.claims.iss),
      audience: CLIENT_ASSERTION_PRESETS.entra.audience(tokenUrl),
      certificateThumbprint: thumbprint,
    };
    const assertion = await clientAssertion(grant, key, 1_700_000_000, 'fixture-jti-1');
    expect(assertion).toBe(vector.jws);
    expect(decodeProtectedHeader(assertion)).toEqual(vector.header);
    expect(decodeJwt(assertion)).toEqual(vector.claims);
  });

  it("signs Okta's assertion with its kid byte for byte as OpenSSL did", async () => {
    const vector = JSON.parse(fixture('okta-client-assertion-vector.json')) as {
      header: { kid: string };
      claims: { iss: string; aud: string; iat: number; jti: string };
      jws: string;
    };
    const key = storedSigningKey((await readClientKey(fixture('rsa-2048-pkcs8.pem'))).privateKey);
    const grant = {
      clientId: vector.claims.iss,
      audience: CLIENT_ASSERTION_PRESETS.okta.audience(vector.claims.aud),
      keyId: vector.header.kid,
    };
    expect(await clientAssertion(grant, key, vector.claims.iat, vector.claims.jti)).toBe(vector.jws);
  });

  it('takes the audience each server checks, and a new jti every time', async () => {
    const url = 'https://tenant.example/oauth/token';
    expect(CLIENT_ASSERTION_PRESETS.okta.audience(url)).toBe(url);
    expect(CLIENT_ASSERTION_PRESETS.auth0.audience(url)).toBe('https://tenant.example/');
    expect(CLIENT_ASSERTION_PRESETS.auth0.audience('https://tenant.example/token')).toBe(
      'https://tenant.example/',
    );
    expect(CLIENT_ASSERTION_PRESETS.entra.audience(url)).toBe(url);
    expect(CLIENT_ASSERTION_PRESETS.other.audience(url)).toBe(url);
    const key = storedSigningKey((await readClientKey(fixture('ec-p256-sec1.pem'))).privateKey);
    const grant = { clientId: 'client-1', audience: url, keyId: 'key-1' };
    const [a, b] = [await clientAssertion(grant, key, 1000), await clientAssertion(grant, key, 1000)];
    expect(decodeProtectedHeader(a)).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'key-1' });
    expect(decodeJwt(a)).toMatchObject({ iss: 'client-1', sub: 'client-1', aud: url, iat: 1000, exp: 1180 });
    expect(decodeJwt(a).jti).not.toBe(decodeJwt(b).jti);
  });

  it('refuses a private key where the certificate goes, and a certificate where the key goes', async () => {
    await expect(certificateThumbprint(fixture('rsa-2048-pkcs8.pem'))).rejects.toThrow(
      'This is a private key',
    );
    await expect(certificateThumbprint('not a certificate')).rejects.toThrow('Paste the certificate');
    expect((await failure(readClientKey(fixture('rsa-2048-certificate.pem')))).message).toContain(
      'This is a certificate',
    );
  });
});

describe('client assertion: against the sandbox', () => {
  async function setUp(provider: ClientAssertionProvider, change: Partial<ClientAssertionInput> = {}) {
    const sandbox = await start();
    const demo = (await sandbox.admin.clientAssertionDemo())[provider];
    const input: ClientAssertionInput = {
      kind: 'client-assertion',
      label: provider,
      preset: provider,
      clientId: demo.clientId,
      tokenUrl: demo.tokenUrl,
      scopes: demo.scope ? demo.scope.split(' ') : [],
      ...(demo.audience ? { apiAudience: demo.audience } : {}),
      ...(provider === 'entra' ? { certificate: demo.certificate } : { keyId: demo.keyId }),
      privateKey: demo.privateKey,
      ...change,
    };
    const credential = validateCredential(
      await mergeCredential(input, undefined),
    ) as ClientAssertionCredential;
    const client = createTokenClient({ fetch, clock: { now: () => Date.now() } });
    const issuer = tokenIssuerFor(credential, undefined) as TokenIssuer;
    const exchange = async () => client.exchangeJwt(issuer, await assertionFor(credential, Date.now()));
    return { sandbox, demo, credential, exchange };
  }

  it.each<ClientAssertionProvider>(['okta', 'auth0', 'entra'])(
    '%s: signs the audience it checks and gets a token its API takes',
    async (provider) => {
      const { sandbox, demo, credential, exchange } = await setUp(provider);
      expect(credential.audience).toBe(demo.assertionAudience);
      const tokens = await exchange();
      expect(tokens.refreshToken).toBeUndefined();
      const api = await fetch(`${sandbox.url}/${provider}/api/whoami`, {
        headers: { Authorization: `Bearer ${tokens.accessToken}` },
      });
      expect(api.status).toBe(200);
      const log = (await sandbox.admin.log()).filter((entry) => entry.grantType === 'client_credentials');
      expect(log.map((entry) => [entry.status, entry.clientId])).toEqual([[200, demo.clientId]]);
    },
  );

  const REFUSALS: [
    string,
    ClientAssertionProvider,
    (s: Awaited<ReturnType<typeof setUp>>) => Promise<unknown>,
    Partial<ClientAssertionInput>,
    ErrorCode,
    string,
  ][] = [
    [
      'a deactivated client',
      'okta',
      async (s) => s.sandbox.admin.setClientAssertionRevoked('okta', true),
      {},
      'INVALID_CLIENT',
      'Okta says this client is deactivated',
    ],
    [
      'another key',
      'okta',
      async () => {},
      { privateKey: fixture('rsa-2048-pkcs8.pem') },
      'GRANT_REJECTED',
      "Okta did not accept the assertion's signature",
    ],
    [
      'an API it does not know',
      'auth0',
      async () => {},
      { apiAudience: 'https://elsewhere.test/' },
      'NOT_ALLOWED_FOR_APP',
      'Auth0 does not know the API',
    ],
    [
      'a disabled app',
      'entra',
      async (s) => s.sandbox.admin.setClientAssertionRevoked('entra', true),
      {},
      'INVALID_CLIENT',
      'Microsoft Entra says this client is deactivated',
    ],
    [
      'a scope without /.default',
      'entra',
      async () => {},
      { scopes: ['https://graph.microsoft.com/User.Read'] },
      'TOKEN_REQUEST_REJECTED',
      'followed by /.default',
    ],
    [
      'another certificate',
      'entra',
      async () => {},
      { certificate: fixture('rsa-2048-certificate.pem') },
      'GRANT_REJECTED',
      "Microsoft Entra did not accept the assertion's signature",
    ],
  ];

  it.each(REFUSALS)('explains %s (%s)', async (_name, provider, arrange, change, code, phrase) => {
    const setup = await setUp(provider, change);
    await arrange(setup);
    const error = await failure(setup.exchange());
    expect(error.code).toBe(code);
    expect(error.message).toContain(phrase);
  });

  it('waits as told when the server rate-limits its token endpoint', async () => {
    const { sandbox, exchange } = await setUp('auth0');
    await sandbox.admin.failNext({ status: 429, retryAfterSeconds: 9, pathPrefix: '/auth0/' });
    const before = Date.now();
    const error = await failure(exchange());
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain("Auth0's limit on token requests");
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 9000);
  });
});
