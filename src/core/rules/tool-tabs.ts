// Which origin each tab's top-level page is on, kept in step with navigations, so that a header
// rule can be pinned to the tabs on a tool origin exactly (scheme, host and port). Pure: the
// worker feeds it tab and navigation events. Imported by the worker and tests.

export interface TabSnapshot {
  id: number;
  /** Absent when the browser does not show it (no host access to the page): never a tool. */
  url?: string;
  /** A navigation is still under way: `url` may be about to change. */
  loading?: boolean;
}

export interface ToolTabs {
  /** A top-level navigation starts: a tab that leaves its origin is unpinned before it commits. */
  navigating(tabId: number, url: string): boolean;
  /** The tab's page is now `url` (a commit, or a fresh read of the tab). */
  committed(tabId: number, url: string | undefined): boolean;
  removed(tabId: number): boolean;
  /** Everything known at once, e.g. at worker start. */
  reset(tabs: readonly TabSnapshot[]): void;
  /** Ids of the tabs whose page is on one of `origins`, ascending. */
  on(origins: readonly string[]): number[];
}

/** `scheme://host[:port]` of an http(s) URL, as `URL.origin` writes it; undefined otherwise. */
export function httpOrigin(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

// Each method says whether the pinning may have changed, so callers skip a rule rebuild when not.
export function createToolTabs(): ToolTabs {
  const origins = new Map<number, string>();
  const set = (tabId: number, origin: string | undefined): boolean => {
    if (origins.get(tabId) === origin) return false;
    if (origin === undefined) origins.delete(tabId);
    else origins.set(tabId, origin);
    return true;
  };
  return {
    navigating(tabId, url) {
      // Pinned again only at commit: until then the tab still shows the page it is leaving, and a
      // navigation can end without a commit (a download, a 204) or take as long as its server.
      return origins.get(tabId) === httpOrigin(url) ? false : set(tabId, undefined);
    },
    committed: (tabId, url) => set(tabId, httpOrigin(url)),
    removed: (tabId) => set(tabId, undefined),
    reset(tabs) {
      origins.clear();
      for (const tab of tabs) set(tab.id, httpOrigin(tab.url));
    },
    on(wanted) {
      const allowed = new Set(wanted);
      return [...origins]
        .filter(([, origin]) => allowed.has(origin))
        .map(([id]) => id)
        .sort((a, b) => a - b);
    },
  };
}
