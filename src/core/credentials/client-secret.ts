// Client credentials with a secret (providers.md, "Client credentials with a secret"): no JWT is
// signed; the client authenticates with HTTP Basic at the token URL, in the grant its server
// names — Zoom's `account_credentials` for one account, or RFC 6749's `client_credentials`.
// Imported by core.
import type { TokenProvider, TokenUrl } from '../tokens';
import type { ClientSecretCredential, ClientSecretPreset } from '../vault/model';
import { CLIENT_SECRET_LABELS } from './kind-defaults';

export interface SecretPresetSpec {
  label: string;
  provider: TokenProvider;
  /** Where its token URL is, when every client has the same one. */
  tokenUrl?: string;
  /** The grant and the fields it needs besides the Basic header. */
  grant(credential: Pick<ClientSecretCredential, 'accountId' | 'scopes'>): Record<string, string>;
  /** Whether the client acts for one account, named in the request (Zoom's `account_id`). */
  accountId: boolean;
}

export const CLIENT_SECRET_PRESETS: Record<ClientSecretPreset, SecretPresetSpec> = {
  zoom: {
    label: CLIENT_SECRET_LABELS.zoom,
    provider: 'zoom',
    tokenUrl: 'https://zoom.us/oauth/token',
    // Zoom documents these in the query string and takes them in the body as well.
    grant: ({ accountId }) => ({ grant_type: 'account_credentials', account_id: accountId ?? '' }),
    accountId: true,
  },
  other: {
    label: CLIENT_SECRET_LABELS.other,
    provider: 'oauth-secret',
    grant: ({ scopes }) => ({
      grant_type: 'client_credentials',
      ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
    }),
    accountId: false,
  },
};

export const CLIENT_SECRET_PRESET_IDS = Object.keys(CLIENT_SECRET_PRESETS) as ClientSecretPreset[];

export function isClientSecretPreset(value: unknown): value is ClientSecretPreset {
  return typeof value === 'string' && Object.hasOwn(CLIENT_SECRET_PRESETS, value);
}

/** Where its tokens come from and how it asks: Basic with the secret, the preset's grant. */
export function clientSecretIssuer(credential: ClientSecretCredential): TokenUrl {
  const preset = CLIENT_SECRET_PRESETS[credential.preset];
  return {
    tokenUrl: credential.tokenUrl,
    provider: preset.provider,
    assertionAs: 'none',
    params: preset.grant(credential),
    basic: { clientId: credential.clientId, clientSecret: credential.clientSecret },
  };
}
