// Validates a successful token response body and turns it into a TokenSet with local times.
// Imported by the token client only.
import { TokenError } from './token-error';
import type { GrantKind, TokenSet } from './types';

// What can travel in an HTTP header value after "Bearer ": visible ASCII, no spaces. A token with
// anything else would break the injected header or smuggle a second one.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * The lifetime taken for an answer without `expires_in` (Salesforce's: its tokens last the org's
 * session timeout, which the answer does not say). Fifteen minutes is the shortest timeout an org
 * can set, so the vault renews before any org's tokens end; a 401 renews sooner. An answer that
 * gives `expires_in` but no usable number is still refused.
 */
export const ASSUMED_LIFETIME_SECONDS = 15 * 60;

export function parseTokenResponse(body: unknown, grant: GrantKind, receivedAt: number): TokenSet {
  const malformed = (what: string) =>
    new TokenError('MALFORMED_RESPONSE', `The token endpoint's answer ${what}.`, { grant, status: 200 });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw malformed('is not a JSON object');
  }
  const fields = body as Record<string, unknown>;
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') throw malformed('has no access token');
  if (!HEADER_SAFE.test(accessToken)) throw malformed('has an access token that cannot go in a header');
  if (typeof fields.token_type !== 'string' || fields.token_type.toLowerCase() !== 'bearer') {
    throw malformed('is not a bearer token');
  }
  const given = fields.expires_in;
  const expiresIn = given === undefined || given === null ? ASSUMED_LIFETIME_SECONDS : seconds(given);
  if (expiresIn === undefined || expiresIn <= 0) throw malformed('has no valid expires_in');

  const ttlMs = expiresIn * 1000;
  const tokens: TokenSet = { accessToken, expiresAt: receivedAt + ttlMs, receivedAt, ttlMs };
  const refreshToken = fields.refresh_token;
  if (refreshToken !== undefined && refreshToken !== null && refreshToken !== '') {
    if (typeof refreshToken !== 'string' || !HEADER_SAFE.test(refreshToken)) {
      throw malformed('has an invalid refresh token');
    }
    tokens.refreshToken = refreshToken;
    const refreshIn = seconds(fields.refresh_token_expires_in);
    if (refreshIn !== undefined && refreshIn > 0) tokens.refreshExpiresAt = receivedAt + refreshIn * 1000;
  }
  if (typeof fields.scope === 'string') tokens.scope = fields.scope;
  // owner_id is documented as a string; accept a number too rather than fail on it.
  if (typeof fields.owner_id === 'string' || typeof fields.owner_id === 'number') {
    tokens.ownerId = String(fields.owner_id);
  }
  return tokens;
}

/** A number of seconds, as a JSON number or a string of digits; undefined when it is neither. */
function seconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\d{1,10}$/.test(value)) return Number(value);
  return undefined;
}
