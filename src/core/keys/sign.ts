// Signs a JWT with a stored private key: the assertion a signed credential kind sends (Google,
// Salesforce, Box, DocuSign, private_key_jwt). The key is imported for this one signature,
// non-extractable, and dropped. Imported by src/core/credentials.
import { type JWTPayload, SignJWT } from 'jose';
import { IMPORT_PARAMS, type PrivateKey } from './private-key';

/** Header fields a provider asks for besides `alg` and `typ`: `kid`, or Entra's `x5t#S256`. */
export type AssertionHeader = Record<string, string>;

export async function signJwt(
  key: Pick<PrivateKey, 'pkcs8' | 'alg'>,
  claims: JWTPayload,
  header: AssertionHeader = {},
): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('pkcs8', key.pkcs8, IMPORT_PARAMS[key.alg], false, [
    'sign',
  ]);
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, typ: 'JWT', ...header }).sign(cryptoKey);
}
