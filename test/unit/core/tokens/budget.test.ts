// The providers' budgets of token requests: a sliding window per key, shared by concurrent
// callers, kept in the store so a new instance (a restarted worker) still counts them.
import { describe, expect, it } from 'vitest';
import { createTokenBudget } from '../../../../src/core/tokens';
import { BUDGET_MARGIN_MS } from '../../../../src/core/tokens/budget';
import { memoryArea } from '../../support/memory-area';

const BUDGET = { key: 'ringcentral https://x.test 42', requests: 5, perMs: 60_000, rule: 'five a minute' };

function setUp(start = 1_000_000) {
  let now = start;
  const store = memoryArea();
  const budget = () => createTokenBudget({ store, clock: { now: () => now } });
  return { store, budget, at: (ms: number) => (now = ms), now: () => now };
}

describe('token request budget', () => {
  it('spends five a minute, then says when the oldest leaves the window', async () => {
    const t = setUp();
    const budget = t.budget();
    for (let i = 0; i < 5; i += 1) {
      t.at(1_000_000 + i * 1_000);
      expect(await budget.spend(BUDGET)).toBeUndefined();
    }
    expect(await budget.spend(BUDGET)).toBe(1_000_000 + 60_000 + BUDGET_MARGIN_MS);
    // Free at the time it said, and then full again until the next one leaves.
    t.at(1_060_000 + BUDGET_MARGIN_MS);
    expect(await budget.spend(BUDGET)).toBeUndefined();
    expect(await budget.spend(BUDGET)).toBe(1_001_000 + 60_000 + BUDGET_MARGIN_MS);
    // Another user's budget is its own.
    expect(await budget.spend({ ...BUDGET, key: 'ringcentral https://x.test 43' })).toBeUndefined();
  });

  it('gives the last request to one of two callers at once, never to both', async () => {
    const t = setUp();
    const budget = t.budget();
    const spent = await Promise.all(Array.from({ length: 7 }, () => budget.spend(BUDGET)));
    expect(spent.filter((at) => at === undefined)).toHaveLength(5);
  });

  it('counts what a previous worker spent', async () => {
    const t = setUp();
    const before = t.budget();
    for (let i = 0; i < 5; i += 1) await before.spend(BUDGET);
    expect(await t.budget().spend(BUDGET)).toBe(1_000_000 + 60_000 + BUDGET_MARGIN_MS);
  });

  it('follows the limit the server advertises, and holds nothing back for a server that advertises none', async () => {
    const t = setUp();
    const budget = t.budget();
    await budget.learn(BUDGET, { requests: 2, perMs: 10_000 });
    expect(await budget.spend(BUDGET)).toBeUndefined();
    expect(await budget.spend(BUDGET)).toBeUndefined();
    expect(await budget.spend(BUDGET)).toBe(1_000_000 + 10_000 + BUDGET_MARGIN_MS);
    await budget.learn(BUDGET, 'none');
    for (let i = 0; i < 10; i += 1) expect(await budget.spend(BUDGET)).toBeUndefined();
  });
});
