// Auto-authentication in the worker: keeps a token per enabled connection through the token
// manager and mirrors the tokens into declarativeNetRequest session rules, one atomic update
// per change. Tokens live in memory and storage.session only; rules are rebuilt from them at
// every worker start. Browser APIs arrive injected, so this runs in unit tests as is.
import {
  assignSlots,
  buildRules,
  diffRules,
  type InjectionTarget,
  type InstalledRule,
  type Rule,
  type RuleUpdate,
} from '../core/rules';
import { originsNeeded } from '../core/rules/host-patterns';
import {
  type ActiveToken,
  createTokenClient,
  createTokenManager,
  type FetchLike,
  type SessionState,
  type SessionStore,
  type TokenStatus,
} from '../core/tokens';
import type { VaultRecords } from '../core/vault';
import type { Connection } from '../core/vault/model';
import { connectionNotAllowed, type NotAllowed, notAllowedMessage } from '../core/vault/relations';
import type { KeyValueArea } from '../platform/storage';
import { VaultError } from '../shared/errors';
import type { ConnectionStatusView, ConnectionTestResult } from '../shared/messages';
import type { VaultSession } from './vault-session';

export const TOKEN_ALARM_PREFIX = 'token:';
const STATE_PREFIX = 'token.';
const STATE_INDEX = 'token.ids';
const SLOTS = 'rules.slots';

export interface AutoAuthDeps {
  vault: VaultSession;
  /** storage.session: memory only, trusted contexts only. */
  store: KeyValueArea;
  alarms: { set(name: string, when: number): Promise<void>; clear(name: string): Promise<void> };
  rules: { get(): Promise<InstalledRule[]>; update(change: RuleUpdate): Promise<void> };
  hostAccess(origins: string[]): Promise<boolean>;
  fetch: FetchLike;
  now?: () => number;
  /** Told after every change of state, e.g. to update the toolbar badge. */
  onChange?: () => void;
}

export type AutoAuth = ReturnType<typeof createAutoAuth>;

/** The token manager's persistence: one storage.session entry per connection plus an index. */
function sessionStore(area: KeyValueArea): SessionStore {
  return {
    load: (id) => area.get<SessionState>(STATE_PREFIX + id),
    async save(id, state) {
      await area.set(STATE_PREFIX + id, state);
      const ids = (await area.get<string[]>(STATE_INDEX)) ?? [];
      if (!ids.includes(id)) await area.set(STATE_INDEX, [...ids, id]);
    },
    list: async () => (await area.get<string[]>(STATE_INDEX)) ?? [],
  };
}

/** RingCentral's "who am I" call when the API is RingCentral's, the API base itself otherwise. */
const RINGCENTRAL_TEST_PATH = 'v1.0/account/~/extension/~';

/** The test request's URL: a relative path under the API base, never anywhere else. */
export function testUrl(apiBaseUrl: string, path: string | undefined): string {
  const relative = path ?? (apiBaseUrl.endsWith('/restapi/') ? RINGCENTRAL_TEST_PATH : '');
  if (/^[a-z][a-z0-9+.-]*:|^\/|\\|(^|\/)\.\.?(\/|$)/i.test(relative)) {
    throw new VaultError(
      'INVALID_INPUT',
      'The test path must be relative to the API base URL, without "..".',
    );
  }
  const url = new URL(relative, apiBaseUrl).href;
  if (!url.startsWith(apiBaseUrl)) {
    throw new VaultError('INVALID_INPUT', 'The test path must stay under the API base URL.');
  }
  return url;
}

/** Whether the connection's credential still allows its app; undefined when either is gone. */
async function notAllowedOf(records: VaultRecords, connection: Connection): Promise<NotAllowed | undefined> {
  const [app, credential] = await Promise.all([
    records.get('apps', connection.appId),
    records.get('credentials', connection.credentialId),
  ]);
  return app && credential ? connectionNotAllowed(credential, app) : undefined;
}

function notAllowedError(reason: NotAllowed): VaultError {
  return new VaultError('NOT_ALLOWED', notAllowedMessage(reason));
}

