import { describe, expect, it } from 'vitest';
import {
  delayAfter,
  FREE_ATTEMPTS,
  NO_FAILURES,
  recordFailure,
  throttledUntil,
} from '../../../src/core/throttle';

describe('unlock throttling', () => {
  it('allows the first attempts without delay', () => {
    let state = NO_FAILURES;
    for (let i = 0; i < FREE_ATTEMPTS - 1; i += 1) state = recordFailure(state, 1_000);
    expect(throttledUntil(state, 1_000)).toBeUndefined();
  });

  it('delays after three failures and doubles each time, up to five minutes', () => {
    expect([3, 4, 5, 6].map(delayAfter)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(delayAfter(30)).toBe(300_000);
  });

  it('refuses until the delay has passed, then allows', () => {
    let state = NO_FAILURES;
    for (let i = 0; i < 3; i += 1) state = recordFailure(state, 10_000);
    expect(throttledUntil(state, 10_001)).toBe(15_000);
    expect(throttledUntil(state, 15_000)).toBeUndefined();
  });
});
