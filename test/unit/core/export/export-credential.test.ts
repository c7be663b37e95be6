import { compactDecrypt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../../src/core/errors';
import { exportCredential, exportRecipients, generatePassphrase } from '../../../../src/core/export';
import type { App, Credential } from '../../../../src/core/vault/model';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';
const APPS: App[] = [
  {
    id: 'a1',
    name: 'Billing',
    clientId: 'billing-id',
    serverUrl: 'https://platform.ringcentral.com',
    tokenPath: '/t',
    revokePath: '/r',
  },
  {
    id: 'a2',
    name: 'Reports',
    clientId: 'reports-id',
    serverUrl: 'http://127.0.0.1:9000',
    tokenPath: '/t',
    revokePath: '/r',
  },
];
const SPECIFIC: Credential = {
  id: 'c1',
  kind: 'ringcentral-jwt',
  label: 'Ops',
  jwt: JWT,
  allowed: { kind: 'specific', clientIds: ['reports-id', 'partner-id'] },
  notes: '',
};
const NOW = Date.UTC(2026, 10, 28, 12);

async function ecRecipient() {
  const { publicKey, privateKey } = await generateKeyPair('ECDH-ES+A256KW', { extractable: true });
  return { jwk: JSON.stringify(await exportJWK(publicKey)), privateKey };
}

describe('trusted-app export', () => {
  it('lists the registered apps for "organization" and the client IDs for "specific"', () => {
    expect(exportRecipients({ ...SPECIFIC, allowed: { kind: 'organization' } }, APPS)).toEqual([
      { clientId: 'billing-id', name: 'Billing' },
      { clientId: 'reports-id', name: 'Reports' },
    ]);
    expect(exportRecipients(SPECIFIC, APPS)).toEqual([
      { clientId: 'reports-id', name: 'Reports' },
      { clientId: 'partner-id' },
    ]);
  });

  it('refuses a client ID the credential does not allow', async () => {
    const { jwk } = await ecRecipient();
    const error = await exportCredential({
      credential: SPECIFIC,
      apps: APPS,
      recipientClientId: 'billing-id',
      protection: { kind: 'public-key', jwk },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('NOT_ALLOWED');
  });

  it('encrypts to the app public key; jose alone opens it with the private key', async () => {
    const { jwk, privateKey } = await ecRecipient();
    const { jwe, passphrase, record } = await exportCredential(
      {
        credential: SPECIFIC,
        apps: APPS,
        recipientClientId: 'reports-id',
        protection: { kind: 'public-key', jwk },
      },
      NOW,
    );
    expect(passphrase).toBeUndefined();
    const header = decodeProtectedHeader(jwe);
    expect(header).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: record.keyThumbprint });
    const { plaintext } = await compactDecrypt(jwe, privateKey);
    const payload = JSON.parse(new TextDecoder().decode(plaintext));
    expect(payload).toEqual({
      v: 1,
      kind: 'ringcentral-jwt-credential',
      label: 'Ops',
      jwt: JWT,
      serverUrl: 'http://127.0.0.1:9000',
      aud: 'reports-id',
      allowed: ['reports-id', 'partner-id'],
      iat: NOW / 1000,
      exp: NOW / 1000 + 86_400,
      jti: record.id,
    });
    expect(record).toMatchObject({
      credentialId: 'c1',
      recipientClientId: 'reports-id',
      protection: 'ec-public-key',
    });
    expect(JSON.stringify(record)).not.toContain(JWT);
  });

  it('encrypts to RSA-OAEP-256 for an RSA key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', { extractable: true });
    const jwk = JSON.stringify(await exportJWK(publicKey));
    const { jwe } = await exportCredential({
      credential: SPECIFIC,
      apps: APPS,
      recipientClientId: 'partner-id',
      protection: { kind: 'public-key', jwk },
    });
    expect(decodeProtectedHeader(jwe).alg).toBe('RSA-OAEP-256');
    const payload = JSON.parse(new TextDecoder().decode((await compactDecrypt(jwe, privateKey)).plaintext));
    // An allowed client ID that is not registered here gets the production server.
    expect(payload).toMatchObject({ aud: 'partner-id', serverUrl: 'https://platform.ringcentral.com' });
  });

  it('protects with a one-off passphrase and 600,000 PBES2 iterations', async () => {
    const { jwe, passphrase } = await exportCredential(
      {
        credential: SPECIFIC,
        apps: APPS,
        recipientClientId: 'reports-id',
        protection: { kind: 'passphrase' },
        validitySeconds: 3_600,
      },
      NOW,
    );
    expect(passphrase).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(decodeProtectedHeader(jwe)).toMatchObject({ alg: 'PBES2-HS512+A256KW', p2c: 600_000 });
    const key = new TextEncoder().encode(passphrase);
    // jose opens PBES2 only when asked to, and caps its iterations at 10,000 unless the opener
    // raises the cap: both are in the README's recipe.
    const options = { keyManagementAlgorithms: ['PBES2-HS512+A256KW'] };
    await expect(compactDecrypt(jwe, key, options)).rejects.toMatchObject({ code: 'ERR_JWE_INVALID' });
    const opened = await compactDecrypt(jwe, key, { ...options, maxPBES2Count: 600_000 });
    expect(JSON.parse(new TextDecoder().decode(opened.plaintext))).toMatchObject({
      jwt: JWT,
      exp: NOW / 1000 + 3_600,
    });
    const wrong = new TextEncoder().encode(generatePassphrase());
    await expect(compactDecrypt(jwe, wrong, { ...options, maxPBES2Count: 600_000 })).rejects.toMatchObject({
      code: 'ERR_JWE_DECRYPTION_FAILED',
    });
  });

  it('refuses a validity outside one minute to 30 days', async () => {
    for (const validitySeconds of [0, 59, 31 * 86_400, 1.5]) {
      const error = await exportCredential({
        credential: SPECIFIC,
        apps: APPS,
        recipientClientId: 'reports-id',
        protection: { kind: 'passphrase' },
        validitySeconds,
      }).catch((caught: unknown) => caught);
      expect((error as VaultError).code).toBe('INVALID_INPUT');
    }
  });

  it('generates passphrases of 100 bits that do not repeat', () => {
    const seen = new Set(Array.from({ length: 200 }, generatePassphrase));
    expect(seen.size).toBe(200);
    // Every one of the 32 symbols turns up: the mapping uses the whole alphabet.
    expect(new Set([...seen].join('').replace(/-/g, '')).size).toBe(32);
  });
});
