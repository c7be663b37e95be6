// Client credentials with a signed client assertion (`private_key_jwt`, RFC 7523 §2.2;
// providers.md, "Client assertions"): the client ID is the assertion's iss and sub, its aud the
// token endpoint, with a fresh jti and a short exp. What differs between authorization servers is
// one table: the audience each expects, how the key is named in the header, and whether the
// token is asked for by scopes or for an API by name. Imported by core.
import { InvalidInputError } from '../errors';
import { type PrivateKey, readPrivateKey, signJwt, storedSigningKey } from '../keys';
import type { TokenProvider } from '../tokens';
import type { ClientAssertionCredential, ClientAssertionPreset } from '../vault/model';
import { CLIENT_ASSERTION_LABELS } from './kind-defaults';
import { assertionId, storedKeyFields } from './signing-key';

/** The assertion's lifetime: under Auth0's five minutes, and signed afresh for every request. */
export const CLIENT_ASSERTION_SECONDS = 180;

export interface PresetSpec {
  label: string;
  /** Whose words explain its refusals. */
  provider: TokenProvider;
  /** The token URL's shape, as the form's hint. */
  tokenUrlHint: string;
  /** The `aud` the server checks, from the token URL. */
  audience(tokenUrl: string): string;
  /** How the header names the key: a `kid`, or (Entra) the certificate's SHA-256 thumbprint. */
  keyHeader: 'kid' | 'x5t#S256';
  /** Auth0 asks for a token for an API by its identifier (`audience`), not by scopes. */
  apiAudience: boolean;
  defaultScopes: readonly string[];
}

export const CLIENT_ASSERTION_PRESETS: Record<ClientAssertionPreset, PresetSpec> = {
  okta: {
    label: CLIENT_ASSERTION_LABELS.okta,
    provider: 'okta',
    tokenUrlHint: "https://{your Okta domain}/oauth2/v1/token, or a custom authorization server's",
    audience: (tokenUrl) => tokenUrl,
    keyHeader: 'kid',
    apiAudience: false,
    defaultScopes: [],
  },
  auth0: {
    label: CLIENT_ASSERTION_LABELS.auth0,
    provider: 'auth0',
    tokenUrlHint: 'https://{tenant}.auth0.com/oauth/token',
    // Auth0 checks the tenant's URL with its trailing slash, not the token URL: what is left of
    // the token URL without its `oauth/token`.
    audience: (tokenUrl) => {
      const url = new URL(tokenUrl);
      return url.pathname.endsWith('/oauth/token') ? url.href.replace(/oauth\/token$/, '') : `${url.origin}/`;
    },
    keyHeader: 'kid',
    apiAudience: true,
    defaultScopes: [],
  },
  entra: {
    label: CLIENT_ASSERTION_LABELS.entra,
    provider: 'entra',
    tokenUrlHint: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
    audience: (tokenUrl) => tokenUrl,
    keyHeader: 'x5t#S256',
    apiAudience: false,
    defaultScopes: ['https://graph.microsoft.com/.default'],
  },
  other: {
    label: CLIENT_ASSERTION_LABELS.other,
    provider: 'oauth',
    tokenUrlHint: "the authorization server's token endpoint",
    audience: (tokenUrl) => tokenUrl,
    keyHeader: 'kid',
    apiAudience: false,
    defaultScopes: [],
  },
};

export const CLIENT_ASSERTION_PRESET_IDS = Object.keys(CLIENT_ASSERTION_PRESETS) as ClientAssertionPreset[];

export function isClientAssertionPreset(value: unknown): value is ClientAssertionPreset {
  return typeof value === 'string' && Object.hasOwn(CLIENT_ASSERTION_PRESETS, value);
}

export type ClientAssertionGrant = Pick<
  ClientAssertionCredential,
  'clientId' | 'audience' | 'keyId' | 'certificateThumbprint'
>;

/** The claims to sign, `now` in seconds; a preview names the `jti` rather than draw one. */
export function clientAssertionClaims(
  grant: ClientAssertionGrant,
  now: number,
  jti: string = assertionId(),
): Record<string, string | number> {
  return {
    iss: grant.clientId,
    sub: grant.clientId,
    aud: grant.audience,
    iat: now,
    exp: now + CLIENT_ASSERTION_SECONDS,
    jti,
  };
}

/** The header fields naming the key, as the preset asks: `kid`, or Entra's `x5t#S256`. */
export function clientAssertionHeader(grant: ClientAssertionGrant): Record<string, string> {
  return {
    ...(grant.keyId ? { kid: grant.keyId } : {}),
    ...(grant.certificateThumbprint ? { 'x5t#S256': grant.certificateThumbprint } : {}),
  };
}

/** The signed assertion; `jti` is fresh unless a test fixes it. */
export function clientAssertion(
  grant: ClientAssertionGrant,
  key: Pick<PrivateKey, 'pkcs8' | 'alg'>,
  now: number,
  jti: string = assertionId(),
): Promise<string> {
  return signJwt(key, clientAssertionClaims(grant, now, jti), clientAssertionHeader(grant));
}

export function storedClientAssertion(credential: ClientAssertionCredential, nowMs: number): Promise<string> {
  return clientAssertion(credential, storedSigningKey(credential.privateKey), Math.floor(nowMs / 1000));
}

/** The key as pasted, read and checked: RSA or EC, as the servers accept both. */
export async function readClientKey(text: string, passphrase?: string) {
  if (text.trim() === '') throw new InvalidInputError('Paste the private key registered for the client.');
  return storedKeyFields(await readPrivateKey(text, passphrase));
}
