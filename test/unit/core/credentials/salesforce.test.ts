// A Salesforce JWT bearer credential: the assertion exactly as Salesforce documents it (and as
// OpenSSL signed it, test/fixtures/keys/salesforce-vector.json), from the PKCS#1 key users make
// for the connected app; and the vault's token client against the sandbox's strict endpoint —
// a token with no expires_in, and each refusal explained in Salesforce's terms.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { mergeCredential } from '../../../../src/background/merge-credential';
import { assertionFor } from '../../../../src/core/credentials/assertion';
import { tokenIssuerFor } from '../../../../src/core/credentials/issuer';
import {
  readSalesforceKey,
  SALESFORCE_ASSERTION_SECONDS,
  salesforceAssertion,
  storedSalesforceAssertion,
} from '../../../../src/core/credentials/salesforce';
import type { ErrorCode } from '../../../../src/core/errors';
import { storedSigningKey } from '../../../../src/core/keys';
import { createTokenClient, type TokenIssuer } from '../../../../src/core/tokens';
import { ASSUMED_LIFETIME_SECONDS } from '../../../../src/core/tokens/parse-token-response';
import type { SalesforceJwtCredential } from '../../../../src/core/vault/model';
import { parseBaseUrl } from '../../../../src/core/vault/url-rules';
import { validateCredential } from '../../../../src/core/vault/validate';
import { start } from '../../../sandbox/helpers';
import { failure } from './failure';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../fixtures/keys', name), 'utf8');
const VECTOR = JSON.parse(fixture('salesforce-vector.json')) as {
  claims: { iss: string; sub: string; aud: string; exp: number };
  jws: string;
};

describe('Salesforce JWT bearer: the assertion', () => {
  it('signs what Salesforce documents from a PKCS#1 key, byte for byte as OpenSSL did', async () => {
    const key = await readSalesforceKey(fixture('rsa-2048-pkcs1.pem'));
    const grant = {
      consumerKey: VECTOR.claims.iss,
      username: VECTOR.claims.sub,
      loginUrl: 'https://login.salesforce.com',
    };
    const now = VECTOR.claims.exp - SALESFORCE_ASSERTION_SECONDS;
    const assertion = await salesforceAssertion(grant, storedSigningKey(key.privateKey), now);
    expect(assertion).toBe(VECTOR.jws);
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(decodeJwt(assertion)).toEqual({
      iss: grant.consumerKey,
      sub: grant.username,
      aud: 'https://login.salesforce.com',
      exp: now + 180,
    });
    // The stored record signs the same, through the vault's own validator.
    const stored = validateCredential({
      id: 'sf-1',
      kind: 'salesforce-jwt',
      label: 'SF',
      notes: '',
      ...grant,
      ...key,
    });
    expect(await storedSalesforceAssertion(stored as SalesforceJwtCredential, now * 1000)).toBe(VECTOR.jws);
  });

  it('opens an encrypted key with its passphrase, and names what it refuses', async () => {
    const encrypted = fixture('rsa-2048-encrypted-aes256-sha256.pem');
    expect((await failure(readSalesforceKey(encrypted))).code).toBe('KEY_PASSPHRASE_NEEDED');
    const opened = await readSalesforceKey(encrypted, 'fixture passphrase');
    expect(opened.keyThumbprint).toBe((await readSalesforceKey(fixture('rsa-2048-pkcs8.pem'))).keyThumbprint);
    const ec = await failure(readSalesforceKey(fixture('ec-p256-pkcs8.pem')));
    expect(ec).toMatchObject({ code: 'UNSUPPORTED_KEY', message: expect.stringContaining('RSA keys only') });
    const certificate = await failure(readSalesforceKey(fixture('rsa-2048-certificate.pem')));
    expect(certificate.message).toContain('This is a certificate');
    expect((await failure(readSalesforceKey('  '))).code).toBe('INVALID_INPUT');
  });

  it('keeps a login URL without its trailing slash, and refuses one that is not https', () => {
    expect(parseBaseUrl('https://acme.my.salesforce.com/', 'Login URL')).toBe(
      'https://acme.my.salesforce.com',
    );
    expect(parseBaseUrl('http://127.0.0.1:4010/salesforce', 'Login URL')).toBe(
      'http://127.0.0.1:4010/salesforce',
    );
    expect(() => parseBaseUrl('http://login.salesforce.com', 'Login URL')).toThrow('must use https');
    expect(() => parseBaseUrl('https://login.salesforce.com/?x=1', 'Login URL')).toThrow('query');
  });
});

