// A Google service account key file, and the assertion signed with its key: exactly the vector
// OpenSSL signed (test/fixtures/keys/rs256-vector.json), with the claims Google documents.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  GOOGLE_ASSERTION_SECONDS,
  readServiceAccountKey,
  serviceAccountAssertion,
  serviceAccountClaims,
  storedAccountAssertion,
  storedServiceAccount,
} from '../../../../src/core/credentials/google-service-account';
import type { ErrorCode } from '../../../../src/core/errors';
import { validateCredential } from '../../../../src/core/vault/validate';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../fixtures/keys', name), 'utf8');
const KEY_FILE = fixture('google-service-account.json');
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

async function refusal(text: string): Promise<{ code: ErrorCode; message: string }> {
  try {
    await readServiceAccountKey(text);
  } catch (error) {
    return error as { code: ErrorCode; message: string };
  }
  throw new Error('the key file was accepted');
}

const edited = (change: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(KEY_FILE), ...change });

describe('Google service account', () => {
  it('reads the key file as the console downloads it', async () => {
    const key = await readServiceAccountKey(KEY_FILE);
    expect(key).toMatchObject({
      clientEmail: 'vault-fixture@example.iam.gserviceaccount.com',
      privateKeyId: 'fixture-key-1',
      tokenUri: 'https://oauth2.googleapis.com/token',
      projectId: 'vault-fixture',
      privateKey: { alg: 'RS256', description: 'RSA 2048-bit' },
    });
  });

  it('signs the assertion Google documents, byte for byte as OpenSSL did', async () => {
    const key = await readServiceAccountKey(KEY_FILE);
    const vector = JSON.parse(fixture('rs256-vector.json')) as { jws: string };
    const grant = { ...key, scopes: [SCOPE] };
    const assertion = await serviceAccountAssertion(grant, key.privateKey, 1_700_000_000);
    expect(assertion).toBe(vector.jws);
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'fixture-key-1' });
    expect(decodeJwt(assertion)).toEqual({
      iss: 'vault-fixture@example.iam.gserviceaccount.com',
      scope: SCOPE,
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_700_000_000,
      exp: 1_700_000_000 + GOOGLE_ASSERTION_SECONDS,
    });
  });

  it('keeps the key as it stores it, and signs the same vector from the stored record', async () => {
    const stored = storedServiceAccount(await readServiceAccountKey(KEY_FILE));
    expect(stored.privateKey).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/,
    );
    expect(stored).toMatchObject({
      keyDescription: 'RSA 2048-bit',
      keyThumbprint: expect.stringMatching(/^[\w-]{43}$/),
    });
    // Through the vault's own validator, as records.put and a restore read it.
    const credential = validateCredential({
      id: 'google-1',
      kind: 'google-service-account',
      label: 'Robot',
      notes: '',
      ...stored,
      scopes: [SCOPE],
    });
    if (credential.kind !== 'google-service-account') throw new Error('not a service account');
    const vector = JSON.parse(fixture('rs256-vector.json')) as { jws: string };
    expect(await storedAccountAssertion(credential, 1_700_000_000_000)).toBe(vector.jws);
  });

  it('refuses a stored record whose scopes or key are not usable', async () => {
    const stored = storedServiceAccount(await readServiceAccountKey(KEY_FILE));
    const record = (change: Record<string, unknown>) => () =>
      validateCredential({
        id: 'g',
        kind: 'google-service-account',
        label: 'R',
        notes: '',
        ...stored,
        scopes: [SCOPE],
        ...change,
      });
    expect(record({})).not.toThrow();
    expect(record({ scopes: [] })).toThrow('credential.scopes must list at least one scope.');
    expect(record({ scopes: ['a b'] })).toThrow(
      'credential.scopes[0] must be one scope, without spaces or quotes.',
    );
    expect(record({ scopes: ['a', 'a'] })).toThrow('credential.scopes[1] repeats an earlier scope.');
    expect(record({ subject: 'not-an-email' })).toThrow('credential.subject must be an email address.');
    expect(record({ privateKey: 'garbage' })).toThrow(/stored key is damaged/);
    expect(record({ tokenUri: 'http://oauth2.example.com/token' })).toThrow(
      /credential.tokenUri must use https/,
    );
  });

  it('joins scopes with spaces and adds the subject for domain-wide delegation', async () => {
    const key = await readServiceAccountKey(KEY_FILE);
    const claims = serviceAccountClaims(
      { ...key, scopes: ['a', 'b'], subject: 'someone@example.com' },
      1_700_000_000,
    );
    expect(claims).toMatchObject({ scope: 'a b', sub: 'someone@example.com' });
    expect(() => serviceAccountClaims({ ...key, scopes: [] }, 1)).toThrow('at least one scope');
  });

  it.each<[string, string, ErrorCode, string]>([
    [
      'a user credentials file',
      edited({ type: 'authorized_user' }),
      'UNSUPPORTED_KEY',
      "a user's credentials file",
    ],
    ['a workload identity file', edited({ type: 'external_account' }), 'UNSUPPORTED_KEY', 'holds no key'],
    ['JSON of another kind', '{"kty":"RSA"}', 'UNSUPPORTED_KEY', 'not a service account key file'],
    ['text that is not JSON', 'PRIVATE KEY', 'INVALID_INPUT', 'a JSON file'],
    ['a file without its key', edited({ private_key: undefined }), 'INVALID_INPUT', '"private_key"'],
    ['a file without its email', edited({ client_email: '' }), 'INVALID_INPUT', '"client_email"'],
    [
      'a token URI over plain http',
      edited({ token_uri: 'http://oauth2.example/token' }),
      'INVALID_INPUT',
      'https',
    ],
    ['an EC key', edited({ private_key: fixture('ec-p256-pkcs8.pem') }), 'UNSUPPORTED_KEY', 'RSA keys only'],
    [
      'a public key',
      edited({ private_key: fixture('rsa-2048-public.pem') }),
      'UNSUPPORTED_KEY',
      'public key',
    ],
  ])('refuses %s, saying why', async (_what, text, code, words) => {
    const refused = await refusal(text);
    expect(refused.code).toBe(code);
    expect(refused.message).toContain(words);
  });

  it('takes a token URI on the machine itself (the sandbox)', async () => {
    const key = await readServiceAccountKey(edited({ token_uri: 'http://127.0.0.1:8080/google/token' }));
    expect(key.tokenUri).toBe('http://127.0.0.1:8080/google/token');
  });
});
