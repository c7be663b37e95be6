// A small reference model of declarativeNetRequest matching, written from Chrome's documented
// urlFilter grammar, so tests can ask which requests a rule set would touch and with what header.
// Imported by the rules tests only.
import type { ResourceType, Rule } from '../../../../src/core/rules';

/**
 * urlFilter → RegExp. `|` at either end anchors, `||` anchors at a (sub)domain start, `*` is any
 * run of characters, `^` is one separator (not a letter, digit or `_-.%`) or the end of the URL.
 */
export function urlFilterRegExp(filter: string, caseSensitive = false): RegExp {
  let pattern = filter;
  let prefix = '';
  let suffix = '';
  if (pattern.startsWith('||')) {
    prefix = '^[a-z][a-z0-9+.-]*://(?:[^/?#]*\\.)?';
    pattern = pattern.slice(2);
  } else if (pattern.startsWith('|')) {
    prefix = '^';
    pattern = pattern.slice(1);
  }
  if (pattern.endsWith('|')) {
    suffix = '$';
    pattern = pattern.slice(0, -1);
  }
  const body = [...pattern]
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '^') return '(?:[^A-Za-z0-9_\\-.%]|$)';
      return char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    })
    .join('');
  return new RegExp(`${prefix}${body}${suffix}`, caseSensitive ? '' : 'i');
}

/** Matches against the canonical URL, as the browser does (default ports dropped, host lower-cased). */
export function urlFilterMatches(filter: string, url: string, caseSensitive = false): boolean {
  return urlFilterRegExp(filter, caseSensitive).test(new URL(url).href);
}

export interface RequestInfo {
  url: string;
  /** The initiator's origin; undefined for a browser-initiated request. */
  initiator?: string;
  type?: ResourceType;
  /** The tab that sent it; -1 (no tab) when absent, as for a page's service worker. */
  tabId?: number;
}

export function ruleMatches(rule: Rule, request: RequestInfo): boolean {
  const { condition } = rule;
  const type = request.type ?? 'xmlhttprequest';
  if (condition.resourceTypes ? !condition.resourceTypes.includes(type) : type === 'main_frame') return false;
  if (condition.urlFilter !== undefined) {
    if (!urlFilterMatches(condition.urlFilter, request.url, condition.isUrlFilterCaseSensitive ?? false)) {
      return false;
    }
  }
  if (condition.tabIds && !condition.tabIds.includes(request.tabId ?? -1)) return false;
  if (condition.initiatorDomains) {
    if (request.initiator === undefined) return false;
    const host = new URL(request.initiator).hostname;
    // A domain matches itself and its subdomains; never a port, never a scheme.
    if (!condition.initiatorDomains.some((domain) => host === domain || host.endsWith(`.${domain}`))) {
      return false;
    }
  }
  return true;
}

/**
 * The Authorization header the rules would set, or undefined. An allow rule stops every
 * modifyHeaders rule of lower or equal priority; among header rules the highest priority wins.
 */
export function authorizationFor(rules: readonly Rule[], request: RequestInfo): string | undefined {
  const matching = rules.filter((rule) => ruleMatches(rule, request));
  const allowAt = Math.max(
    -Infinity,
    ...matching.filter((rule) => rule.action.type === 'allow').map((rule) => rule.priority ?? 1),
  );
  const setters = matching
    .filter((rule) => rule.action.type === 'modifyHeaders' && (rule.priority ?? 1) > allowAt)
    .sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1));
  for (const rule of setters) {
    const set = rule.action.requestHeaders?.find(
      (header) => header.header.toLowerCase() === 'authorization' && header.operation === 'set',
    );
    if (set) return set.value;
  }
  return undefined;
}

/** Applies one updateSessionRules argument to a rule list, the way the browser does. */
export function applyUpdate(
  rules: readonly Rule[],
  update: { removeRuleIds: number[]; addRules: Rule[] },
): Rule[] {
  const remaining = rules.filter((rule) => !update.removeRuleIds.includes(rule.id));
  for (const rule of update.addRules) {
    if (remaining.some((kept) => kept.id === rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    remaining.push(rule);
  }
  return remaining.sort((a, b) => a.id - b.id);
}
