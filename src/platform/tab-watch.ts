// Adapter for browser.tabs, the worker's side: which page each tab shows, so the header rule can
// be pinned to the tool tabs. No "tabs" permission: a tab's URL is visible exactly where the
// extension has host access, which every tool origin needs anyway; any other tab reads as having
// no URL (never a tool).
import browser from 'webextension-polyfill';
import type { TabSnapshot } from '../core/rules/tool-tabs';

const snapshot = (tab: {
  id?: number;
  url?: string;
  status?: string;
  pendingUrl?: string;
}): TabSnapshot | undefined =>
  tab.id === undefined
    ? undefined
    : {
        id: tab.id,
        ...(tab.url === undefined ? {} : { url: tab.url }),
        ...(tab.status === 'complete' && tab.pendingUrl === undefined ? {} : { loading: true }),
      };

export async function queryTabs(): Promise<TabSnapshot[]> {
  return (await browser.tabs.query({})).flatMap((tab) => snapshot(tab) ?? []);
}

export async function getTab(tabId: number): Promise<TabSnapshot | undefined> {
  return browser.tabs.get(tabId).then(snapshot, () => undefined);
}

/** A tab's committed page changed (its `url`, absent when hidden from the extension). */
export function onTabCommitted(listener: (tabId: number, url: string | undefined) => void): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // `url` comes with the commit (only where the extension may see it); "complete" when loading
    // stops. A "loading" without a URL is not used: it can still name the page being left.
    if (change.url !== undefined || change.status === 'complete') listener(tabId, tab.url);
  });
}

export function onTabRemoved(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId));
}

/** A prerendered tab took another's place: the old id is gone, the new one is read afresh. */
export function onTabReplaced(listener: (added: number, removed: number) => void): void {
  browser.tabs.onReplaced.addListener((added, removed) => listener(added, removed));
}
