// Adapter for declarativeNetRequest session rules: memory only, never written to disk (dynamic
// rules are). Every change is one updateSessionRules call, so a token swap is atomic.
import browser, { type DeclarativeNetRequest } from 'webextension-polyfill';

export type SessionRule = DeclarativeNetRequest.Rule;

export function getSessionRules(): Promise<SessionRule[]> {
  return browser.declarativeNetRequest.getSessionRules();
}

export async function updateSessionRules(change: { removeRuleIds: number[]; addRules: SessionRule[] }) {
  if (change.removeRuleIds.length === 0 && change.addRules.length === 0) return;
  await browser.declarativeNetRequest.updateSessionRules(change);
}
