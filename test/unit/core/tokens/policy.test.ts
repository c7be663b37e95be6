// The timing policy: when to refresh, how long to back off, how Retry-After is read.
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_POLICY,
  refreshAt,
  retryAtAfter,
  type TokenSet,
} from '../../../../src/core/tokens';
import { retryAtFrom } from '../../../../src/core/tokens/retry-after';

const NOW = 1_800_000_000_000;

function tokens(ttlSeconds: number): TokenSet {
  return { accessToken: 'a', receivedAt: NOW, ttlMs: ttlSeconds * 1000, expiresAt: NOW + ttlSeconds * 1000 };
}

describe('refreshAt', () => {
  it('refreshes at expiry minus the larger of 60 s and 10 % of the lifetime', () => {
    expect(refreshAt(tokens(3600))).toBe(NOW + 3_240_000);
    expect(refreshAt(tokens(7199))).toBe(NOW + 7_199_000 - 719_900);
    expect(refreshAt(tokens(600))).toBe(NOW + 540_000);
    expect(refreshAt(tokens(300))).toBe(NOW + 240_000);
  });

  it('never refreshes before half the lifetime, so short tokens cannot loop', () => {
    expect(refreshAt(tokens(60))).toBe(NOW + 30_000);
    expect(refreshAt(tokens(1))).toBe(NOW + 500);
  });
});

describe('backoffDelay', () => {
  it('doubles from 2 s and stops at 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((n) => backoffDelay(n))).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
    ]);
  });
});

describe('retryAtAfter', () => {
  it("honours the server's retryAt when it is later than the backoff", () => {
    expect(retryAtAfter({ code: 'RATE_LIMITED', retryAt: NOW + 60_000 }, 1, NOW)).toBe(NOW + 60_000);
  });

  it('waits 30 s for a rate limit without a retryAt', () => {
    expect(retryAtAfter({ code: 'RATE_LIMITED', retryAt: undefined }, 1, NOW)).toBe(NOW + 30_000);
  });

  it('does not let a short Retry-After undercut a grown backoff', () => {
    expect(retryAtAfter({ code: 'SERVER_UNAVAILABLE', retryAt: NOW + 1_000 }, 6, NOW)).toBe(NOW + 64_000);
  });

  it('backs off exponentially for everything else', () => {
    expect(retryAtAfter({ code: 'NETWORK', retryAt: undefined }, 3, NOW)).toBe(NOW + 8_000);
    expect(
      retryAtAfter({ code: 'NETWORK', retryAt: undefined }, 3, NOW, { ...DEFAULT_POLICY, backoffBaseMs: 10 }),
    ).toBe(NOW + 40);
  });
});

describe('retryAtFrom', () => {
  it('reads delta seconds and HTTP dates, and falls back to 30 s', () => {
    expect(retryAtFrom('120', NOW)).toBe(NOW + 120_000);
    expect(retryAtFrom(' 0 ', NOW)).toBe(NOW);
    expect(retryAtFrom(new Date(NOW + 45_000).toUTCString(), NOW)).toBe(NOW + 45_000);
    expect(retryAtFrom(new Date(NOW - 45_000).toUTCString(), NOW)).toBe(NOW + 30_000);
    expect(retryAtFrom(null, NOW)).toBe(NOW + 30_000);
    expect(retryAtFrom('soon', NOW)).toBe(NOW + 30_000);
    expect(retryAtFrom('-5', NOW)).toBe(NOW + 30_000);
  });
});
