// diffRules and assignSlots: one atomic update per change, tokens swapped in place, slots stable.
import { describe, expect, it } from 'vitest';
import {
  assignSlots,
  buildRules,
  diffRules,
  type InjectionTarget,
  isEmptyUpdate,
  type Rule,
} from '../../../../src/core/rules';
import { expectCodeSync } from '../support';
import { applyUpdate, authorizationFor } from './dnr-matcher';

const app = {
  serverUrl: 'https://platform.ringcentral.com',
  tokenPath: '/restapi/oauth/token',
  revokePath: '/restapi/oauth/revoke',
};

function target(connectionId: string, slot: number, accessToken = `U1BC${connectionId}`): InjectionTarget {
  return {
    connectionId,
    slot,
    apiBaseUrl: `https://${connectionId}.example.com/`,
    toolOrigins: ['http://localhost:3000'],
    accessToken,
    tabIds: [1],
    app,
  };
}

/** The same value with every object's keys in reverse order, as a browser might return it. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reverseKeys(inner)]),
    );
  }
  return value;
}

describe('diffRules', () => {
  it('swaps a token by removing and re-adding the same id in one update', () => {
    const before = buildRules([target('a', 0), target('b', 1)]);
    const after = buildRules([target('a', 0), target('b', 1, 'U1BCnew')]);

    const update = diffRules(before, after);

    expect(update.removeRuleIds).toEqual([4]);
    expect(update.addRules.map((rule) => rule.id)).toEqual([4]);
    expect(applyUpdate(before, update)).toEqual(after);
  });

  it('never leaves a window without the rule: the old or the new token, in one call', () => {
    const before = buildRules([target('a', 0)]);
    const after = buildRules([target('a', 0, 'U1BCnew')]);
    const request = { url: 'https://a.example.com/x', initiator: 'http://localhost:3000', tabId: 1 };

    const update = diffRules(before, after);

    // Applied as one call, the state goes from old rules to new rules with nothing between.
    expect(authorizationFor(before, request)).toBe('Bearer U1BCa');
    expect(authorizationFor(applyUpdate(before, update), request)).toBe('Bearer U1BCnew');
  });

  it('is empty when nothing changed, whatever the key order of the installed rules', () => {
    const rules = buildRules([target('a', 0)]);
    const reordered = rules.map((rule) => reverseKeys(rule) as Rule);

    expect(isEmptyUpdate(diffRules(rules, rules))).toBe(true);
    expect(isEmptyUpdate(diffRules(reordered, buildRules([target('a', 0)])))).toBe(true);
  });

  it('removes every rule of a removed connection and adds every rule of a new one', () => {
    const before = buildRules([target('a', 0), target('b', 1)]);
    const after = buildRules([target('b', 1), target('c', 2)]);

    const update = diffRules(before, after);

    expect(update.removeRuleIds).toEqual([1, 2, 3]);
    expect(update.addRules.map((rule) => rule.id)).toEqual([7, 8, 9]);
    expect(applyUpdate(before, update)).toEqual(after);
  });

  it('clears everything on lock', () => {
    const before = buildRules([target('a', 0), target('b', 1)]);
    expect(diffRules(before, [])).toEqual({ removeRuleIds: [1, 2, 3, 4, 5, 6], addRules: [] });
  });

  it('also removes rules it did not build (left over by an older version)', () => {
    const stray = {
      id: 999,
      action: { type: 'block' as const },
      condition: { urlFilter: '|https://x.test/' },
    };
    const after = buildRules([target('a', 0)]);
    expect(diffRules([stray], after).removeRuleIds).toEqual([999]);
  });

  it('refuses duplicate ids', () => {
    const rules = buildRules([target('a', 0)]);
    expectCodeSync(() => diffRules([...rules, rules[0]!], rules), 'INVALID_INPUT');
    expectCodeSync(() => diffRules([], [...rules, rules[0]!]), 'INVALID_INPUT');
  });
});

describe('assignSlots', () => {
  it('keeps existing slots and gives new connections the lowest free ones', () => {
    const first = assignSlots(new Map(), ['a', 'b', 'c']);
    expect([...first]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);

    const second = assignSlots(first, ['c', 'd', 'a', 'e']);
    expect(Object.fromEntries(second)).toEqual({ a: 0, c: 2, d: 1, e: 3 });
  });

  it('drops removed connections and repairs a slot claimed twice', () => {
    const slots = assignSlots(
      new Map([
        ['a', 0],
        ['b', 0],
        ['gone', 5],
      ]),
      ['a', 'b'],
    );
    expect(Object.fromEntries(slots)).toEqual({ a: 0, b: 1 });
  });
});
