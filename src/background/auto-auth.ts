// Auto-authentication in the worker: keeps a token for the enabled connections through the token
// manager — one token per credential and app, shared by every connection through them — mirrors
// the tokens into declarativeNetRequest session rules pinned to the tool tabs (rule-sync), and
// answers the 401s that tool requests carrying a token get (request-watch).
// Tokens live in memory and storage.session only; rules are rebuilt from them at every worker
// start. Browser APIs arrive injected, so this runs in unit tests as is.

import { assertionFor } from '../core/credentials/assertion';
import { tokenBudgetFor, tokenIssuerFor } from '../core/credentials/issuer';
import { VaultError } from '../core/errors';
import { decodeJwtParts } from '../core/jwt';
import type { InstalledRule, RuleUpdate } from '../core/rules';
import type { TabSnapshot } from '../core/rules/tool-tabs';
import { widerHostAccess } from '../core/rules/wider-access';
import {
  type ActiveToken,
  createTokenBudget,
  createTokenClient,
  createTokenManager,
  type FetchLike,
  type SessionState,
  type SessionStore,
} from '../core/tokens';
import type { VaultRecords } from '../core/vault';
import type { Connection } from '../core/vault/model';
import { connectionNotAllowed, type NotAllowed, notAllowedMessage } from '../core/vault/relations';
import type { KeyValueArea } from '../platform/storage';
import type { ConnectionStatusView, ConnectionTestResult, TokenInspectionView } from '../shared/messages';
import { createActivityLog } from './activity-log';
import { getWithToken, probeToken, testUrl } from './connection-test';
import { createRequestWatch } from './request-watch';
import { createRuleSync } from './rule-sync';
import type { VaultSession } from './vault-session';

export { testUrl };

export const TOKEN_ALARM_PREFIX = 'token:';

/**
 * The token session a connection uses: one per credential and app. RingCentral opens a server
 * session at each exchange (about five per user and app, the oldest then evicted) and allows five
 * token requests a minute per user: connections that differ only in their API or tools share one
 * token. A credential with its own token URL has one session for all its connections. Ids are
 * [A-Za-z0-9_-], so the "~" cannot be part of either.
 */
export function tokenSessionOf(connection: Pick<Connection, 'credentialId' | 'appId'>): string {
  return `${connection.credentialId}~${connection.appId ?? ''}`;
}
const STATE_PREFIX = 'token.';
const STATE_INDEX = 'token.ids';

export interface AutoAuthDeps {
  vault: VaultSession;
  /** storage.session: memory only, trusted contexts only. */
  store: KeyValueArea;
  alarms: { set(name: string, when: number): Promise<void>; clear(name: string): Promise<void> };
  rules: { get(): Promise<InstalledRule[]>; update(change: RuleUpdate): Promise<void> };
  hostAccess(origins: string[]): Promise<boolean>;
  /** Every host pattern the extension holds, to warn where one is wider than a tool origin. */
  grantedOrigins?(): Promise<string[]>;
  /** The open tabs, and one tab: their URL only where the extension has host access. */
  tabs: { query(): Promise<TabSnapshot[]>; get(tabId: number): Promise<TabSnapshot | undefined> };
  fetch: FetchLike;
  now?: () => number;
  /** Told after every change of state, e.g. to update the toolbar badge. */
  onChange?: () => void;
  /** Told of each new activity entry, with its number (for the pages' live activity view). */
  onActivity?: (seq: number) => void;
  /** The extension's own origin, whose requests (the worker's) are never a tool's. */
  ownOrigin?: string;
}

export type AutoAuth = ReturnType<typeof createAutoAuth>;

/**
 * The token manager's persistence: one storage.session entry per connection plus an index of
 * them. The index is read, changed and written back one update at a time: two first saves at
 * once (every connection starts at unlock) must not both read the old index and lose an id.
 */
export function sessionStore(area: KeyValueArea): SessionStore {
  let indexing: Promise<void> = Promise.resolve();
  const addToIndex = (id: string) => {
    const run = indexing.then(async () => {
      const ids = (await area.get<string[]>(STATE_INDEX)) ?? [];
      if (!ids.includes(id)) await area.set(STATE_INDEX, [...ids, id]);
    });
    indexing = run.catch(() => {});
    return run;
  };
  return {
    load: (id) => area.get<SessionState>(STATE_PREFIX + id),
    async save(id, state) {
      await area.set(STATE_PREFIX + id, state);
      await addToIndex(id);
    },
    list: async () => (await area.get<string[]>(STATE_INDEX)) ?? [],
  };
}