export function createAutoAuth(deps: AutoAuthDeps) {
  const now = deps.now ?? Date.now;
  const tokens = new Map<string, ActiveToken>();
  const missingPermission = new Set<string>();
  // When each tool request started, and when each connection's current token reached the
  // rules: a 401 for a request sent before the swap was answered to an older token and says
  // nothing about the current one. Lost with the worker, which then falls back to the token.
  const requestStartedAt = new Map<string, number>();
  const tokenInstalledAt = new Map<string, number>();
  const installedGeneration = new Map<string, number | undefined>();

  const manager = createTokenManager({
    client: createTokenClient({ fetch: deps.fetch, clock: { now } }),
    clock: { now },
    store: sessionStore(deps.store),
    scheduler: {
      schedule: (id, at) => deps.alarms.set(TOKEN_ALARM_PREFIX + id, at),
      cancel: (id) => deps.alarms.clear(TOKEN_ALARM_PREFIX + id),
    },
    resolve: async (id) => {
      const records = await deps.vault.peek();
      if (!records) throw new VaultError('LOCKED', 'The vault is locked.');
      const connection = await records.get('connections', id);
      if (!connection?.enabled) return undefined;
      const [app, credential] = await Promise.all([
        records.get('apps', connection.appId),
        records.get('credentials', connection.credentialId),
      ]);
      if (!app || !credential) return undefined;
      // The credential no longer allows this app: the JWT must not be sent on its behalf.
      const reason = connectionNotAllowed(credential, app);
      if (reason) throw notAllowedError(reason);
      return { connectionId: id, app, jwt: credential.jwt };
    },
    onToken: async (id, token) => {
      if (token) tokens.set(id, token);
      else tokens.delete(id);
      await syncRules();
    },
  });

  /** Enabled connections whose credential still allows their app: the ones that get tokens. */
  async function enabledConnections(): Promise<Connection[]> {
    const records = await deps.vault.peek();
    if (!records) return [];
    const usable: Connection[] = [];
    for (const connection of await records.list('connections')) {
      if (connection.enabled && !(await notAllowedOf(records, connection))) usable.push(connection);
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

  /** What rules are built from, apart from tokens: read from the vault once per change. */
  interface Plan {
    targets: Omit<InjectionTarget, 'accessToken'>[];
    permissionMissing: Set<string>;
  }
  let plan: Promise<Plan> | undefined;
  // The rules as last applied; read back from the browser after a worker restart.
  let applied: readonly InstalledRule[] | undefined;

  async function loadPlan(): Promise<Plan> {
    const records = await deps.vault.peek();
    const connections = await enabledConnections();
    const slots = assignSlots(
      new Map(Object.entries((await deps.store.get<Record<string, number>>(SLOTS)) ?? {})),
      connections.map((c) => c.id),
    );
    await deps.store.set(SLOTS, Object.fromEntries(slots));
    const result: Plan = { targets: [], permissionMissing: new Set() };
    for (const connection of connections) {
      const app = await records?.get('apps', connection.appId);
      if (!app) continue;
      if (!(await deps.hostAccess(originsNeeded(connection)))) {
        result.permissionMissing.add(connection.id);
        continue;
      }
      result.targets.push({
        connectionId: connection.id,
        slot: slots.get(connection.id)!,
        apiBaseUrl: connection.apiBaseUrl,
        toolOrigins: connection.toolOrigins,
        app: { serverUrl: app.serverUrl, tokenPath: app.tokenPath, revokePath: app.revokePath },
      });
    }
    return result;
  }

  /** Connections, apps or permissions changed: the next rule update reads them again. */
  function replan(): void {
    plan = undefined;
  }

  // Rule updates run one at a time, each computed from the state when it starts: two token
  // swaps racing must not install an older token over a newer one.
  let syncing: Promise<void> = Promise.resolve();
  function syncRules(): Promise<void> {
    const run = syncing.then(applyRules, applyRules);
    syncing = run.catch(() => {});
    return run;
  }

  /** One atomic updateSessionRules from the plan and the current tokens; a token swap reads nothing else. */
  async function applyRules(): Promise<void> {
    plan ??= loadPlan();
    const { targets, permissionMissing } = await plan.catch((error) => {
      plan = undefined;
      throw error;
    });
    const live: InjectionTarget[] = [];
    for (const target of targets) {
      const token = tokens.get(target.connectionId);
      if (token) live.push({ ...target, accessToken: token.accessToken });
    }
    const next: Rule[] = buildRules(live);
    applied ??= await deps.rules.get();
    await deps.rules.update(diffRules(applied, next));
    applied = next;
    missingPermission.clear();
    for (const id of permissionMissing) missingPermission.add(id);
    const installedAt = now();
    for (const target of live) {
      const generation = tokens.get(target.connectionId)?.generation;
      if (installedGeneration.get(target.connectionId) !== generation) {
        installedGeneration.set(target.connectionId, generation);
        tokenInstalledAt.set(target.connectionId, installedAt);
      }
    }
    deps.onChange?.();
  }

  async function removeAllRules(): Promise<void> {
    const installed = await deps.rules.get();
    await deps.rules.update({ removeRuleIds: installed.map((r) => r.id), addRules: [] });
    applied = [];
  }

  /** Starts every enabled connection without waiting for the token requests. */
  async function startAll(): Promise<void> {
    replan();
    for (const connection of await enabledConnections()) {
      void manager.ensureToken(connection.id).catch(() => deps.onChange?.());
    }
  }

  return {
    startAll,

    /** Before the key goes: rules out first (nothing may stay injected), then tokens, then revoke. */
    async lock(): Promise<void> {
      replan();
      await removeAllRules();
      tokens.clear();
      const records = await deps.vault.peek();
      const revoke = records ? (await records.getSettings()).revokeOnLock : true;
      await manager.lockAll({ revoke });
      await deps.store.remove(SLOTS);
      deps.onChange?.();
    },

    /** At every worker start: rebuild the rules from the saved tokens, or remove them when locked. */
    async reconcile(): Promise<void> {
      replan();
      applied = undefined;
      const connections = await enabledConnections();
      if (connections.length === 0) {
        tokens.clear();
        if (!(await deps.vault.peek())) await removeAllRules();
        else await syncRules();
        return;
      }
      for (const connection of connections) {
        const token = await manager.resume(connection.id);
        if (token) tokens.set(connection.id, token);
      }
      await syncRules();
      await startAll();
    },

    /** An alarm fired: a token is due for refresh, or a back-off is over. */
    async onAlarm(name: string): Promise<boolean> {
      if (!name.startsWith(TOKEN_ALARM_PREFIX)) return false;
      await manager.onScheduled(name.slice(TOKEN_ALARM_PREFIX.length));
      return true;
    },

    onRequestStarted(requestId: string): void {
      requestStartedAt.set(requestId, now());
    },

    onRequestFailed(requestId: string): void {
      requestStartedAt.delete(requestId);
    },

    /** A request finished: a 401 from a connection's API means its token is no longer good. */
    async onRequestCompleted(request: {
      requestId: string;
      url: string;
      statusCode: number;
      initiator?: string;
    }) {
      const startedAt = requestStartedAt.get(request.requestId);
      requestStartedAt.delete(request.requestId);
      if (request.statusCode !== 401) return;
      for (const connection of await enabledConnections()) {
        const token = tokens.get(connection.id);
        if (!token || !request.url.startsWith(connection.apiBaseUrl)) continue;
        if (request.initiator && !connection.toolOrigins.includes(request.initiator)) continue;
        const installedAt = tokenInstalledAt.get(connection.id);
        if (startedAt !== undefined && installedAt !== undefined && startedAt < installedAt) continue;
        await manager.onUnauthorized(connection.id, token.generation);
      }
    },

    /** Connections whose credential, app or own settings changed: drop and revoke, then start again. */
    async changed(connectionIds: string[]): Promise<void> {
      replan();
      for (const id of connectionIds) {
        await manager.purge(id, { revoke: true });
        tokens.delete(id);
      }
      await syncRules();
      const enabled = new Set((await enabledConnections()).map((c) => c.id));
      for (const id of connectionIds) {
        if (enabled.has(id)) void manager.ensureToken(id).catch(() => deps.onChange?.());
      }
    },

    /**
     * A GET to the connection's API with its current token, sent by the worker itself (the
     * rules only serve the tool origins), and whether the rules carry that same token.
     */
    async testRequest(id: string, path: string | undefined): Promise<ConnectionTestResult> {
      const records = await deps.vault.peek();
      const connection = await records?.get('connections', id);
      if (!connection) throw new VaultError('NOT_FOUND', 'That connection no longer exists.');
      const url = testUrl(connection.apiBaseUrl, path);
      await assertAllowed(id);
      const token = await manager.ensureToken(id);
      const ruleInstalled = (applied ?? []).some(
        (rule) => (rule as Rule).action?.requestHeaders?.[0]?.value === `Bearer ${token.accessToken}`,
      );
      const result: ConnectionTestResult = {
        url,
        tokenHint: `${token.accessToken.slice(0, 4)}…`,
        ruleInstalled,
        durationMs: 0,
      };
      const started = now();
      try {
        const response = await deps.fetch(url, {
          headers: { Authorization: `Bearer ${token.accessToken}` },
          // The token goes to this URL only: never follow a redirect elsewhere with it.
          redirect: 'manual',
          credentials: 'omit',
        });
        result.status = response.status;
      } catch {
        result.error = { code: 'NETWORK', message: 'The API could not be reached.' };
      }
      result.durationMs = now() - started;
      return result;
    },

    async refreshNow(id: string): Promise<void> {
      await assertAllowed(id);
      await manager.refreshNow(id);
    },

    async statuses(): Promise<ConnectionStatusView[]> {
      const records = await deps.vault.peek();
      if (!records) return [];
      const views: ConnectionStatusView[] = [];
      for (const connection of await records.list('connections')) {
        const status: TokenStatus = await manager.status(connection.id);
        const notAllowed = await notAllowedOf(records, connection);
        if (notAllowed) {
          // Kept with its settings, but stopped: no token, no rule, and the reason in words.
          views.push({
            connectionId: connection.id,
            enabled: connection.enabled,
            state: 'failed',
            generation: status.generation,
            lastError: { code: 'NOT_ALLOWED', message: notAllowedMessage(notAllowed) },
            injecting: false,
            permissionMissing: false,
            notAllowed,
          });
          continue;
        }
        views.push({
          connectionId: connection.id,
          ...status,
          enabled: connection.enabled,
          injecting: tokens.has(connection.id) && !missingPermission.has(connection.id),
          permissionMissing: missingPermission.has(connection.id),
        });
      }
      return views;
    },
  };
}
