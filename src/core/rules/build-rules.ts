// Builds the session rules that inject each connection's token: one modifyHeaders rule for its
// API prefix, pinned to the tabs on its tool origins, and, above it, allow rules for its app's
// token and revoke URLs, so the worker's own Basic-authenticated requests are never rewritten.
// Pure; imported by the worker and tests.
import { InvalidInputError } from '../errors';
import type { InjectionTarget } from './target';
import { MAX_SESSION_RULES, type Rule } from './types';
import { endpointFilter, prefixFilter } from './url-filter';
import { type CheckedTarget, checkTarget } from './validate';

export type { InjectionTarget };

export interface BuildOptions {
  /** Default: the session-rule limit, 5,000. */
  maxRules?: number;
}

export const RULES_PER_SLOT = 3;
export const HEADER_RULE_PRIORITY = 1;
/** Higher than every header rule: a matching allow rule stops them. */
export const ALLOW_RULE_PRIORITY = 2;

/** The ids a slot owns: header rule, token-endpoint allow rule, revoke-endpoint allow rule. */
export function ruleIdsOf(slot: number): { header: number; allowToken: number; allowRevoke: number } {
  const base = slot * RULES_PER_SLOT;
  return { header: base + 1, allowToken: base + 2, allowRevoke: base + 3 };
}

export function buildRules(targets: readonly InjectionTarget[], options: BuildOptions = {}): Rule[] {
  const maxRules = options.maxRules ?? MAX_SESSION_RULES;
  if (!Array.isArray(targets)) throw new InvalidInputError('The injection targets must be a list.');
  const checked = targets.map(checkTarget);
  assertUnique(
    targets.map((t) => t.connectionId),
    'connection',
  );
  assertUnique(
    checked.map((t) => t.slot),
    'rule slot',
  );
  if (checked.length * RULES_PER_SLOT > maxRules) {
    throw new InvalidInputError(
      `Too many connections: ${checked.length} need ${checked.length * RULES_PER_SLOT} rules, the limit is ${maxRules}.`,
    );
  }
  // Ordered by id, so equal inputs give equal outputs whatever their order.
  return checked.sort((a, b) => a.slot - b.slot).flatMap(rulesOf);
}

function rulesOf(target: CheckedTarget): Rule[] {
  const ids = ruleIdsOf(target.slot);
  const allow = (id: number, path: string): Rule => ({
    id,
    priority: ALLOW_RULE_PRIORITY,
    action: { type: 'allow' },
    // No resourceTypes: whatever type the worker's fetch is classed as, it is covered.
    condition: { urlFilter: endpointFilter(target.serverOrigin, path), isUrlFilterCaseSensitive: true },
  });
  const allowRules = [allow(ids.allowToken, target.tokenPath), allow(ids.allowRevoke, target.revokePath)];
  // No tab on a tool origin: no header rule at all (DNR refuses an empty tabIds list, and any
  // other condition would be wider than "these tabs").
  if (target.tabIds.length === 0) return allowRules;
  return [
    {
      id: ids.header,
      priority: HEADER_RULE_PRIORITY,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [
          { header: 'Authorization', operation: 'set', value: `Bearer ${target.accessToken}` },
        ],
      },
      condition: {
        urlFilter: prefixFilter(target.apiOrigin, target.apiPath),
        // Paths are case-sensitive: /RESTAPI/ is another resource, and must not get the token.
        isUrlFilterCaseSensitive: true,
        // The host condition alone would admit every port, sub-domain and scheme of the tool's
        // host; the tabs condition narrows it to pages on the exact origin. Both must match.
        initiatorDomains: target.initiatorDomains,
        tabIds: target.tabIds,
        resourceTypes: ['xmlhttprequest'],
      },
    },
    ...allowRules,
  ];
}

function assertUnique<T>(values: T[], what: string): void {
  const seen = new Set<T>();
  for (const value of values) {
    if (seen.has(value)) throw new InvalidInputError(`Two injection targets have the same ${what}.`);
    seen.add(value);
  }
}
