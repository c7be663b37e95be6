// Shape checks and display facts for the credential JWT. The JWT stays opaque: nothing here
// verifies a signature; it is decoded only to show exp/iat/kid/sub and to warn before expiry.
// Imported by src/core/vault and the worker.
//
// Input is taken exactly as given: surrounding whitespace or a leading "Bearer " is refused
// with a message saying so, never trimmed. The stored JWT is then byte for byte what the user
// confirmed, and every caller sees the same rule.
import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import { InvalidInputError } from './errors';
import { MAX_JWT_LENGTH } from './vault/limits';

/** How far ahead of expiry the UI warns. */
export const EXPIRES_SOON_MS = 14 * 24 * 60 * 60 * 1000;

export interface JwtInfo {
  alg: string;
  kid?: string;
  typ?: string;
  sub?: string;
  iss?: string;
  /** Seconds since the epoch, as in the token. */
  iat?: number;
  exp?: number;
  expired: boolean;
  expiresSoon: boolean;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

// Every message below names the problem and never quotes the token: it is a secret.
function fail(problem: string): never {
  throw new InvalidInputError(problem);
}

// Decoding a part is a few lines: the popup shows the claims too, and jose's decoders would add
// about 2 kB to it for the same work.
function decodeJsonPart(part: string): unknown {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const binary = atob(part.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(token: unknown): { header: ProtectedHeaderParameters; payload: JWTPayload } {
  if (typeof token !== 'string' || token.length === 0) fail('The JWT is empty.');
  if (token.length > MAX_JWT_LENGTH) fail(`The JWT is longer than ${MAX_JWT_LENGTH} characters.`);
  if (/^bearer\s/i.test(token)) fail('The JWT starts with "Bearer ": paste the token alone.');
  if (/\s/.test(token)) fail('The JWT contains spaces or line breaks.');
  const parts = token.split('.');
  if (parts.length !== 3) fail('The JWT must have three parts separated by dots.');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const headerJson = decodeJsonPart(headerPart);
  if (!isJsonObject(headerJson)) fail('The JWT header is not valid base64url JSON.');
  const header: ProtectedHeaderParameters = headerJson;
  if (typeof header.alg !== 'string' || header.alg.length === 0) fail('The JWT header has no alg.');
  if (header.alg.toLowerCase() === 'none') fail('Unsigned JWTs (alg "none") are not accepted.');

  const payloadJson = decodeJsonPart(payloadPart);
  if (payloadJson === undefined) fail('The JWT payload is not valid base64url JSON.');
  if (!isJsonObject(payloadJson)) fail('The JWT payload is not a JSON object.');
  const payload: JWTPayload = payloadJson;

  if (signaturePart.length === 0) fail('The JWT signature part is empty.');
  if (!BASE64URL.test(signaturePart)) fail('The JWT signature is not valid base64url.');
  return { header, payload };
}

/** Throws InvalidInputError naming what is malformed unless token is a signed compact JWS. */
export function assertCompactJws(token: unknown): asserts token is string {
  parse(token);
}

/**
 * A JWT's header and claims as they decode, or undefined for a token that is not a signed JWT
 * (an opaque access token). Never the signature: the token inspector shows what this returns.
 */
export function decodeJwtParts(
  token: string,
): { header: Record<string, unknown>; claims: Record<string, unknown> } | undefined {
  try {
    const { header, payload } = parse(token);
    return { header: { ...header }, claims: { ...payload } };
  } catch {
    return undefined;
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The facts the UI shows. A claim of the wrong type is left out rather than trusted. */
export function inspectJwt(token: string, now: number = Date.now()): JwtInfo {
  const { header, payload } = parse(token);
  const info: JwtInfo = { alg: header.alg as string, expired: false, expiresSoon: false };
  const fields = {
    kid: optionalString(header.kid),
    typ: optionalString(header.typ),
    sub: optionalString(payload.sub),
    iss: optionalString(payload.iss),
    iat: optionalNumber(payload.iat),
    exp: optionalNumber(payload.exp),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) Object.assign(info, { [key]: value });
  }
  return { ...info, ...expiryFlags(info.exp, now) };
}

/** Whether a JWT with this `exp` (seconds) has expired, or expires within EXPIRES_SOON_MS. */
export function expiryFlags(exp: number | undefined, now: number = Date.now()) {
  if (exp === undefined) return { expired: false, expiresSoon: false };
  const left = exp * 1000 - now;
  const expired = left <= 0;
  return { expired, expiresSoon: !expired && left <= EXPIRES_SOON_MS };
}
