// A Box app with JWT server authentication (providers.md, "Box"): the `config.json` the developer
// console downloads — client ID and secret, the public key's ID, the private key encrypted with a
// passphrase the same file carries — and the assertion the vault signs with the key: RS256, `kid`
// = the public key's ID; iss = the client ID, sub = the enterprise or a user as `box_sub_type`
// says, aud = the token URL, a fresh jti, exp under a minute ahead. The request carries the client
// ID and secret too. Imported by core.
import { InvalidInputError, VaultError } from '../errors';
import { type PrivateKey, readPrivateKey, signJwt, storedSigningKey } from '../keys';
import type { BoxJwtCredential, SigningKeyFields } from '../vault/model';
import { assertionId, storedKeyFields } from './signing-key';

/** Box refuses an assertion whose exp is more than 60 s ahead; 45 leave room for a clock a little off. */
export const BOX_ASSERTION_SECONDS = 45;

export interface BoxConfig {
  clientId: string;
  clientSecret: string;
  publicKeyId: string;
  enterpriseId?: string;
  key: SigningKeyFields & { alg: PrivateKey['alg'] };
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new InvalidInputError(`The config.json has no "${name}": paste the whole file as downloaded.`);
  return value.trim();
}

/**
 * The app in a pasted or dropped config.json, its key opened with the file's passphrase (or
 * `passphrase`, for a file whose own was taken out).
 */
export async function readBoxConfig(source: string, passphrase?: string): Promise<BoxConfig> {
  let file: unknown;
  try {
    file = JSON.parse(source);
  } catch {
    throw new InvalidInputError("This is not a Box app's config.json: it is not JSON.");
  }
  const settings = (file as { boxAppSettings?: unknown } | null)?.boxAppSettings as
    | { clientID?: unknown; clientSecret?: unknown; appAuth?: Record<string, unknown> }
    | undefined;
  if (typeof settings !== 'object' || settings === null)
    throw new InvalidInputError(
      'This is not a Box app\'s config.json: it has no "boxAppSettings". Download it from the app\'s Configuration tab (Add and Manage Public Keys → Generate a Public/Private Keypair).',
    );
  const appAuth = settings.appAuth;
  if (
    typeof appAuth !== 'object' ||
    appAuth === null ||
    typeof appAuth.privateKey !== 'string' ||
    appAuth.privateKey === ''
  )
    throw new VaultError(
      'UNSUPPORTED_KEY',
      'This config.json holds no private key: Box leaves it out when the key pair was made elsewhere. Paste a config.json from "Generate a Public/Private Keypair", or add the key to the file as appAuth.privateKey.',
    );
  const own =
    typeof appAuth.passphrase === 'string' && appAuth.passphrase !== '' ? appAuth.passphrase : undefined;
  const key = await readPrivateKey(appAuth.privateKey, own ?? passphrase);
  if (key.alg !== 'RS256')
    throw new VaultError('UNSUPPORTED_KEY', 'Box signs JWT assertions with RSA keys only.');
  const enterprise = (file as { enterpriseID?: unknown }).enterpriseID;
  return {
    clientId: text(settings.clientID, 'boxAppSettings.clientID'),
    clientSecret: text(settings.clientSecret, 'boxAppSettings.clientSecret'),
    publicKeyId: text(appAuth.publicKeyID, 'boxAppSettings.appAuth.publicKeyID'),
    ...(typeof enterprise === 'string' && enterprise !== '' && enterprise !== '0'
      ? { enterpriseId: enterprise }
      : {}),
    key: { ...storedKeyFields(key), alg: key.alg },
  };
}

export type BoxGrant = Pick<
  BoxJwtCredential,
  'clientId' | 'publicKeyId' | 'subjectType' | 'subject' | 'tokenUrl'
>;

/** The claims to sign, `now` in seconds; a preview names the `jti` rather than draw one. */
export function boxClaims(
  grant: BoxGrant,
  now: number,
  jti: string = assertionId(),
): Record<string, string | number> {
  return {
    iss: grant.clientId,
    sub: grant.subject,
    box_sub_type: grant.subjectType,
    aud: grant.tokenUrl,
    jti,
    exp: now + BOX_ASSERTION_SECONDS,
  };
}

export function boxAssertion(
  grant: BoxGrant,
  key: Pick<PrivateKey, 'pkcs8' | 'alg'>,
  now: number,
  jti: string = assertionId(),
): Promise<string> {
  return signJwt(key, boxClaims(grant, now, jti), { kid: grant.publicKeyId });
}

export function storedBoxAssertion(credential: BoxJwtCredential, nowMs: number): Promise<string> {
  return boxAssertion(credential, storedSigningKey(credential.privateKey), Math.floor(nowMs / 1000));
}
