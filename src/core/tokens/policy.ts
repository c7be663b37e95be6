// When the token manager acts: the proactive refresh instant, and how long it waits after a
// failure. Pure arithmetic on epoch ms, described once. Imported by the token manager and tests.
import type { VaultError } from '../errors';
import { DEFAULT_RETRY_AFTER_MS } from './retry-after';
import type { TokenSet } from './types';

export interface TokenPolicy {
  /** Refresh at expiry minus the larger of this and `refreshFraction` of the lifetime. */
  refreshMarginMs: number;
  refreshFraction: number;
  /** Exponential backoff for transient failures: base × 2^(n−1), capped. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** When a 429 or 503 carries no usable Retry-After. */
  defaultRetryAfterMs: number;
}

export const DEFAULT_POLICY: TokenPolicy = {
  refreshMarginMs: 60_000,
  refreshFraction: 0.1,
  backoffBaseMs: 2_000,
  backoffMaxMs: 5 * 60_000,
  defaultRetryAfterMs: DEFAULT_RETRY_AFTER_MS,
};

/**
 * When to refresh: `expiresAt − max(60 s, 10 % of TTL)`, but never before half the lifetime has
 * passed, so a token shorter than the margin (test servers) does not refresh in a loop.
 */
export function refreshAt(tokens: TokenSet, policy: TokenPolicy = DEFAULT_POLICY): number {
  const margin = Math.max(policy.refreshMarginMs, policy.refreshFraction * tokens.ttlMs);
  return Math.max(tokens.expiresAt - margin, tokens.receivedAt + tokens.ttlMs / 2);
}

/** The wait after the `failures`-th consecutive transient failure (1-based). */
export function backoffDelay(failures: number, policy: TokenPolicy = DEFAULT_POLICY): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** exponent);
}

/**
 * When to try again after a transient failure. A server's Retry-After is honoured as a floor:
 * the exponential backoff still grows underneath it, so a server that keeps saying "1 second"
 * cannot pull the vault into a fast loop.
 */
export function retryAtAfter(
  error: Pick<VaultError, 'code' | 'retryAt'>,
  failures: number,
  now: number,
  policy: TokenPolicy = DEFAULT_POLICY,
): number {
  const backoff = now + backoffDelay(failures, policy);
  if (error.retryAt !== undefined) return Math.max(error.retryAt, backoff);
  if (error.code === 'RATE_LIMITED') return Math.max(now + policy.defaultRetryAfterMs, backoff);
  return backoff;
}