/** Whether the connection's credential still allows its app; undefined when either is gone. */
type RecordReader = Pick<VaultRecords, 'get'>;

async function notAllowedOf(records: RecordReader, connection: Connection): Promise<NotAllowed | undefined> {
  // No app: the credential gets its tokens itself, there is nothing it could stop allowing.
  if (connection.appId === undefined) return undefined;
  const [app, credential] = await Promise.all([
    records.get('apps', connection.appId),
    records.get('credentials', connection.credentialId),
  ]);
  return app && credential ? connectionNotAllowed(credential, app) : undefined;
}

/**
 * The records' `get`, each record opened once: connections share their apps and credentials, and
 * opening a sealed record is an IndexedDB read and a decryption.
 */
function openedOnce(records: VaultRecords): RecordReader {
  const opened = new Map<string, Promise<unknown>>();
  return {
    get: ((kind: Parameters<VaultRecords['get']>[0], id: string) => {
      const key = `${kind}/${id}`;
      let record = opened.get(key);
      if (!record) {
        record = records.get(kind, id);
        opened.set(key, record);
      }
      return record;
    }) as VaultRecords['get'],
  };
}

function notAllowedError(reason: NotAllowed): VaultError {
  return new VaultError('NOT_ALLOWED', notAllowedMessage(reason));
}

/** The kinds whose records the statuses are worked out from. */
const STATUS_KINDS = ['connections', 'apps', 'credentials'] as const;

