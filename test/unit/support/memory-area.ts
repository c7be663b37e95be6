// An in-memory stand-in for a browser.storage area, at the platform boundary. Values are
// copied through structuredClone as the real storage would serialise them.
import type { Rule, RuleUpdate } from '../../../src/core/rules';
import type { KeyValueArea } from '../../../src/platform/storage';

export function memoryArea(): KeyValueArea & { dump(): Record<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    async get<T>(key: string) {
      return items.has(key) ? (structuredClone(items.get(key)) as T) : undefined;
    },
    async set(key, value) {
      items.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of [keys].flat()) items.delete(key);
    },
    dump: () => Object.fromEntries(items),
  };
}

export function fakeAlarms() {
  const alarms = new Map<string, number>();
  return {
    alarms,
    async set(name: string, when: number) {
      alarms.set(name, when);
    },
    async clear(name: string) {
      alarms.delete(name);
    },
  };
}

/** Open tabs as the worker sees them: their URL where it has host access. */
export function fakeTabs(initial: { id: number; url?: string }[] = []) {
  const tabs = new Map(initial.map((tab) => [tab.id, tab]));
  return {
    tabs,
    async query() {
      return structuredClone([...tabs.values()]);
    },
    async get(tabId: number) {
      return structuredClone(tabs.get(tabId));
    },
  };
}

/** Session rules held in memory, changed only by whole updates as the browser does. */
export function fakeRules() {
  let rules: Rule[] = [];
  const updates: RuleUpdate[] = [];
  return {
    updates,
    current: () => rules,
    async get() {
      return structuredClone(rules);
    },
    async update(change: RuleUpdate) {
      updates.push(structuredClone(change));
      const removed = new Set(change.removeRuleIds);
      rules = [...rules.filter((rule) => !removed.has(rule.id)), ...structuredClone(change.addRules)];
    },
  };
}
