// The injection rules' public surface, re-exported by name. Imported by the worker and tests.
export {
  ALLOW_RULE_PRIORITY,
  type BuildOptions,
  buildRules,
  HEADER_RULE_PRIORITY,
  type InjectionTarget,
  RULES_PER_SLOT,
  ruleIdsOf,
} from './build-rules';
export { diffRules, isEmptyUpdate } from './diff';
export { assignSlots } from './slots';
export {
  type HeaderOperation,
  type InstalledRule,
  MAX_SESSION_RULES,
  type ModifyHeaderInfo,
  type ResourceType,
  type Rule,
  type RuleAction,
  type RuleActionType,
  type RuleCondition,
  type RuleUpdate,
} from './types';
export { MAX_SLOT } from './validate';
