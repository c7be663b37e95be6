// The error every token request failure becomes: a VaultError with a stable code, plus which
// grant failed and the server's errorCode for logs. Imported by src/core/tokens and the worker.
import { type ErrorCode, type ErrorLink, VaultError } from '../errors';
import type { GrantKind } from './types';

export interface TokenErrorDetail {
  grant: GrantKind;
  /** HTTP status, absent when no response arrived. */
  status?: number;
  /** The server's errorCode (e.g. OAU-213), only when it has the shape of one. */
  serverCode?: string;
}

export class TokenError extends VaultError {
  readonly grant: GrantKind;
  readonly status: number | undefined;
  readonly serverCode: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    detail: TokenErrorDetail,
    retryAt?: number,
    link?: ErrorLink,
  ) {
    super(code, message, retryAt, link);
    this.name = 'TokenError';
    this.grant = detail.grant;
    this.status = detail.status;
    this.serverCode = detail.serverCode;
  }

  /** The refresh token was refused: the manager falls back to a JWT exchange. */
  get refreshTokenRejected(): boolean {
    return this.code === 'GRANT_REJECTED' && this.grant === 'refresh_token';
  }
}

/** Codes that a later attempt cannot fix: the connection waits for an edit or a manual refresh. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_CLIENT',
  'GRANT_REJECTED',
  'NOT_ALLOWED_FOR_APP',
  'TOKEN_REQUEST_REJECTED',
  'CONSENT_REQUIRED',
]);

export function isPermanent(code: ErrorCode): boolean {
  return PERMANENT.has(code);
}
