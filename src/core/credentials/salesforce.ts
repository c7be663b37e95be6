// A Salesforce connected app's JWT bearer flow (providers.md, "Salesforce"): RS256, signed with
// the key whose certificate is uploaded to the app; iss = the consumer key, sub = the username,
// aud = the login URL, exp a few minutes ahead. Posted to the login URL's token endpoint; no
// client secret, no refresh token, and no `expires_in` in the answer. Imported by core.
import { InvalidInputError, VaultError } from '../errors';
import { type PrivateKey, readPrivateKey, signJwt, storedSigningKey } from '../keys';
import type { SalesforceJwtCredential } from '../vault/model';
import { storedKeyFields } from './signing-key';

/**
 * How far ahead the assertion's `exp` is: Salesforce documents "a few minutes" and is reported
 * to refuse more than five; three leave room for a clock that is a little off.
 */
export const SALESFORCE_ASSERTION_SECONDS = 180;

export type SalesforceGrant = Pick<SalesforceJwtCredential, 'consumerKey' | 'username' | 'loginUrl'>;

/** The claims to sign, `now` in seconds: also what the popup previews (never the key). */
export function salesforceClaims(grant: SalesforceGrant, now: number): Record<string, string | number> {
  return {
    iss: grant.consumerKey,
    sub: grant.username,
    aud: grant.loginUrl,
    exp: now + SALESFORCE_ASSERTION_SECONDS,
  };
}

export function salesforceAssertion(
  grant: SalesforceGrant,
  key: Pick<PrivateKey, 'pkcs8' | 'alg'>,
  now: number,
): Promise<string> {
  return signJwt(key, salesforceClaims(grant, now));
}

/** The key as pasted (the `server.key` made for the app's certificate), read and checked. */
export async function readSalesforceKey(text: string, passphrase?: string) {
  if (text.trim() === '')
    throw new InvalidInputError('Paste the private key whose certificate is uploaded to the connected app.');
  const key = await readPrivateKey(text, passphrase);
  if (key.alg !== 'RS256')
    throw new VaultError(
      'UNSUPPORTED_KEY',
      'Salesforce signs JWT bearer assertions with RSA keys only (RS256): make an RSA key, upload its certificate to the connected app, and paste the key.',
    );
  return storedKeyFields(key);
}

/** A fresh assertion for a stored credential, signed now. */
export function storedSalesforceAssertion(
  credential: SalesforceJwtCredential,
  nowMs: number,
): Promise<string> {
  return salesforceAssertion(credential, storedSigningKey(credential.privateKey), Math.floor(nowMs / 1000));
}