export function createAutoAuth(deps: AutoAuthDeps) {
  const now = deps.now ?? Date.now;
  const tokens = new Map<string, ActiveToken>();
  // A popup's open asks for every status twice at once (its overview, and the first push to its
  // port), and the badge asks after each change: who asks while a reading is under way shares it,
  // unless something changed since it began — a change signalled below, a session change
  // (`sessionChanged`), or a write to the records it reads.
  let shared:
    | { run: Promise<ConnectionStatusView[]>; records: VaultRecords; revisions: string; changes: number }
    | undefined;
  // Counts the changes signalled: a caller joins a reading only if none came since it began.
  let changes = 0;
  const changed = () => {
    changes += 1;
    deps.onChange?.();
  };

  /** Enabled connections whose credential still allows their app: the ones that get tokens. */
  async function enabledConnections(): Promise<Connection[]> {
    const records = await deps.vault.peek();
    if (!records) return [];
    // Connections share apps and credentials: each is opened once for the whole list.
    const reader = openedOnce(records);
    const usable: Connection[] = [];
    for (const connection of await records.list('connections')) {
      if (connection.enabled && !(await notAllowedOf(reader, connection))) usable.push(connection);
    }
    return usable;
  }

  /** Refuses, with the explanation, a token for a connection its credential no longer allows. */
  async function assertAllowed(id: string): Promise<void> {
    const records = await deps.vault.peek();
    const connection = await records?.get('connections', id);
    const reason = records && connection ? await notAllowedOf(records, connection) : undefined;
    if (reason) throw notAllowedError(reason);
  }

  // The token sessions' saved states, one per credential and app (see tokenSessionOf).
  const store = sessionStore(deps.store);

  const rules = createRuleSync({
    records: () => deps.vault.peek(),
    usable: enabledConnections,
    store: deps.store,
    rules: deps.rules,
    tabs: deps.tabs,
    hostAccess: deps.hostAccess,
    tokens,
    onChange: changed,
  });

  const manager = createTokenManager({
    client: createTokenClient({ fetch: deps.fetch, clock: { now } }),
    clock: { now },
    store,
    // The providers' per-user budgets, kept in storage.session: a restart does not reset them.
    budget: createTokenBudget({ store: deps.store, clock: { now } }),
    scheduler: {
      schedule: (id, at) => deps.alarms.set(TOKEN_ALARM_PREFIX + id, at),
      cancel: (id) => deps.alarms.clear(TOKEN_ALARM_PREFIX + id),
    },
    resolve: async (id) => {
      const records = await deps.vault.peek();
      if (!records) throw new VaultError('LOCKED', 'The vault is locked.');
      // Any enabled connection of the session: they all name the same credential and app.
      const [connection] = await connectionsOf(records, id);
      if (!connection) return undefined;
      const [app, credential] = await Promise.all([
        connection.appId === undefined ? undefined : records.get('apps', connection.appId),
        records.get('credentials', connection.credentialId),
      ]);
      const issuer = credential && tokenIssuerFor(credential, app);
      if (!credential || !issuer) return undefined;
      // The credential no longer allows this app: the JWT must not be sent on its behalf.
      const reason = app && connectionNotAllowed(credential, app);
      if (reason) throw notAllowedError(reason);
      // Signed now for the kinds that sign: an assertion claims an hour at most.
      const jwt = await assertionFor(credential, now());
      const budget = tokenBudgetFor(credential, app);
      return { connectionId: id, app: issuer, jwt, ...(budget ? { budget } : {}) };
    },
    onToken: async (id, token) => {
      await share(id, token);
      await rules.sync();
    },
    probe: async (id, accessToken) => {
      const records = await deps.vault.peek();
      const [connection] = records ? await connectionsOf(records, id) : [];
      if (!connection) return { ok: false };
      return probeToken(deps.fetch, connection.apiBaseUrl, accessToken);
    },
  });

  // The settings of the log are read once, until they change (settingsChanged): every tool
  // request would otherwise open the sealed settings.
  const activity = createActivityLog({
    store: deps.store,
    ...(deps.onActivity ? { onRecorded: deps.onActivity } : {}),
    keeping: async () => (await deps.vault.peek())?.getSettings(),
    history: async () => (await deps.vault.peek())?.activityHistory(),
    now,
  });

  const requests = createRequestWatch({
    connections: rules.targets,
    token: (id) => tokens.get(id),
    onUnauthorized: async (id, generation) => {
      const session = await sessionOfConnection(id);
      if (session) await manager.onUnauthorized(session, generation);
    },
    onAnswered: async (id, generation) => {
      const session = await sessionOfConnection(id);
      if (session) await manager.onAnswered(session, generation);
    },
    store: deps.store,
    log: activity,
    onChange: changed,
    ...(deps.ownOrigin ? { ownOrigin: deps.ownOrigin } : {}),
  });

  /** The enabled connections of a token session, in id order. */
  async function connectionsOf(records: VaultRecords, session: string): Promise<Connection[]> {
    return (await records.list('connections')).filter((c) => c.enabled && tokenSessionOf(c) === session);
  }

  async function sessionOfConnection(id: string): Promise<string | undefined> {
    const connection = await (await deps.vault.peek())?.get('connections', id);
    return connection && tokenSessionOf(connection);
  }

  // The connections that may inject each session's token, as last read (regroup): a new token
  // goes into the rules without reading the records first — the server has already ended the
  // previous one. Read again at every start, unlock and change of the connections.
  let members = new Map<string, string[]>();

  /** Reads the usable connections and groups them by session; the sessions in use. */
  async function regroup(): Promise<Set<string>> {
    const grouped = new Map<string, string[]>();
    for (const connection of await enabledConnections()) {
      const session = tokenSessionOf(connection);
      grouped.set(session, [...(grouped.get(session) ?? []), connection.id]);
    }
    members = grouped;
    return new Set(grouped.keys());
  }

  /**
   * Gives a session's token (or its removal) to the connections that may inject it; whether any
   * connection's token changed. What is given is checked against the session as it is now: a
   * token replaced or dropped meanwhile (a refresh, an edit) is not put back — the newer change
   * shares itself.
   */
  async function share(session: string, token: ActiveToken | undefined): Promise<boolean> {
    const held = await manager.status(session);
    const current = token
      ? held.generation === token.generation && held.expiresAt === token.expiresAt
      : held.expiresAt === undefined;
    if (!current) return false;
    let moved = false;
    for (const id of members.get(session) ?? []) {
      if (tokens.get(id) === token) continue;
      moved = true;
      if (token) tokens.set(id, token);
      else tokens.delete(id);
    }
    return moved;
  }

  /** Gets the session's token (the running one, or one request) and shares it; never rejects. */
  async function ensureSession(session: string): Promise<void> {
    try {
      const token = await manager.ensureToken(session);
      // A new token was shared as it arrived (onToken); a running one goes to who joined.
      if (await share(session, token)) await rules.sync();
    } catch {
      changed();
    }
  }

  /**
   * Regroups the connections, then drops and revokes the tokens of sessions no usable connection
   * uses any more; the sessions in use.
   */
  async function dropUnused(): Promise<Set<string>> {
    const live = await regroup();
    for (const session of await store.list()) {
      // One already idle has nothing to drop: purging it again would only write its state.
      if (live.has(session) || (await manager.status(session)).state === 'idle') continue;
      await manager.purge(session, { revoke: true });
    }
    return live;
  }

  /** Starts every enabled connection's session without waiting for the token requests. */
  async function startAll(): Promise<void> {
    rules.replan();
    for (const session of await regroup()) void ensureSession(session);
  }

  return {
    startAll,

    /** The activity log: its older entries, and what a change of its settings does. */
    activity,

    /** Before the key goes: rules out first (nothing may stay injected), then tokens, then revoke. */
    async lock(): Promise<void> {
      rules.replan();
      await rules.removeAll();
      tokens.clear();
      members = new Map();
      const records = await deps.vault.peek();
      const revoke = records ? (await records.getSettings()).revokeOnLock : true;
      await manager.lockAll({ revoke });
      await requests.clear();
      changed();
    },

    /**
     * At every worker start, before any event is handled: the tabs read afresh, the saved tokens
     * loaded and the rules rebuilt from them (or removed when locked). Token requests it starts
     * are not waited for.
     */
    async reconcile(): Promise<void> {
      await rules.restart();
      const live = await regroup();
      if (live.size === 0) {
        tokens.clear();
        if (!(await deps.vault.peek())) await rules.removeAll();
        else await rules.sync();
        return;
      }
      for (const session of live) {
        const token = await manager.resume(session);
        if (token) await share(session, token);
      }
      await rules.sync();
      await startAll();
    },

    /** Host access was granted or withdrawn: the plan depends on it. */
    async permissionsChanged(): Promise<void> {
      rules.replan();
      await rules.sync();
    },

    /** An alarm fired: a token is due for refresh, or a back-off is over. */
    async onAlarm(name: string): Promise<boolean> {
      if (!name.startsWith(TOKEN_ALARM_PREFIX)) return false;
      await manager.onScheduled(name.slice(TOKEN_ALARM_PREFIX.length));
      return true;
    },

    /** Tool requests as they leave and as they end; see request-watch. */
    requests,
    /** Tab events that move a tab on or off a tool origin; see rule-sync. */
    tabs: {
      navigating: rules.navigating,
      committed: rules.committed,
      removed: rules.removed,
      reread: rules.reread,
    },

    /**
     * Connections whose credential or app changed (a new JWT, a new secret or server, apps no
     * longer allowed, a restore): their sessions' tokens are dropped and revoked — every
     * connection of those sessions loses them — then asked for again.
     */
    async changed(connectionIds: string[]): Promise<void> {
      changes += 1;
      rules.replan();
      const records = await deps.vault.peek();
      const sessions = new Set<string>();
      for (const id of connectionIds) {
        const connection = await records?.get('connections', id);
        if (connection) sessions.add(tokenSessionOf(connection));
        tokens.delete(id);
      }
      // A purge that drops tokens tells onToken, which takes them from every connection.
      for (const session of sessions) await manager.purge(session, { revoke: true });
      const live = await dropUnused();
      await rules.sync();
      for (const session of sessions) if (live.has(session)) void ensureSession(session);
    },

    /**
     * Connections added, edited or deleted: each takes its session's token (the running one, or
     * one request); a session no connection uses any more is dropped and revoked. The other
     * connections of a session keep their token.
     */
    async connectionsChanged(connectionIds: string[]): Promise<void> {
      changes += 1;
      rules.replan();
      for (const id of connectionIds) tokens.delete(id);
      await dropUnused();
      await rules.sync();
      // The sessions the changed connections are usable in, from the grouping just read.
      const sessions = new Set<string>();
      for (const [session, ids] of members) {
        if (ids.some((id) => connectionIds.includes(id))) sessions.add(session);
      }
      for (const session of sessions) {
        // A session with a live token hands it over at once (no request), before the save
        // answers; one that needs a token request is not waited for.
        if ((await manager.status(session)).state === 'active') await ensureSession(session);
        else void ensureSession(session);
      }
    },

    /**
     * A GET to the connection's API with its current token, sent by the worker itself (the
     * rules only serve the tool tabs), and whether the rules carry that same token.
     */
    async testRequest(id: string, path: string | undefined): Promise<ConnectionTestResult> {
      const records = await deps.vault.peek();
      const connection = await records?.get('connections', id);
      if (!connection) throw new VaultError('NOT_FOUND', 'That connection no longer exists.');
      const url = testUrl(connection.apiBaseUrl, path);
      await assertAllowed(id);
      const token = await manager.ensureToken(tokenSessionOf(connection));
      const result: ConnectionTestResult = {
        url,
        tokenHint: `${token.accessToken.slice(0, 4)}…`,
        ruleInstalled: rules.carries(`Bearer ${token.accessToken}`),
        durationMs: 0,
      };
      const started = now();
      try {
        result.status = (await getWithToken(deps.fetch, url, token.accessToken)).status;
      } catch {
        result.error = { code: 'NETWORK', message: 'The API could not be reached.' };
      }
      result.durationMs = now() - started;
      return result;
    },

    async refreshNow(id: string): Promise<void> {
      await assertAllowed(id);
      const session = await sessionOfConnection(id);
      if (!session) throw new VaultError('NOT_FOUND', 'That connection no longer exists.');
      await manager.refreshNow(session);
    },

    /** The session area changed (a token state, a request count): the next statuses read afresh. */
    sessionChanged(): void {
      changes += 1;
    },

    /** The token inspector's view of a connection's session; a JWT access token decoded, never sent. */
    async inspect(connectionId: string): Promise<TokenInspectionView> {
      const connection = await (await deps.vault.peek())?.get('connections', connectionId);
      if (!connection) throw new VaultError('NOT_FOUND', 'This connection is not in the vault.');
      const { accessToken, ...inspection } = await manager.inspect(tokenSessionOf(connection));
      const jwt = accessToken === undefined ? undefined : decodeJwtParts(accessToken);
      return jwt ? { ...inspection, jwt } : inspection;
    },

    async statuses(): Promise<ConnectionStatusView[]> {
      const since = changes;
      const records = await deps.vault.peek();
      if (!records) return [];
      const revisions = STATUS_KINDS.map((kind) => records.revision(kind)).join(':');
      const current = shared?.records === records && shared.revisions === revisions;
      if (current && shared?.changes === since && changes === since) return shared.run;
      const entry = { run: readStatuses(records), records, revisions, changes: since };
      shared = entry;
      const done = () => {
        if (shared === entry) shared = undefined;
      };
      entry.run.then(done, done);
      return entry.run;
    },
  };

  async function readStatuses(records: VaultRecords): Promise<ConnectionStatusView[]> {
    const granted = (await deps.grantedOrigins?.()) ?? [];
    // Every connection at once, each app and credential opened once: the popup reads this on
    // every open and after every change, and 20 connections opened one by one took 60-80 ms.
    const reader = openedOnce(records);
    const connections = await records.list('connections');
    return Promise.all(
      connections.map(async (connection): Promise<ConnectionStatusView> => {
        const [status, notAllowed, refusedOrigins] = await Promise.all([
          manager.status(tokenSessionOf(connection)),
          notAllowedOf(reader, connection),
          requests.refusedOrigins(connection.id),
        ]);
        if (notAllowed) {
          // Kept with its settings, but stopped: no token, no rule, and the reason in words.
          return {
            connectionId: connection.id,
            enabled: connection.enabled,
            state: 'failed',
            generation: status.generation,
            lastError: { code: 'NOT_ALLOWED', message: notAllowedMessage(notAllowed) },
            injecting: false,
            permissionMissing: false,
            toolTabs: 0,
            refusedOrigins,
            notAllowed,
          };
        }
        const permissionMissing = rules.isMissingPermission(connection.id);
        const widerAccess = widerHostAccess(connection, granted);
        return {
          connectionId: connection.id,
          ...status,
          enabled: connection.enabled,
          injecting: tokens.has(connection.id) && !permissionMissing,
          permissionMissing,
          toolTabs: rules.tabsOn(connection.toolOrigins).length,
          refusedOrigins,
          ...(widerAccess.length > 0 ? { widerAccess } : {}),
        };
      }),
    );
  }
}
