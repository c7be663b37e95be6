// Minimal mirrors of the chrome.declarativeNetRequest rule types this extension uses, so core
// code can build rules without the `chrome` global. Structurally assignable to the real types.
// Imported by src/core/rules, the DNR platform adapter and tests.

/** The resource types Chromium and Firefox share, so a Rule fits both browsers' typings. */
export type ResourceType =
  | 'main_frame'
  | 'sub_frame'
  | 'stylesheet'
  | 'script'
  | 'image'
  | 'font'
  | 'object'
  | 'xmlhttprequest'
  | 'ping'
  | 'csp_report'
  | 'media'
  | 'websocket'
  | 'other';

export type HeaderOperation = 'append' | 'set' | 'remove';

export interface ModifyHeaderInfo {
  header: string;
  operation: HeaderOperation;
  value?: string;
}

export type RuleActionType =
  | 'block'
  | 'redirect'
  | 'allow'
  | 'upgradeScheme'
  | 'modifyHeaders'
  | 'allowAllRequests';

export interface RuleAction {
  type: RuleActionType;
  requestHeaders?: ModifyHeaderInfo[];
}

export interface RuleCondition {
  urlFilter?: string;
  isUrlFilterCaseSensitive?: boolean;
  /** Host names only: no scheme, no port (a "host:port" entry is accepted and never matches). */
  initiatorDomains?: string[];
  resourceTypes?: ResourceType[];
  /** Session rules only: the tabs whose requests match. Never empty; -1 would mean "no tab". */
  tabIds?: number[];
}

export interface Rule {
  /** A positive integer, unique among the extension's session rules. */
  id: number;
  priority?: number;
  action: RuleAction;
  condition: RuleCondition;
}

/** A rule as the browser returns it from getSessionRules: only the id is relied on. */
export interface InstalledRule {
  id: number;
}

/** The argument of one atomic updateSessionRules call. */
export interface RuleUpdate {
  removeRuleIds: number[];
  addRules: Rule[];
}

/** chrome.declarativeNetRequest.MAX_NUMBER_OF_SESSION_RULES. */
export const MAX_SESSION_RULES = 5000;
