import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../../src/core/errors';
import { parseRecipientKey } from '../../../../src/core/export';

async function keyPair(alg: string, options: Parameters<typeof generateKeyPair>[1] = {}) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...options });
  return { publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) };
}

async function refusal(text: string): Promise<VaultError> {
  const error = await parseRecipientKey(text).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}

describe('recipient key', () => {
  it('accepts an EC P-256 public key and names it by its RFC 7638 thumbprint', async () => {
    // RFC 7638 §3.1's example key is RSA; this checks our thumbprint is the spec's on that key.
    const rfcKey = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RSA-OAEP-256',
    };
    const rsa = await parseRecipientKey(JSON.stringify(rfcKey));
    expect(rsa.protection).toBe('rsa-public-key');
    expect(rsa.thumbprint).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');

    const { publicJwk } = await keyPair('ECDH-ES+A256KW');
    const ec = await parseRecipientKey(JSON.stringify(publicJwk));
    expect(ec.protection).toBe('ec-public-key');
    expect(ec.thumbprint).toMatch(/^[\w-]{43}$/);
  });

  it('takes the only key of a JWK Set, and refuses a set of several', async () => {
    const { publicJwk } = await keyPair('ECDH-ES+A256KW');
    expect((await parseRecipientKey(JSON.stringify({ keys: [publicJwk] }))).protection).toBe('ec-public-key');
    expect((await refusal(JSON.stringify({ keys: [publicJwk, publicJwk] }))).code).toBe('UNUSABLE_KEY');
  });

  it('refuses a private key and says why it is dangerous, without echoing it', async () => {
    for (const alg of ['ECDH-ES+A256KW', 'RSA-OAEP-256']) {
      const { privateJwk } = await keyPair(alg);
      const error = await refusal(JSON.stringify(privateJwk));
      expect(error.code).toBe('PRIVATE_KEY');
      expect(error.message).toMatch(/public key/);
      expect(error.message).not.toContain(String(privateJwk.d));
    }
  });

  it('refuses weak RSA, other curves, symmetric keys, signing keys and non-JSON', async () => {
    // jose will not even generate such a key; node:crypto will.
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    expect((await refusal(JSON.stringify(weak))).message).toMatch(/1024 bits; at least 2048/);
    const p384 = await keyPair('ECDH-ES+A256KW', { crv: 'P-384' });
    expect((await refusal(JSON.stringify(p384.publicJwk))).message).toMatch(/P-384/);
    expect((await refusal('{"kty":"oct","k":"c2VjcmV0"}')).code).toBe('UNUSABLE_KEY');
    const { publicJwk } = await keyPair('ECDH-ES+A256KW');
    expect((await refusal(JSON.stringify({ ...publicJwk, use: 'sig' }))).code).toBe('UNUSABLE_KEY');
    expect((await refusal(JSON.stringify({ ...publicJwk, alg: 'ES256' }))).code).toBe('UNUSABLE_KEY');
    expect((await refusal('-----BEGIN PUBLIC KEY-----')).code).toBe('UNUSABLE_KEY');
    expect((await refusal(JSON.stringify({ ...publicJwk, x: 'AAAA' }))).code).toBe('UNUSABLE_KEY');
  });
});
