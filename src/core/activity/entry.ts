// What the activity log keeps of one tool request to a connection's API: when, from which page,
// what it asked for, whether the vault's header was on it, and how it ended. Never a header value,
// a token, a query string or a body: the path is cut at "?" before anything keeps it. Pure;
// imported by the worker, the message types and the popup.

/** Whose Authorization header the request left with. */
export type HeaderOnRequest =
  /** The vault's current token for the connection. */
  | 'vault'
  /** Another value: the page's own, or a token the vault has since replaced. */
  | 'other'
  | 'none';

/** Why a request to a connection's API got no token, when the vault can say. */
export type NoTokenReason =
  /** The calling page's origin is not among the connection's tool origins. */
  | 'origin-not-allowed'
  /** No tab sent it (a page's service worker): tool origins are pinned to tabs. */
  | 'not-from-a-tab';

export interface ActivityEntry {
  /** Increasing within a vault session: the newest entry has the highest. */
  seq: number;
  /** When the request was sent (ms since the epoch, the browser's clock). */
  at: number;
  /** The connections whose API the request went to, the one whose token it carried first. */
  connectionIds: string[];
  /** The calling page's origin ("scheme://host[:port]"); empty when the browser gave none. */
  origin: string;
  /** The tab that sent it; -1 when none did. */
  tabId: number;
  method: string;
  /** The URL without its query string and fragment. */
  url: string;
  header: HeaderOnRequest;
  /** The token's number, when the vault's header was on it. */
  generation?: number;
  noToken?: NoTokenReason;
  /** The HTTP status; absent when the request failed on the network. */
  status?: number;
  /** The network error when there was no answer (Chromium's words, e.g. net::ERR_FAILED). */
  error?: string;
  durationMs: number;
}

/** Entries kept per vault session: the newest, the oldest dropped first. */
export const ACTIVITY_LIMIT = 2000;

/** The part of a URL an entry keeps: scheme, host, port and path — no user info, query or fragment. */
export function activityUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    // Not a URL the browser would send; keep nothing that could be a query.
    return url.replace(/[?#].*$/s, '');
  }
}

export type StatusClass = '2xx' | '401/403' | '429' | '5xx' | 'other' | 'no answer';

/** The filter groups of the activity view. */
export function statusClass(entry: Pick<ActivityEntry, 'status'>): StatusClass {
  const { status } = entry;
  if (status === undefined) return 'no answer';
  if (status >= 200 && status < 300) return '2xx';
  if (status === 401 || status === 403) return '401/403';
  if (status === 429) return '429';
  if (status >= 500) return '5xx';
  return 'other';
}
