// The token client: JWT exchange, refresh and revoke against one app's token endpoint, exactly
// as ringcentral-protocol.md describes them. Pure: fetch and the clock are injected. Every failure
// is a TokenError with a stable code; no message carries the JWT, a token or the secret.
// Imported by the token manager and the worker.
import type { ErrorCode } from '../errors';
import { type ClientAuth, clientAuth } from './client-auth';
import { mapTokenFailure, redirectFailure } from './map-error';
import { parseTokenResponse } from './parse-token-response';
import { mapProviderFailure } from './provider-failure';
import { TokenError } from './token-error';
import type { Clock, GrantKind, TokenIssuer, TokenSet } from './types';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** RFC 7523 §2.2: a client that authenticates with a signed JWT says so with this type. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A token request that hangs would hold the connection's single flight forever. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TokenClientDeps {
  fetch: FetchLike;
  clock: Clock;
  timeoutMs?: number;
}

/** Optional token request fields (seconds for the TTLs; the server clamps them). */
export interface TokenRequestOptions {
  accessTokenTtl?: number;
  refreshTokenTtl?: number;
  scope?: string;
  endpointId?: string;
}

/** What a revoke did, for logs and tests; revoke never throws and is never retried. */
export type RevokeOutcome = { revoked: true } | { revoked: false; code: ErrorCode; message: string };

export interface TokenClient {
  /**
   * The JWT bearer grant: `jwt` is the credential's JWT or an assertion signed for it; for a
   * client with a secret (none signed), the client credentials grant its issuer names.
   */
  exchangeJwt(app: TokenIssuer, jwt: string | undefined, options?: TokenRequestOptions): Promise<TokenSet>;
  refresh(app: TokenIssuer, refreshToken: string, options?: TokenRequestOptions): Promise<TokenSet>;
  revoke(app: TokenIssuer, token: string): Promise<RevokeOutcome>;
}

export function createTokenClient(deps: TokenClientDeps): TokenClient {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const post = async (
    grant: GrantKind,
    url: string,
    params: Record<string, string>,
    auth: ClientAuth,
    mapFailure = mapTokenFailure,
  ) => {
    let response: Response;
    try {
      response = await deps.fetch(url, {
        method: 'POST',
        headers: {
          ...auth.headers,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams({ ...params, ...auth.params }).toString(),
        // The JWT must reach this URL only: a redirect is refused, not followed.
        redirect: 'manual',
        credentials: 'omit',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      // The thrown error may quote the URL or request; its text stays here.
      throw new TokenError('NETWORK', 'The token server could not be reached. The vault tries again later.', {
        grant,
      });
    }
    const receivedAt = deps.clock.now();
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw redirectFailure(grant, response.status);
    }
    const body = await readJson(response);
    if (!response.ok) {
      throw mapFailure(
        grant,
        { status: response.status, body, retryAfter: response.headers.get('Retry-After') },
        receivedAt,
      );
    }
    return { body, receivedAt, advertised: advertisedLimit(response.headers) };
  };

  const grantRequest = async (
    app: TokenIssuer,
    grant: 'jwt' | 'refresh_token',
    params: Record<string, string>,
    options: TokenRequestOptions,
  ): Promise<TokenSet> => {
    const { body, receivedAt, advertised } = await post(
      grant,
      endpoint(app, 'token', grant),
      { ...params, ...optionalParams(options) },
      clientAuth(app),
      'tokenUrl' in app
        ? (failedGrant, response, now) => mapProviderFailure(app, failedGrant, response, now)
        : mapTokenFailure,
    );
    return { ...parseTokenResponse(body, grant, receivedAt), advertisedLimit: advertised };
  };

  return {
    exchangeJwt: (app, jwt, options = {}) => grantRequest(app, 'jwt', assertionParams(app, jwt), options),

    refresh: (app, refreshToken, options = {}) =>
      grantRequest(
        app,
        'refresh_token',
        { grant_type: 'refresh_token', refresh_token: refreshToken },
        options,
      ),

    async revoke(app, token) {
      if ('tokenUrl' in app)
        return {
          revoked: false,
          code: 'TOKEN_REQUEST_REJECTED',
          message: 'These tokens cannot be revoked: they expire on their own.',
        };
      try {
        await post('revoke', endpoint(app, 'revoke', 'revoke'), { token }, clientAuth(app));
        return { revoked: true };
      } catch (error) {
        const known = error instanceof TokenError ? error : undefined;
        return {
          revoked: false,
          code: known?.code ?? 'INTERNAL',
          message: known?.message ?? 'The revoke request failed.',
        };
      }
    },
  };
}

/**
 * Where the JWT goes in the request: as the grant (RFC 7523 §2.1), or, for a client that
 * authenticates with it, beside a client credentials grant (§2.2), with the fields its credential asks for.
 */
function assertionParams(app: TokenIssuer, jwt: string | undefined): Record<string, string> {
  const extra = 'tokenUrl' in app ? app.params : undefined;
  // A client with a secret: its params name the grant; Basic authenticates it.
  if ('tokenUrl' in app && app.assertionAs === 'none') return { grant_type: 'client_credentials', ...extra };
  if (jwt === undefined)
    throw new TokenError('TOKEN_REQUEST_REJECTED', 'This credential has no JWT to send.', { grant: 'jwt' });
  if ('tokenUrl' in app && app.assertionAs === 'client-auth')
    return {
      ...extra,
      grant_type: 'client_credentials',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: jwt,
    };
  return { ...extra, grant_type: JWT_BEARER_GRANT, assertion: jwt };
}

/**
 * The server URL joined with a path, or the credential's own token URL. Checked here too, not
 * only on save: a path such as `//elsewhere.test/` would otherwise send the JWT to another host.
 */
function endpoint(app: TokenIssuer, which: 'token' | 'revoke', grant: GrantKind): string {
  let url: URL | undefined;
  try {
    if ('tokenUrl' in app) {
      url = new URL(app.tokenUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') url = undefined;
    } else {
      const path = which === 'token' ? app.tokenPath : app.revokePath;
      const origin = new URL(app.serverUrl).origin;
      url = path.startsWith('/') && !path.startsWith('//') ? new URL(`${origin}${path}`) : undefined;
      if (url?.origin !== origin) url = undefined;
    }
  } catch {
    url = undefined;
  }
  if (!url) {
    throw new TokenError(
      'TOKEN_REQUEST_REJECTED',
      "The app's server URL or its token or revoke path is not valid.",
      { grant },
    );
  }
  return url.href;
}

/** The limit a token answer advertises in RingCentral's rate-limit headers, or 'none'. */
function advertisedLimit(headers: Headers): TokenSet['advertisedLimit'] {
  const limit = Number(headers.get('X-Rate-Limit-Limit'));
  const window = Number(headers.get('X-Rate-Limit-Window'));
  if (!headers.has('X-Rate-Limit-Limit')) return 'none';
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(window) || window < 1) return undefined;
  return { requests: limit, perMs: window * 1000 };
}

function optionalParams(options: TokenRequestOptions): Record<string, string> {
  const params: Record<string, string> = {};
  if (options.accessTokenTtl !== undefined) params.access_token_ttl = String(options.accessTokenTtl);
  if (options.refreshTokenTtl !== undefined) params.refresh_token_ttl = String(options.refreshTokenTtl);
  if (options.scope !== undefined) params.scope = options.scope;
  if (options.endpointId !== undefined) params.endpoint_id = options.endpointId;
  return params;
}

/** The body as JSON, or undefined when it is not JSON: the caller decides what that means. */
async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}
