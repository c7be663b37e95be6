// The token core's data shapes: what a token endpoint grants and what the manager hands out.
// Imported by src/core/tokens and by the worker that wires the manager up.
import type { App } from '../vault/model';

/** What the token client needs of an app: client authentication and where the endpoints are. */
export type TokenApp = Pick<App, 'clientId' | 'clientSecret' | 'serverUrl' | 'tokenPath' | 'revokePath'>;

/** Whose token endpoint a credential's own token URL is: its refusals are explained in its words. */
export type TokenProvider =
  | 'google'
  | 'salesforce'
  | 'okta'
  | 'auth0'
  | 'entra'
  | 'oauth'
  | 'zoom'
  | 'oauth-secret'
  | 'box'
  | 'docusign';

/**
 * A token URL a credential carries (a Google key file's `token_uri`, a Salesforce login URL's):
 * the signed assertion authenticates — or, for a client with a secret, HTTP Basic — and its
 * tokens are not revoked: they expire on their own.
 */
export interface TokenUrl {
  tokenUrl: string;
  provider: TokenProvider;
  /**
   * Where the signed assertion goes: as the grant itself (RFC 7523 §2.1, `assertion`; Google,
   * Salesforce), or as the client's authentication in a client credentials grant (§2.2,
   * `client_assertion`; `private_key_jwt`), or nowhere: a client with a secret signs none, and
   * `params` carry its grant. Absent means the grant, as before there were more.
   */
  assertionAs?: 'grant' | 'client-auth' | 'none';
  /** Further fields of the request: `scope`, Auth0's `audience`, the `client_id`, Zoom's grant. */
  params?: Record<string, string>;
  /** HTTP Basic client authentication, for a client with a secret. */
  basic?: { clientId: string; clientSecret: string };
  /** The page where the user consents to the integration, once (DocuSign): offered when it asks. */
  consentUrl?: string;
}

/** Where token requests go and how the client authenticates: an app, or a credential's URL. */
export type TokenIssuer = TokenApp | TokenUrl;

/** The injected notion of "now", in epoch milliseconds, so tests can move time by hand. */
export interface Clock {
  now(): number;
}

/** A validated token response. Times are epoch ms on the local clock, taken at receipt. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
  refreshExpiresAt?: number;
  scope?: string;
  ownerId?: string;
  receivedAt: number;
  /** The lifetime the server granted (`expires_in`), in ms. */
  ttlMs: number;
  /**
   * The token-request limit the answer advertised (RingCentral's `X-Rate-Limit-Limit` and
   * `-Window`), or 'none' when it advertised none: a server that enforces no limit says nothing.
   */
  advertisedLimit?: { requests: number; perMs: number } | 'none';
}

/** Which request failed: callers need to know whether the JWT or the refresh token was refused. */
export type GrantKind = 'jwt' | 'refresh_token' | 'revoke';

/** The part of a token the worker injects; the refresh token never leaves the manager. */
export interface ActiveToken {
  accessToken: string;
  expiresAt: number;
  /** Increases with every new access token of a connection; 401s are matched against it. */
  generation: number;
}
