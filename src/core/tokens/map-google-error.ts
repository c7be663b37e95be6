// Maps a failed answer of Google's token endpoint for service accounts to a TokenError, in words
// about the key file and the Cloud console rather than apps and JWTs. Google tells its refusals
// apart only in `error_description`, so known phrases are matched; the text itself is never
// quoted (the server's words could echo what we sent). Imported by the token client only.
import type { ErrorCode } from '../errors';
import type { FailedResponse } from './map-error';
import { retryAtFrom } from './retry-after';
import { TokenError } from './token-error';
import type { GrantKind } from './types';

type Reason =
  | 'signature'
  | 'account'
  | 'timeframe'
  | 'audience'
  | 'grant'
  | 'scope'
  | 'delegation'
  | 'request'
  | 'rateLimited'
  | 'busy'
  | 'serverError';

const REASONS: Record<Reason, { code: ErrorCode; message: string }> = {
  signature: {
    code: 'GRANT_REJECTED',
    message:
      "Google did not accept the key's signature: this key was deleted or disabled in the Cloud console, or it is not this account's. Create a new key for the service account and replace the key file.",
  },
  account: {
    code: 'GRANT_REJECTED',
    message:
      'Google does not know this service account: it was deleted or disabled, or the key file comes from another project. Download a key file of an active service account.',
  },
  timeframe: {
    code: 'GRANT_REJECTED',
    message:
      "Google refused the assertion's times: this computer's clock is probably off. Set the clock to the right time, then refresh the connection.",
  },
  audience: {
    code: 'GRANT_REJECTED',
    message:
      'Google refused the assertion\'s audience: the key file\'s "token_uri" is not the token URL it was posted to. Use the key file as the console downloaded it.',
  },
  grant: {
    code: 'GRANT_REJECTED',
    message: 'Google refused the signed assertion. Check the key file, or create a new key and replace it.',
  },
  scope: {
    code: 'TOKEN_REQUEST_REJECTED',
    message:
      "Google refused the scopes: each must be a scope URL such as https://www.googleapis.com/auth/cloud-platform. Edit the credential's scopes.",
  },
  delegation: {
    code: 'NOT_ALLOWED_FOR_APP',
    message:
      'Google does not let this service account act as that user with these scopes: a Workspace admin must grant domain-wide delegation to its client ID, or remove the user to act as.',
  },
  request: {
    code: 'TOKEN_REQUEST_REJECTED',
    message: "Google's token endpoint refused the request. Check the key file's token URL.",
  },
  rateLimited: {
    code: 'RATE_LIMITED',
    message: "Google's limit on token requests was reached. The vault waits before it tries again.",
  },
  busy: {
    code: 'SERVER_UNAVAILABLE',
    message: "Google's token endpoint is busy. The vault waits before it tries again.",
  },
  serverError: {
    code: 'SERVER_UNAVAILABLE',
    message: "Google's token endpoint had an internal error. The vault tries again later.",
  },
};

/** The phrases of Google's invalid_grant descriptions, in the order they are tried. */
const INVALID_GRANT: [RegExp, Reason][] = [
  [/invalid jwt signature/i, 'signature'],
  [/account not found|disabled/i, 'account'],
  [/audience/i, 'audience'],
  [/timeframe|short-lived/i, 'timeframe'],
];

function reasonFor(status: number, error: string | undefined, description: string): Reason {
  if (status === 429) return 'rateLimited';
  if (status === 503) return 'busy';
  if (status >= 500) return 'serverError';
  switch (error) {
    case 'invalid_grant':
      return INVALID_GRANT.find(([phrase]) => phrase.test(description))?.[1] ?? 'grant';
    case 'invalid_scope':
      return 'scope';
    case 'unauthorized_client':
      return 'delegation';
    default:
      return 'request';
  }
}

export function mapGoogleFailure(grant: GrantKind, response: FailedResponse, now: number): TokenError {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
    error?: unknown;
    error_description?: unknown;
  };
  const error = typeof body.error === 'string' ? body.error : undefined;
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const { code, message } = REASONS[reasonFor(response.status, error, description)];
  // Only a short code-shaped `error` may reach a message.
  const shown = error && /^[a-z_]{1,40}$/.test(error) ? error : `HTTP ${response.status}`;
  const retryAt =
    response.status === 429 || response.status === 503 ? retryAtFrom(response.retryAfter, now) : undefined;
  return new TokenError(code, `${message} (${shown})`, { grant, status: response.status }, retryAt);
}
