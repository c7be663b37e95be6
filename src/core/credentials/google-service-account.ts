// A Google service account, from the JSON key file the Cloud console downloads, and the assertion
// the vault signs with its key for the OAuth 2.0 JWT bearer grant (providers.md, "Google service
// account"): RS256, `kid` = private_key_id; iss = client_email, scope, aud = token_uri, iat,
// exp one hour later at most; sub only for domain-wide delegation. Imported by core.
import { InvalidInputError, VaultError } from '../errors';
import { type PrivateKey, readPrivateKey, signJwt, storedSigningKey } from '../keys';
import type { GoogleServiceAccountCredential } from '../vault/model';
import { parseTokenUrl } from '../vault/url-rules';
import { storedKeyFields } from './signing-key';

export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** Google refuses assertions that claim more than an hour ("must be a short-lived token"). */
export const GOOGLE_ASSERTION_SECONDS = 3600;

export interface ServiceAccountKey {
  clientEmail: string;
  privateKeyId: string;
  /** The key file's `private_key`, read and checked: the secret. */
  privateKey: PrivateKey;
  tokenUri: string;
  projectId?: string;
}

export interface ServiceAccountGrant {
  clientEmail: string;
  privateKeyId: string;
  tokenUri: string;
  scopes: readonly string[];
  /** A user's email, to act as that user (domain-wide delegation). */
  subject?: string;
}

const OTHER_FILES: Record<string, string> = {
  authorized_user:
    "This is a user's credentials file (from `gcloud auth application-default login`), not a service account key: download a key from the service account's Keys tab.",
  external_account:
    "This is a workload identity federation file: it holds no key. Download a key from the service account's Keys tab.",
  impersonated_service_account:
    "This file impersonates a service account through another credential and holds no key of its own: download a key from the service account's Keys tab.",
};

function field(file: Record<string, unknown>, name: string): string {
  const value = file[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new InvalidInputError(`The key file has no "${name}": paste the whole file as downloaded.`);
  return value.trim();
}

/** https, or http to the machine itself (the sandbox); anything else is refused. */
function tokenUriOf(value: string): string {
  return parseTokenUrl(value, 'The key file\'s "token_uri"');
}

/** The service account in a pasted or dropped key file. */
export async function readServiceAccountKey(text: string): Promise<ServiceAccountKey> {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new InvalidInputError('This is not a key file: a service account key is a JSON file.');
  }
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    throw new InvalidInputError('This is not a key file: a service account key is a JSON object.');
  const fields = file as Record<string, unknown>;
  const type = fields.type;
  if (type !== 'service_account') {
    const known = typeof type === 'string' ? OTHER_FILES[type] : undefined;
    throw new VaultError(
      'UNSUPPORTED_KEY',
      known ?? 'This is not a service account key file (its "type" is not "service_account").',
    );
  }
  const clientEmail = field(fields, 'client_email');
  const privateKeyId = field(fields, 'private_key_id');
  const privateKey = await readPrivateKey(field(fields, 'private_key'));
  if (privateKey.alg !== 'RS256')
    throw new VaultError('UNSUPPORTED_KEY', 'Google signs service account assertions with RSA keys only.');
  const tokenUri = tokenUriOf(typeof fields.token_uri === 'string' ? fields.token_uri : GOOGLE_TOKEN_URI);
  const projectId = typeof fields.project_id === 'string' ? fields.project_id : undefined;
  return { clientEmail, privateKeyId, privateKey, tokenUri, ...(projectId ? { projectId } : {}) };
}

/** The claims to sign, `now` in seconds: also what the popup previews (never the key). */
export function serviceAccountClaims(
  grant: ServiceAccountGrant,
  now: number,
): Record<string, string | number> {
  if (grant.scopes.length === 0)
    throw new InvalidInputError('Name at least one scope: Google issues no token without one.');
  return {
    iss: grant.clientEmail,
    scope: grant.scopes.join(' '),
    aud: grant.tokenUri,
    iat: now,
    exp: now + GOOGLE_ASSERTION_SECONDS,
    ...(grant.subject ? { sub: grant.subject } : {}),
  };
}

/** The signed assertion for the token request. */
export function serviceAccountAssertion(
  grant: ServiceAccountGrant,
  key: Pick<PrivateKey, 'pkcs8' | 'alg'>,
  now: number,
): Promise<string> {
  return signJwt(key, serviceAccountClaims(grant, now), { kid: grant.privateKeyId });
}

/** What the vault keeps of a key file: the key as PKCS#8 PEM, and what the popup shows of it. */
export type StoredServiceAccount = Pick<
  GoogleServiceAccountCredential,
  | 'clientEmail'
  | 'privateKeyId'
  | 'privateKey'
  | 'keyDescription'
  | 'keyThumbprint'
  | 'tokenUri'
  | 'projectId'
>;

export function storedServiceAccount(key: ServiceAccountKey): StoredServiceAccount {
  return {
    clientEmail: key.clientEmail,
    privateKeyId: key.privateKeyId,
    ...storedKeyFields(key.privateKey),
    tokenUri: key.tokenUri,
    ...(key.projectId ? { projectId: key.projectId } : {}),
  };
}

/** The grant a stored credential describes. */
function grantOf(credential: GoogleServiceAccountCredential): ServiceAccountGrant {
  return {
    clientEmail: credential.clientEmail,
    privateKeyId: credential.privateKeyId,
    tokenUri: credential.tokenUri,
    scopes: credential.scopes,
    ...(credential.subject ? { subject: credential.subject } : {}),
  };
}

/** A fresh assertion for a stored credential, signed now: each token request signs its own. */
export function storedAccountAssertion(
  credential: GoogleServiceAccountCredential,
  nowMs: number,
): Promise<string> {
  return serviceAccountAssertion(
    grantOf(credential),
    storedSigningKey(credential.privateKey),
    Math.floor(nowMs / 1000),
  );
}
