// Unlock throttling policy: after a few wrong passwords, each further attempt waits twice as
// long as the last. Pure; the worker persists the state so reopening the popup or restarting
// the worker does not reset it.

export interface ThrottleState {
  failures: number;
  lastFailureAt: number;
}

/** Wrong passwords allowed before any delay: typos should not be punished. */
export const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;

export const NO_FAILURES: ThrottleState = { failures: 0, lastFailureAt: 0 };

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

/** Epoch ms before which an attempt is refused, or undefined when one is allowed now. */
export function throttledUntil(state: ThrottleState, now: number): number | undefined {
  const until = state.lastFailureAt + delayAfter(state.failures);
  return until > now ? until : undefined;
}

export function recordFailure(state: ThrottleState, now: number): ThrottleState {
  return { failures: state.failures + 1, lastFailureAt: now };
}
