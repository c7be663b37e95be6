// A provider's budget of token requests, shared by every connection that spends from it: RingCentral
// allows 5 token requests a minute per user (its Auth group), whichever app or credential asks, and
// answers the sixth with a 429 and a minute's penalty. The vault holds the request back instead and
// says when it will ask. The times of the requests spent are saved (storage.session in the worker),
// so a restarted worker does not start the minute afresh. The documented limit holds until the
// server's answers say otherwise: RingCentral advertises its own in X-Rate-Limit headers, and a
// server that sends none enforces none. Pure: the store and clock are injected.
// Imported by the token manager and the worker.
import type { Clock } from './types';

/** Who shares a budget (e.g. a server and a user) and how many requests it allows per window. */
export interface BudgetKey {
  key: string;
  requests: number;
  perMs: number;
  /** The provider's rule, as the held-back connection explains it: "RingCentral allows …". */
  rule: string;
}

export interface BudgetStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface TokenBudget {
  /** Spends one request now and resolves to undefined, or to the epoch ms when one is free. */
  spend(budget: BudgetKey): Promise<number | undefined>;
  /**
   * What the server's last token answer advertised: its own limit, which then replaces the
   * documented one, or none — a server that enforces no limit (a test server) is not held to one.
   */
  learn(budget: BudgetKey, advertised: { requests: number; perMs: number } | 'none'): Promise<void>;
}

const PREFIX = 'budget.';
/**
 * The server counts a request when it arrives, the vault when it sends it: a request sent the
 * moment the oldest leaves the vault's window can still meet it in the server's. The window is
 * taken this much longer.
 */
export const BUDGET_MARGIN_MS = 2_000;
const LEARNED = 'budget-learned.';

type Learned = { requests: number; perMs: number } | 'none';

export function createTokenBudget(deps: { store: BudgetStore; clock: Clock }): TokenBudget {
  // One spend at a time: two connections starting together must not both take the last request.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    spend(budget) {
      const run = queue.then(async () => {
        const now = deps.clock.now();
        const learned = await deps.store.get<Learned>(LEARNED + budget.key);
        const limit = learned && learned !== 'none' ? learned : budget;
        const requests = limit.requests;
        const perMs = limit.perMs + BUDGET_MARGIN_MS;
        const saved = (await deps.store.get<number[]>(PREFIX + budget.key)) ?? [];
        // Kept for the longest window either limit uses.
        const recent = saved
          .filter((at) => at > now - Math.max(perMs, budget.perMs + BUDGET_MARGIN_MS) && at <= now)
          .sort((a, b) => a - b);
        const inWindow = recent.filter((at) => at > now - perMs);
        if (learned !== 'none' && inWindow.length >= requests) {
          // Free when the oldest request of the window leaves it.
          return inWindow[inWindow.length - requests]! + perMs;
        }
        await deps.store.set(PREFIX + budget.key, [...recent, now]);
        return undefined;
      });
      queue = run.catch(() => {});
      return run;
    },
    learn: (budget, advertised) => deps.store.set(LEARNED + budget.key, advertised),
  };
}
