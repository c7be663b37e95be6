// Watches tool requests to the connections' APIs: which token each one carried (its own
// Authorization header as sent), a 401 or an answer charged to exactly that token, requests from
// origins that are not allowed, counted per connection for the popup, and each request as an
// entry of the activity log. Browser events arrive through the worker entry; imported by
// auto-auth and tests.
import { type ActivityEntry, activityUrl, type NoTokenReason } from '../core/activity/entry';
import type { ActiveToken } from '../core/tokens';
import type { KeyValueArea } from '../platform/storage';
import type { ActivityFilter, ActivityLog } from './activity-log';

/** A request as it left the browser (webRequest.onSendHeaders). */
export interface SentRequest {
  requestId: string;
  url: string;
  /** -1 when no tab sent it (a page's service worker). */
  tabId: number;
  initiator?: string;
  method: string;
  /** When it was sent (ms since the epoch). */
  timeStamp: number;
  /** The Authorization header it carried, if any: the injected one included. */
  authorization?: string;
}

export interface AnsweredRequest {
  requestId: string;
  statusCode: number;
  timeStamp: number;
}

/** A request that got no answer: the network failed, or the browser cancelled it. */
export interface FailedRequest {
  requestId: string;
  error: string;
  timeStamp: number;
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
  /** Where each request to a connection's API becomes an entry. */
  log: ActivityLog;
  onChange?: () => void;
}

const REFUSED_KEY = 'requests.refused';
/** Per connection, at most this many origins are kept: a page cannot grow the entry without bound. */
const MAX_ORIGINS = 20;

type Attribution = { connectionId: string; generation: number } | undefined;

/** What is known of a request when it is sent: its token, and its entry but for how it ended. */
interface Sent {
  attribution: Attribution;
  entry?: Omit<ActivityEntry, 'seq' | 'status' | 'error' | 'durationMs'>;
}

export function createRequestWatch(deps: RequestWatchDeps) {
  // requestId → the token generation the request carried, set when it is sent. The 401 that
  // follows is charged to that generation only: never to a token installed in between.
  const sent = new Map<string, Promise<Sent>>();
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

  async function observe(request: SentRequest): Promise<Sent> {
    const matching = (await deps.connections()).filter((c) => request.url.startsWith(c.apiBaseUrl));
    let attribution: Attribution;
    for (const connection of matching) {
      const token = deps.token(connection.connectionId);
      if (token && request.authorization === `Bearer ${token.accessToken}`) {
        attribution = { connectionId: connection.connectionId, generation: token.generation };
        break;
      }
    }
    // The worker's own token, revoke and test requests are not a tool's.
    const origin = request.initiator;
    if (matching.length === 0 || (origin !== undefined && origin === deps.ownOrigin)) return { attribution };
    const ids = matching.map((c) => c.connectionId);
    const allowed = origin !== undefined && matching.some((c) => c.toolOrigins.includes(origin));
    let noToken: NoTokenReason | undefined;
    if (!attribution && origin !== undefined) {
      await countRefused(request, matching, origin);
      if (!allowed) noToken = 'origin-not-allowed';
      else if (request.tabId < 0) noToken = 'not-from-a-tab';
    }
    const entry: Sent['entry'] = {
      at: request.timeStamp,
      // The connection whose token it carried first.
      connectionIds: attribution
        ? [attribution.connectionId, ...ids.filter((id) => id !== attribution.connectionId)]
        : ids,
      origin: origin ?? '',
      tabId: request.tabId,
      method: request.method,
      url: activityUrl(request.url),
      header: attribution ? 'vault' : request.authorization === undefined ? 'none' : 'other',
      ...(attribution ? { generation: attribution.generation } : {}),
      ...(noToken ? { noToken } : {}),
    };
    return { attribution, entry };
  }

  /** Counts a call without a token of ours from where the user did not allow, per connection. */
  async function countRefused(
    request: SentRequest,
    matching: readonly WatchedConnection[],
    origin: string,
  ): Promise<void> {
    const outsiders = matching.filter((c) => !c.toolOrigins.includes(origin) || request.tabId < 0);
    if (outsiders.length === 0) return;
    const label =
      request.tabId < 0 && !outsiders.some((c) => !c.toolOrigins.includes(origin))
        ? `${origin} (not from a tab: a service worker)`
        : origin;
    await count(
      outsiders.map((c) => c.connectionId),
      label,
    );
  }

  /** The request's entry with how it ended, into the log. */
  function logEnded(observed: Sent | undefined, end: { status?: number; error?: string; timeStamp: number }) {
    if (!observed?.entry) return Promise.resolve();
    const { status, error, timeStamp } = end;
    return deps.log.record({
      ...observed.entry,
      ...(status === undefined ? {} : { status }),
      ...(error === undefined ? {} : { error }),
      durationMs: Math.max(0, timeStamp - observed.entry.at),
    });
  }

  return {
    /** Must run before the matching `answered`: the worker entry queues both behind start-up. */
    sent(request: SentRequest): void {
      sent.set(
        request.requestId,
        observe(request).catch(() => ({ attribution: undefined })),
      );
    },

    async answered(request: AnsweredRequest): Promise<void> {
      const observed = await sent.get(request.requestId);
      sent.delete(request.requestId);
      await logEnded(observed, { status: request.statusCode, timeStamp: request.timeStamp });
      const attribution = observed?.attribution;
      if (!attribution) return;
      if (request.statusCode === 401)
        await deps.onUnauthorized(attribution.connectionId, attribution.generation);
      else await deps.onAnswered(attribution.connectionId, attribution.generation);
    },

    async failed(request: FailedRequest): Promise<void> {
      const observed = await sent.get(request.requestId);
      sent.delete(request.requestId);
      await logEnded(observed, { error: request.error, timeStamp: request.timeStamp });
    },

    activity: (filter?: ActivityFilter) => deps.log.list(filter),

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
      await Promise.all([deps.store.remove(REFUSED_KEY), deps.log.clear()]);
    },
  };
}

export type RequestWatch = ReturnType<typeof createRequestWatch>;
