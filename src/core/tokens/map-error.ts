// Maps a failed token-endpoint response to a TokenError. Branches on the HTTP status, the
// errorCode and the OAuth `error`, never on message text; messages never quote the server, whose
// text could echo what we sent. Imported by the token client only.
import type { ErrorCode } from '../errors';
import { retryAtFrom } from './retry-after';
import { TokenError } from './token-error';
import type { GrantKind } from './types';

type Reason =
  | 'client'
  | 'grantType'
  | 'notAllowed'
  | 'assertion'
  | 'jwtRejected'
  | 'refreshRejected'
  | 'request'
  | 'redirect'
  | 'rateLimited'
  | 'busy'
  | 'serverError';

// Each reason described once: its stable code and what a person should read.
const REASONS: Record<Reason, { code: ErrorCode; message: string }> = {
  client: {
    code: 'INVALID_CLIENT',
    message: "The server did not accept the app's client ID or client secret. Check the app's settings.",
  },
  grantType: {
    code: 'INVALID_CLIENT',
    message: 'This app is not enabled for the JWT auth flow. Enable it for the app in the Developer Console.',
  },
  notAllowed: {
    code: 'NOT_ALLOWED_FOR_APP',
    message: 'This JWT is not allowed for this app: the credential is restricted to other apps.',
  },
  assertion: {
    code: 'GRANT_REJECTED',
    message:
      'The server cannot use this JWT: it is malformed, its signature is invalid or its algorithm is not supported.',
  },
  jwtRejected: {
    code: 'GRANT_REJECTED',
    message: 'The server rejected the JWT: it has expired, or it was revoked or deleted. Create a new JWT.',
  },
  refreshRejected: {
    code: 'GRANT_REJECTED',
    message:
      'The server rejected the refresh token: it was used already or has expired. A new JWT exchange is needed.',
  },
  request: {
    code: 'TOKEN_REQUEST_REJECTED',
    message: "The token endpoint refused the request. Check the app's server URL and token and revoke paths.",
  },
  redirect: {
    code: 'TOKEN_REQUEST_REJECTED',
    message:
      "The token endpoint answered with a redirect, which the vault does not follow: the JWT goes to the app's server only. Use the final URL as the server URL.",
  },
  rateLimited: {
    code: 'RATE_LIMITED',
    message: "The server's limit on token requests was reached. The vault waits before it tries again.",
  },
  busy: {
    code: 'SERVER_UNAVAILABLE',
    message: 'The token server is busy. The vault waits before it tries again.',
  },
  serverError: {
    code: 'SERVER_UNAVAILABLE',
    message: 'The token server had an internal error. The vault tries again later.',
  },
};

// Documented codes (and the sandbox's pick for "not allowed", OAU-140) that decide on their own.
const BY_SERVER_CODE: Record<string, Reason> = {
  'OAU-123': 'client',
  'OAU-146': 'client',
  'OAU-153': 'client',
  'OAU-251': 'grantType',
  'OAU-140': 'notAllowed',
  'OAU-345': 'assertion',
  'OAU-347': 'assertion',
  'OAU-250': 'request',
};

export interface FailedResponse {
  status: number;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  retryAfter: string | null;
}

export function mapTokenFailure(grant: GrantKind, response: FailedResponse, now: number): TokenError {
  const { status } = response;
  const serverCode = errorCodeOf(response.body);
  const detail = serverCode === undefined ? { grant, status } : { grant, status, serverCode };
  const reason = reasonFor(grant, status, serverCode, oauthErrorOf(response.body));
  const { code, message } = REASONS[reason];
  const suffix = serverCode === undefined ? ` (HTTP ${status})` : ` (${serverCode})`;
  const retryAt = status === 429 || status === 503 ? retryAtFrom(response.retryAfter, now) : undefined;
  return new TokenError(code, `${message}${suffix}`, detail, retryAt);
}

/** A 3xx (or an opaque redirect, status 0): refused, so the JWT never travels to another URL. */
export function redirectFailure(grant: GrantKind, status: number): TokenError {
  const { code, message } = REASONS.redirect;
  return new TokenError(code, message, { grant, status });
}

function reasonFor(grant: GrantKind, status: number, serverCode?: string, oauthError?: string): Reason {
  if (status === 429) return 'rateLimited';
  if (status === 503) return 'busy';
  if (status >= 500) return 'serverError';
  const known = serverCode === undefined ? undefined : BY_SERVER_CODE[serverCode];
  if (known) return known;
  // RFC 6749 §5.2 errors, for codes the table does not know.
  if (oauthError === 'invalid_client' || status === 401) return 'client';
  if (oauthError === 'unauthorized_client') return 'grantType';
  // The same errorCodes (OAU-210, OAU-213) mean the JWT or the refresh token depending on the
  // grant we sent, so the grant decides.
  if (oauthError === 'invalid_grant') return grant === 'refresh_token' ? 'refreshRejected' : 'jwtRejected';
  return 'request';
}

/** The detailed errorCode, whichever body shape carries it, when it looks like one. */
function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as { errorCode?: unknown; errors?: unknown };
  const first = Array.isArray(fields.errors)
    ? (fields.errors[0] as { errorCode?: unknown } | undefined)
    : undefined;
  const code = first?.errorCode ?? fields.errorCode;
  // Only a short code-shaped string may reach a message or a log.
  return typeof code === 'string' && /^[A-Za-z0-9-]{1,32}$/.test(code) ? code : undefined;
}

function oauthErrorOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'string' ? error : undefined;
}
