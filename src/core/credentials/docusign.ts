// A DocuSign integration's JWT grant (providers.md, "DocuSign"): RS256 with one of the
// integration's RSA keys; iss = the integration key, sub = the user's GUID, aud = the account
// server's host alone (no scheme), iat, exp an hour later at most, scope `signature
// impersonation`. Posted to the account server's /oauth/token; no refresh token. Until the user
// consents, DocuSign answers `consent_required`: the consent page's link is built here.
// Imported by core.
import { VaultError } from '../errors';
import { type PrivateKey, readPrivateKey, signJwt, storedSigningKey } from '../keys';
import type { DocusignJwtCredential } from '../vault/model';
import { storedKeyFields } from './signing-key';

/** DocuSign refuses an assertion that claims more than an hour. */
export const DOCUSIGN_ASSERTION_SECONDS = 3600;

export type DocusignGrant = Pick<
  DocusignJwtCredential,
  'integrationKey' | 'userId' | 'accountServer' | 'scopes'
>;

/** The claims to sign, `now` in seconds: also what the popup previews. */
export function docusignClaims(grant: DocusignGrant, now: number): Record<string, string | number> {
  return {
    iss: grant.integrationKey,
    sub: grant.userId,
    // The host alone: DocuSign refuses a scheme here.
    aud: new URL(grant.accountServer).host,
    iat: now,
    exp: now + DOCUSIGN_ASSERTION_SECONDS,
    scope: grant.scopes.join(' '),
  };
}

export function docusignAssertion(
  grant: DocusignGrant,
  key: Pick<PrivateKey, 'pkcs8' | 'alg'>,
  now: number,
): Promise<string> {
  return signJwt(key, docusignClaims(grant, now));
}

export function storedDocusignAssertion(credential: DocusignJwtCredential, nowMs: number): Promise<string> {
  return docusignAssertion(credential, storedSigningKey(credential.privateKey), Math.floor(nowMs / 1000));
}

/** The page where the user consents once: the account server's authorization page for these scopes. */
export function docusignConsentUrl(
  credential: Pick<DocusignJwtCredential, 'accountServer' | 'integrationKey' | 'scopes' | 'redirectUri'>,
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    scope: credential.scopes.join(' '),
    client_id: credential.integrationKey,
    redirect_uri: credential.redirectUri,
  });
  return `${credential.accountServer}/oauth/auth?${query.toString().replaceAll('+', '%20')}`;
}

/** The integration's RSA key as Apps and Keys shows it (PKCS#1), or in any format the vault reads. */
export async function readDocusignKey(text: string, passphrase?: string) {
  const key = await readPrivateKey(text, passphrase);
  if (key.alg !== 'RS256')
    throw new VaultError(
      'UNSUPPORTED_KEY',
      'DocuSign signs JWT grants with RSA keys only: add an RSA key pair in Apps and Keys and paste its private key.',
    );
  return storedKeyFields(key);
}
