// Every error the sandbox can answer, described once as data; endpoints pick an entry by key.

import type { Reply } from './http';

export interface ErrorSpec {
  status: number;
  /** OAuth error (RFC 6749 §5.2); absent for platform errors such as CMN-301. */
  error?: string;
  errorCode: string;
  message: string;
  /** Top-level errorCode when it differs from the detailed one (API 401s say "TokenInvalid"). */
  outerCode?: string;
  /** Platform body without the errors array, as the gateway's AGW-401 is documented. */
  bare?: boolean;
}

/**
 * Codes without a comment are the ones RingCentral documents. "(choice)" marks the sandbox's own pick
 * where the public record is silent; every errorCode can be overridden with the `errorCodes` option.
 */
export const errorCatalog = {
  // Client authentication.
  noClientAuth: {
    status: 401,
    error: 'invalid_client',
    errorCode: 'OAU-123',
    message: 'Client authentication is required',
  },
  wrongClientSecret: {
    status: 401,
    error: 'invalid_client',
    errorCode: 'OAU-146',
    message: 'Invalid client secret',
  },
  unknownClient: { status: 401, error: 'invalid_client', errorCode: 'OAU-153', message: 'Invalid client' },
  // Grant.
  grantNotAllowed: {
    status: 400,
    error: 'unauthorized_client',
    errorCode: 'OAU-251',
    message: 'Unauthorized for this grant type',
  },
  unsupportedGrant: {
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-250',
    message: 'Unsupported grant type',
  },
  assertionInvalid: {
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-345',
    message: 'Invalid assertion: malformed or bad signature',
  },
  // error (choice): the table gives none; invalid_request like its malformed sibling.
  assertionAlgorithm: {
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-347',
    message: 'Unsupported assertion signature algorithm',
  },
  // (choice) the JWT's own expiry, or an admin "expire": same code as an expired token.
  credentialExpired: { status: 400, error: 'invalid_grant', errorCode: 'OAU-210', message: 'JWT expired' },
  // (choice) revoked or deleted credential: "token not found".
  credentialRevoked: {
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-213',
    message: 'JWT not found: revoked or deleted',
  },
  // (choice) credential restricted to other client IDs, or to another organization's apps.
  credentialNotAllowed: {
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-140',
    message: 'JWT is not allowed for this application',
  },
  refreshTokenInvalid: {
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-213',
    message: 'Token not found',
  },
  refreshTokenExpired: {
    status: 400,
    error: 'invalid_grant',
    errorCode: 'OAU-210',
    message: 'Token expired',
  },
  // Request syntax.
  duplicateParameter: {
    status: 400,
    error: 'invalid_request',
    errorCode: 'OAU-111',
    message: 'Duplicate parameter',
  },
  // (choice) missing or invalid parameter, wrong content type, malformed form body.
  invalidRequest: { status: 400, error: 'invalid_request', errorCode: 'OAU-101', message: 'Invalid request' },
  // Throttling and availability.
  rateLimited: { status: 429, errorCode: 'CMN-301', message: 'Request rate exceeded' },
  // (choice) the table gives only 503 + Retry-After.
  busy: { status: 503, errorCode: 'CMN-201', message: 'Service Temporary Unavailable' },
  // (choice) the rest are the sandbox's own.
  serverError: { status: 500, errorCode: 'CMN-500', message: 'Internal server error' },
  bodyTooLarge: { status: 413, errorCode: 'SBX-413', message: 'Request body too large' },
  notFound: { status: 404, errorCode: 'SBX-404', message: 'Resource not found' },
  methodNotAllowed: { status: 405, errorCode: 'SBX-405', message: 'Method not allowed' },
  // The API's bearer check.
  noAuthorizationHeader: {
    status: 401,
    errorCode: 'AGW-401',
    message: 'Authorization header is not specified',
    bare: true,
  },
  accessTokenInvalid: {
    status: 401,
    outerCode: 'TokenInvalid',
    errorCode: 'OAU-149',
    message: 'Invalid token',
  },
  accessTokenExpired: {
    status: 401,
    outerCode: 'TokenInvalid',
    errorCode: 'OAU-128',
    message: 'Access token expired',
  },
  // The admin surface.
  adminTokenMissing: {
    status: 401,
    errorCode: 'SBX-401',
    message: 'Admin token required: send the X-Sandbox-Admin header',
  },
  adminTokenWrong: { status: 403, errorCode: 'SBX-403', message: 'Wrong admin token' },
  adminBadRequest: { status: 400, errorCode: 'SBX-400', message: 'Bad admin request' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorKey = keyof typeof errorCatalog;

/** Per-key errorCode overrides, resolved once at start. */
export type ErrorCodes = Record<ErrorKey, string>;

export function resolveErrorCodes(overrides: Partial<ErrorCodes> = {}): ErrorCodes {
  const codes = {} as ErrorCodes;
  for (const key of Object.keys(errorCatalog) as ErrorKey[]) {
    codes[key] = overrides[key] ?? errorCatalog[key].errorCode;
  }
  return codes;
}

/** The JSON body for one error; `detail` replaces the catalog message when the case needs words. */
function errorBody(key: ErrorKey, codes: ErrorCodes, detail?: string): Record<string, unknown> {
  const spec: ErrorSpec = errorCatalog[key];
  const errorCode = codes[key];
  const message = detail ?? spec.message;
  const errors = [{ errorCode, message }];
  if (spec.error) return { error: spec.error, error_description: message, errors };
  if (spec.bare) return { errorCode, message };
  return { errorCode: spec.outerCode ?? errorCode, message, errors };
}

export function errorReply(
  key: ErrorKey,
  codes: ErrorCodes,
  detail?: string,
  headers: Record<string, string> = {},
): Reply {
  return { status: errorCatalog[key].status, body: errorBody(key, codes, detail), headers };
}