describe('Salesforce JWT bearer: against the sandbox', () => {
  async function setUp() {
    const sandbox = await start();
    const demo = await sandbox.admin.salesforceDemo();
    const credential = validateCredential(
      await mergeCredential(
        {
          kind: 'salesforce-jwt',
          label: 'Demo',
          consumerKey: demo.consumerKey,
          username: demo.username,
          loginUrl: demo.loginUrl,
          privateKey: demo.privateKey,
        },
        undefined,
      ),
    ) as SalesforceJwtCredential;
    const client = createTokenClient({ fetch, clock: { now: () => Date.now() } });
    const issuer = tokenIssuerFor(credential, undefined) as TokenIssuer;
    const exchange = async (changed: Partial<SalesforceJwtCredential> = {}) =>
      client.exchangeJwt(issuer, await assertionFor({ ...credential, ...changed }, Date.now()));
    return { sandbox, demo, credential, client, issuer, exchange };
  }

  it('gets a token the API takes, lasting the assumed session timeout as no expires_in comes', async () => {
    const { sandbox, demo, issuer, exchange } = await setUp();
    expect(issuer).toEqual({ tokenUrl: `${demo.loginUrl}/services/oauth2/token`, provider: 'salesforce' });
    const tokens = await exchange();
    expect(tokens.ttlMs).toBe(ASSUMED_LIFETIME_SECONDS * 1000);
    expect(tokens.refreshToken).toBeUndefined();
    const api = await fetch(`${sandbox.url}/salesforce/services/data/v61.0/`, {
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ user: demo.username });
  });

  it.each<[string, (s: Awaited<ReturnType<typeof setUp>>) => Promise<unknown>, ErrorCode, string]>([
    [
      'a user not approved for the app',
      async (s) => {
        await s.sandbox.admin.setSalesforceApproved(false);
        return s.exchange();
      },
      'NOT_ALLOWED_FOR_APP',
      'has not approved the connected app',
    ],
    [
      'another username',
      (s) => s.exchange({ username: 'nobody@example.com' }),
      'NOT_ALLOWED_FOR_APP',
      'pre-authorized',
    ],
    [
      'an unknown consumer key',
      (s) => s.exchange({ consumerKey: '3MVG9unknown' }),
      'INVALID_CLIENT',
      'consumer key',
    ],
    [
      'another key',
      async (s) => s.exchange(await readSalesforceKey(fixture('rsa-2048-pkcs8.pem'))),
      'GRANT_REJECTED',
      'whose certificate is uploaded',
    ],
    [
      'the production login URL as audience',
      async (s) =>
        s.client.exchangeJwt(
          s.issuer,
          await salesforceAssertion(
            { ...s.credential, loginUrl: 'https://login.salesforce.com' },
            storedSigningKey(s.credential.privateKey),
            Math.floor(Date.now() / 1000),
          ),
        ),
      'GRANT_REJECTED',
      "refused the assertion's audience",
    ],
  ])('explains %s in Salesforce terms', async (_name, act, code, phrase) => {
    const setup = await setUp();
    const error = await failure(act(setup));
    expect(error.code).toBe(code);
    expect(error.message).toContain(phrase);
    expect(error.message).not.toContain(setup.demo.privateKey.slice(40, 80));
  });

  it('waits as told when Salesforce rate-limits the token endpoint', async () => {
    const { sandbox, exchange } = await setUp();
    await sandbox.admin.failNext({ status: 429, retryAfterSeconds: 7, pathPrefix: '/salesforce/' });
    const before = Date.now();
    const error = (await failure(exchange())) as { code: ErrorCode; message: string; retryAt?: number };
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain("Salesforce's limit on token requests");
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 7000);
  });
});
