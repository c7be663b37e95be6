// The sandbox's RSA signing key: signs personal JWTs, publishes the JWKS, and checks assertions.

import {
  calculateJwkThumbprint,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/** Generating a 2048-bit key takes a few hundred ms: tests may create one and share it. */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

// A credential without expiry carries an exp far in the future, as RingCentral's do (seen: 2093).
export const noExpiry = Date.UTC(2093, 0, 1);

export interface CredentialClaims {
  id: string;
  userId: number;
  expiresAt: number | null;
  issuedAt: number;
  /** The server's base URL: the JWT's iss, and its token endpoint the aud. */
  issuer: string;
}

export function signCredential(key: SigningKey, claims: CredentialClaims): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(claims.issuer)
    .setAudience(`${claims.issuer}/restapi/oauth/token`)
    .setSubject(String(claims.userId))
    .setIssuedAt(Math.floor(claims.issuedAt / 1000))
    .setExpirationTime(Math.floor((claims.expiresAt ?? noExpiry) / 1000))
    .setJti(claims.id)
    .sign(key.privateKey);
}

export type AssertionCheck =
  | { ok: true; jti: string; sub: string }
  | { ok: false; problem: 'malformed' | 'algorithm' | 'expired' };

/** Verifies an assertion against the sandbox key; the caller maps each problem to an error code. */
export async function checkAssertion(
  key: SigningKey,
  assertion: string,
  now: number,
): Promise<AssertionCheck> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(assertion).alg;
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (alg !== 'RS256') return { ok: false, problem: 'algorithm' };
  try {
    const { payload } = await jwtVerify(assertion, key.publicKey, {
      algorithms: ['RS256'],
      currentDate: new Date(now),
      requiredClaims: ['sub', 'jti', 'exp'],
    });
    return { ok: true, jti: payload.jti!, sub: payload.sub! };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, problem: code === 'ERR_JWT_EXPIRED' ? 'expired' : 'malformed' };
  }
}
