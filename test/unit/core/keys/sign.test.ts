// Signing an assertion with a stored key: RS256 matches a signature OpenSSL made of the same
// input, byte for byte; ES256 (randomised) verifies against the public key Node exported.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { readPrivateKey, signJwt } from '../../../../src/core/keys';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../fixtures/keys', name), 'utf8');

describe('signing an assertion', () => {
  it('signs RS256 exactly as OpenSSL does', async () => {
    const vector = JSON.parse(fixture('rs256-vector.json')) as {
      header: Record<string, string>;
      claims: Record<string, unknown>;
      jws: string;
    };
    // PKCS#1 in, as users paste it: the same key as the vector's PKCS#8.
    const key = await readPrivateKey(fixture('rsa-2048-pkcs1.pem'));
    expect(await signJwt(key, vector.claims, vector.header)).toBe(vector.jws);
  });

  it('signs ES256 with a signature the public key verifies', async () => {
    const key = await readPrivateKey(fixture('ec-p256-sec1.pem'));
    const claims = {
      iss: 'client-1',
      sub: 'client-1',
      aud: 'https://idp.example/token',
      jti: 'j-1',
      exp: 2_000_000_000,
    };
    const jws = await signJwt(key, claims, { kid: 'ec-1' });
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'ec-1' });
    const publicKey = await importJWK(JSON.parse(fixture('ec-p256.public.jwk.json')) as JWK, 'ES256');
    const { payload } = await jwtVerify(jws, publicKey, { currentDate: new Date(1_900_000_000_000) });
    expect(payload).toEqual(claims);
  });

  it('fails to verify against another key', async () => {
    const key = await readPrivateKey(fixture('ec-p256-sec1.pem'));
    const jws = await signJwt(key, { iss: 'x' });
    const other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ]);
    await expect(jwtVerify(jws, other.publicKey)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });
});
