// The difference between the installed session rules and the wanted ones, as the argument of
// ONE updateSessionRules call: a changed rule (a new token) is removed and re-added under the same
// id in that call, so no request ever sees the rule missing. Imported by the worker and tests.
import { InvalidInputError } from '../errors';
import type { InstalledRule, Rule, RuleUpdate } from './types';

/**
 * `previous` is what getSessionRules returned (any shape the browser gives, compared by content);
 * `next` is what buildRules wants installed.
 */
export function diffRules(previous: readonly InstalledRule[], next: readonly Rule[]): RuleUpdate {
  const before = byId(previous, 'installed');
  const after = byId(next, 'wanted');
  const removeRuleIds: number[] = [];
  const addRules: Rule[] = [];
  for (const [id, rule] of before) {
    const wanted = after.get(id);
    if (!wanted || canonical(wanted) !== canonical(rule)) removeRuleIds.push(id);
  }
  for (const [id, rule] of after) {
    const installed = before.get(id);
    if (!installed || canonical(installed) !== canonical(rule)) addRules.push(rule);
  }
  removeRuleIds.sort((a, b) => a - b);
  addRules.sort((a, b) => a.id - b.id);
  return { removeRuleIds, addRules };
}

export function isEmptyUpdate(update: RuleUpdate): boolean {
  return update.removeRuleIds.length === 0 && update.addRules.length === 0;
}

function byId<R extends InstalledRule>(rules: readonly R[], which: string): Map<number, R> {
  const map = new Map<number, R>();
  for (const rule of rules) {
    if (map.has(rule.id)) throw new InvalidInputError(`The ${which} rules contain the id ${rule.id} twice.`);
    map.set(rule.id, rule);
  }
  return map;
}

/** JSON with sorted keys: two rules are the same when their content is, whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
