// The core's own DNR types must fit the real ones both ways the worker uses them: built rules go
// into updateSessionRules, installed rules come back from getSessionRules into diffRules.
// Checked by tsc; the runtime assertion only keeps vitest from calling the file empty.
import { describe, expect, it } from 'vitest';
import type { DeclarativeNetRequest } from 'webextension-polyfill';
import { buildRules, diffRules, type RuleUpdate } from '../../../../src/core/rules';

describe('rule typings', () => {
  it("fit Chromium's and the polyfill's declarativeNetRequest types", () => {
    const rules = buildRules([]);
    const update: RuleUpdate = diffRules([] as chrome.declarativeNetRequest.Rule[], rules);
    const forChrome: chrome.declarativeNetRequest.UpdateRuleOptions = update;
    const forPolyfill: { removeRuleIds: number[]; addRules: DeclarativeNetRequest.Rule[] } = update;
    const installed: DeclarativeNetRequest.Rule[] = rules;

    expect(diffRules(installed, rules)).toEqual({ removeRuleIds: [], addRules: [] });
    expect([forChrome, forPolyfill]).toHaveLength(2);
  });
});
