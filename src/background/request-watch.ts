// Watches tool requests to the connections' APIs: which token each one carried (its own
// Authorization header as sent), a 401 or an answer charged to exactly that token, and requests
// from origins that are not allowed, counted per connection for the popup. Browser events arrive
// through the worker entry; imported by auto-auth and tests.
import type { ActiveToken } from '../core/tokens';
import type { KeyValueArea } from '../platform/storage';

/** A request as it left the browser (webRequest.onSendHeaders). */
export interface SentRequest {
  requestId: string;
  url: string;
  /** -1 when no tab sent it (a page's service worker). */
  tabId: number;
  initiator?: string;
  /** The Authorization header it carried, if any: the injected one included. */
  authorization?: string;
}

export interface AnsweredRequest {
  requestId: string;
  statusCode: number;
}

/** What the watch needs of a connection: where its API is and who may call it. */
export interface WatchedConnection {
  connectionId: string;
  apiBaseUrl: string;
  toolOrigins: readonly string[];
}

export interface RefusedOrigin {
  /** The calling page's origin, as "scheme://host[:port]", with a note when no tab sent it. */
  origin: string;
  count: number;
}

export interface RequestWatchDeps {
  /** The extension's own origin: the worker's token, revoke and test requests are not tools'. */
  ownOrigin?: string;
  connections(): Promise<readonly WatchedConnection[]>;
  token(connectionId: string): ActiveToken | undefined;
  onUnauthorized(connectionId: string, generation: number): Promise<void>;
  onAnswered(connectionId: string, generation: number): Promise<void>;
  /** storage.session: the counts outlive a sleeping worker, and go with the lock. */
  store: KeyValueArea;
  onChange?: () => void;
}

const REFUSED_KEY = 'requests.refused';
/** Per connection, at most this many origins are kept: a page cannot grow the entry without bound. */
const MAX_ORIGINS = 20;

type Attribution = { connectionId: string; generation: number } | undefined;

export function createRequestWatch(deps: RequestWatchDeps) {
  // requestId → the token generation the request carried, set when it is sent. The 401 that
  // follows is charged to that generation only: never to a token installed in between.
  const sent = new Map<string, Promise<Attribution>>();
  let refused: Promise<Record<string, Record<string, number>>> | undefined;
  let writeQueued = false;

  const counts = () => {
    refused ??= deps.store
      .get<Record<string, Record<string, number>>>(REFUSED_KEY)
      .then((saved) => saved ?? {});
    return refused;
  };

  // Bursts of requests are written once: every count made before the write starts is in it.
  function persist(): void {
    if (writeQueued) return;
    writeQueued = true;
    void Promise.resolve().then(async () => {
      writeQueued = false;
      await deps.store.set(REFUSED_KEY, await counts());
      deps.onChange?.();
    });
  }

  async function count(connectionIds: string[], origin: string): Promise<void> {
    const all = await counts();
    for (const id of connectionIds) {
      const byOrigin = all[id] ?? {};
      all[id] = byOrigin;
      if (!(origin in byOrigin) && Object.keys(byOrigin).length >= MAX_ORIGINS) continue;
      byOrigin[origin] = (byOrigin[origin] ?? 0) + 1;
    }
    persist();
  }

  async function attribute(request: SentRequest): Promise<Attribution> {
    const matching = (await deps.connections()).filter((c) => request.url.startsWith(c.apiBaseUrl));
    for (const connection of matching) {
      const token = deps.token(connection.connectionId);
      if (token && request.authorization === `Bearer ${token.accessToken}`) {
        return { connectionId: connection.connectionId, generation: token.generation };
      }
    }
    // No token of ours: count the calls that came from where the user did not allow.
    const origin = request.initiator;
    if (origin === undefined || origin === deps.ownOrigin || matching.length === 0) return undefined;
    const outsiders = matching.filter((c) => !c.toolOrigins.includes(origin) || request.tabId < 0);
    if (outsiders.length > 0) {
      const label =
        request.tabId < 0 && !outsiders.some((c) => !c.toolOrigins.includes(origin))
          ? `${origin} (not from a tab: a service worker)`
          : origin;
      await count(
        outsiders.map((c) => c.connectionId),
        label,
      );
    }
    return undefined;
  }

  return {
    /** Must run before the matching `answered`: the worker entry queues both behind start-up. */
    sent(request: SentRequest): void {
      sent.set(
        request.requestId,
        attribute(request).catch(() => undefined),
      );
    },

    async answered(request: AnsweredRequest): Promise<void> {
      const attribution = await sent.get(request.requestId);
      sent.delete(request.requestId);
      if (!attribution) return;
      if (request.statusCode === 401)
        await deps.onUnauthorized(attribution.connectionId, attribution.generation);
      else await deps.onAnswered(attribution.connectionId, attribution.generation);
    },

    failed(requestId: string): void {
      sent.delete(requestId);
    },

    async refusedOrigins(connectionId: string): Promise<RefusedOrigin[]> {
      const byOrigin = (await counts())[connectionId] ?? {};
      return Object.entries(byOrigin)
        .map(([origin, n]) => ({ origin, count: n }))
        .sort((a, b) => b.count - a.count || (a.origin < b.origin ? -1 : 1));
    },

    /** At lock: the counts go with the session. */
    async clear(): Promise<void> {
      sent.clear();
      refused = Promise.resolve({});
      await deps.store.remove(REFUSED_KEY);
    },
  };
}

export type RequestWatch = ReturnType<typeof createRequestWatch>;
