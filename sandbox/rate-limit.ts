// RingCentral's "Auth" rate-limit group: N token/revoke requests per user per window, then a penalty.

export interface RateLimitSettings {
  limit: number;
  windowSeconds: number;
  /** Exceeding the limit starts a penalty; every request inside it restarts it. */
  penaltySeconds: number;
}

export const authGroup: RateLimitSettings = { limit: 5, windowSeconds: 60, penaltySeconds: 60 };

export interface RateLimitVerdict {
  allowed: boolean;
  /** Seconds, set when refused. */
  retryAfter?: number;
  headers: Record<string, string>;
}

interface Bucket {
  hits: number[];
  penaltyUntil: number;
}

export interface RateLimiter {
  /** Counts one request for `key` (a user, or a client when the user is unknown). */
  hit(key: string, now: number): RateLimitVerdict;
  /** Starts a penalty now, for one key or for everyone. */
  penalize(now: number, key?: string): void;
  configure(settings: RateLimitSettings | false): void;
  settings(): RateLimitSettings | false;
  reset(): void;
}

export function createRateLimiter(initial: RateLimitSettings | false): RateLimiter {
  let settings = initial;
  let buckets = new Map<string, Bucket>();
  let everyoneUntil = 0;

  const bucket = (key: string): Bucket => {
    const found = buckets.get(key);
    if (found) return found;
    const fresh = { hits: [], penaltyUntil: 0 };
    buckets.set(key, fresh);
    return fresh;
  };

  return {
    hit(key, now) {
      if (!settings) return { allowed: true, headers: {} };
      const { limit, windowSeconds, penaltySeconds } = settings;
      const headers = (remaining: number) => ({
        'X-Rate-Limit-Group': 'Auth',
        'X-Rate-Limit-Limit': String(limit),
        'X-Rate-Limit-Remaining': String(remaining),
        'X-Rate-Limit-Window': String(windowSeconds),
      });
      const refuse = (): RateLimitVerdict => ({
        allowed: false,
        retryAfter: penaltySeconds,
        headers: headers(0),
      });
      const b = bucket(key);
      const penaltyEnd = now + penaltySeconds * 1000;
      if (now < everyoneUntil) {
        everyoneUntil = penaltyEnd;
        return refuse();
      }
      if (now < b.penaltyUntil) {
        b.penaltyUntil = penaltyEnd;
        return refuse();
      }
      b.hits = b.hits.filter((t) => t > now - windowSeconds * 1000);
      if (b.hits.length >= limit) {
        b.penaltyUntil = penaltyEnd;
        // The penalty replaces the window: once it is served, the user starts afresh.
        b.hits = [];
        return refuse();
      }
      b.hits.push(now);
      return { allowed: true, headers: headers(limit - b.hits.length) };
    },
    penalize(now, key) {
      if (!settings) return;
      const until = now + settings.penaltySeconds * 1000;
      if (key === undefined) everyoneUntil = until;
      else bucket(key).penaltyUntil = until;
    },
    configure(next) {
      settings = next;
      buckets = new Map();
      everyoneUntil = 0;
    },
    settings: () => settings,
    reset() {
      settings = initial;
      buckets = new Map();
      everyoneUntil = 0;
    },
  };
}
