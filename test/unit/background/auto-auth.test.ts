// The worker's auto-authentication against the real sandbox over HTTP, with real crypto and
// fake-indexeddb; only storage, alarms and session rules are faked (the platform boundary).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import {
  createAutoAuth,
  TOKEN_ALARM_PREFIX,
  testUrl,
  tokenSessionOf,
} from '../../../src/background/auto-auth';
import { createHandlers } from '../../../src/background/handlers';
import { createRouter } from '../../../src/background/router';
import { createVaultSession } from '../../../src/background/vault-session';
import { BUDGET_MARGIN_MS } from '../../../src/core/tokens/budget';
import { openVaultDb, VaultRecords } from '../../../src/core/vault';
import type { Envelope } from '../../../src/shared/messages';
import { recordingFetch, seedApps, startTestSandbox } from '../../unit/core/tokens/fixtures';
import { fakeAlarms, fakeRules, fakeTabs, memoryArea } from '../support/memory-area';

const self = { id: 'ext-id', origin: 'chrome-extension://ext-id' };
const popup = { id: self.id, url: `${self.origin}/src/popup/index.html`, origin: self.origin, frameId: 0 };
const TOOL = 'http://localhost:3000';
/** The tab the tool's page is open in. */
const TOOL_TAB = 7;
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

async function setUp(options: Parameters<typeof startTestSandbox>[0] = {}) {
  const { sandbox, clock } = await startTestSandbox(options);
  const browser = {
    factory: new IDBFactory(),
    session: memoryArea(),
    local: memoryArea(),
    alarms: fakeAlarms(),
    rules: fakeRules(),
    tabs: fakeTabs([{ id: TOOL_TAB, url: `${TOOL}/` }]),
  };
  const requests = recordingFetch();
  let hostAccess = true;
  /** The hosts a token URL may not be reached at: as if the user declined them. */
  const deniedHosts = new Set<string>();
  const askedPatterns: string[][] = [];

  function startWorker() {
    const session = createVaultSession({
      db: () => openVaultDb(browser.factory),
      session: browser.session,
      local: browser.local,
      alarms: browser.alarms,
      now: () => clock.now(),
    });
    const autoAuth = createAutoAuth({
      vault: session,
      store: browser.session,
      alarms: browser.alarms,
      rules: browser.rules,
      hostAccess: async (patterns: string[]) => {
        askedPatterns.push(patterns);
        return hostAccess && !patterns.some((pattern) => deniedHosts.has(pattern));
      },
      tabs: browser.tabs,
      fetch: requests.fetch,
      now: () => clock.now(),
    });
    session.subscribe({ afterUnlock: () => autoAuth.startAll(), beforeLock: () => autoAuth.lock() });
    // As the worker entry does before handling any event.
    const started = autoAuth.reconcile();
    const route = createRouter(createHandlers(session, autoAuth), () => self);
    // biome-ignore lint/suspicious/noExplicitAny: replies of every request type are read field by field.
    const call = async <T = any>(type: string, payload: unknown = {}): Promise<T> => {
      const reply = (await route({ type, payload }, popup)) as Envelope<T>;
      if (!reply.ok) throw new Error(`${type}: ${reply.error.code} ${reply.error.message}`);
      return reply.value;
    };
    return { session, autoAuth, call, started };
  }

  const worker = startWorker();
  await worker.started;
  await worker.call('vault.create', { password: 'correct horse', kdf: 'pbkdf2-600k' });
  const app = await worker.call('apps.save', {
    app: {
      name: 'Demo',
      clientId: seedApps.demo.clientId,
      clientSecret: seedApps.demo.clientSecret,
      serverUrl: sandbox.url,
    },
  });
  const credential = await worker.call('credentials.save', {
    credential: { label: 'Alice', jwt: sandbox.jwts.demo, allowed: { kind: 'organization' } },
  });
  const connection = await worker.call('connections.save', {
    connection: {
      credentialId: credential.id,
      appId: app.id,
      apiBaseUrl: `${sandbox.url}/restapi/`,
      toolOrigins: [TOOL],
      enabled: true,
    },
  });
  const headerRule = () =>
    browser.rules.current().find((rule) => rule.action.type === 'modifyHeaders') as
      | {
          action: { requestHeaders: { value: string }[] };
          condition: { urlFilter: string; initiatorDomains: string[]; tabIds: number[] };
        }
      | undefined;
  const bearer = () => headerRule()?.action.requestHeaders[0]?.value;
  const meUrl = `${sandbox.url}/restapi/v1.0/account/~/extension/~`;
  let requestCount = 0;
  /** A tool request as the browser reports it: sent with the header it carried, then answered. */
  const toolRequest = async (
    statusCode: number,
    {
      authorization = bearer(),
      url = meUrl,
      initiator = TOOL,
      tabId = TOOL_TAB,
    }: { authorization?: string | null | undefined; url?: string; initiator?: string; tabId?: number } = {},
  ) => {
    const requestId = `request-${++requestCount}`;
    // null: the request carried no Authorization header at all.
    worker.autoAuth.requests.sent({
      requestId,
      url,
      tabId,
      initiator,
      method: 'GET',
      timeStamp: Date.now(),
      ...(authorization ? { authorization } : {}),
    });
    await worker.autoAuth.requests.answered({ requestId, statusCode, timeStamp: Date.now() });
  };
  const waitFor = async (check: () => boolean | Promise<boolean>) => {
    await expect.poll(check, { timeout: 5_000, interval: 10 }).toBe(true);
  };
  return {
    sandbox,
    clock,
    browser,
    requests,
    worker,
    startWorker,
    connection,
    headerRule,
    bearer,
    meUrl,
    toolRequest,
    waitFor,
    denyHostAccess: () => {
      hostAccess = false;
    },
    deniedHosts,
    askedPatterns,
  };
}

describe('auto-authentication in the worker', () => {
  it('reads the statuses of connections that share an app and a credential opening each once', async () => {
    const { worker, connection, sandbox, waitFor } = await setUp();
    for (let i = 1; i < 6; i += 1)
      await worker.call('connections.save', {
        connection: {
          credentialId: connection.credentialId,
          appId: connection.appId,
          apiBaseUrl: `${sandbox.url}/restapi/`,
          toolOrigins: [`http://localhost:${3000 + i}`],
          enabled: true,
        },
      });
    // Every token exchange done first: they read the app too.
    await waitFor(async () => (await worker.autoAuth.statuses()).every((s) => s.state === 'active'));
    const opened = vi.spyOn(VaultRecords.prototype, 'get');
    const statuses = await worker.autoAuth.statuses();
    expect(statuses).toHaveLength(6);
    const kinds = opened.mock.calls.map(([kind]) => kind);
    expect(kinds.filter((kind) => kind === 'apps')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'credentials')).toHaveLength(1);
    opened.mockRestore();
  });

  it('exchanges the JWT when a connection is saved and installs a Bearer rule for the tool', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    expect(t.bearer()).toMatch(/^Bearer \S+$/);
    expect(t.headerRule()?.condition).toMatchObject({
      urlFilter: `|${t.sandbox.url}/restapi/`,
      initiatorDomains: ['localhost'],
      tabIds: [TOOL_TAB],
    });
    const token = t.bearer()!.slice('Bearer '.length);
    const me = await fetch(`${t.sandbox.url}/restapi/v1.0/account/~/extension/~`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(t.requests.tokenRequests()).toBe(1);
    const [status] = await t.worker.call('connections.status');
    expect(status).toMatchObject({ state: 'active', injecting: true, permissionMissing: false });
    expect(JSON.stringify(status)).not.toContain(token);
  });

  it('shares one reading of the statuses between callers at once, and reads afresh after any change', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const [first, second] = await Promise.all([t.worker.autoAuth.statuses(), t.worker.autoAuth.statuses()]);
    expect(second).toBe(first);
    // Asked after the reading ended: a reading of its own.
    const later = await t.worker.autoAuth.statuses();
    expect(later).not.toBe(first);
    expect(later).toEqual(first);
    // A write to the records while a reading is under way: the next caller does not join it.
    const during = t.worker.autoAuth.statuses();
    await t.worker.call('connections.save', { connection: { ...t.connection, enabled: false } });
    const after = await t.worker.autoAuth.statuses();
    expect((await during)[0]?.enabled).toBe(true);
    expect(after[0]?.enabled).toBe(false);
    // The session area changed (a token saved elsewhere): the same.
    const pending = t.worker.autoAuth.statuses();
    t.worker.autoAuth.sessionChanged();
    expect(await t.worker.autoAuth.statuses()).not.toBe(await pending);
  });

  it('answers the home view in one reading: each connection with its names and status, and the counts', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const token = t.bearer()!.slice('Bearer '.length);
    const overview = await t.worker.call('connections.overview');
    expect(overview.counts).toEqual({ apps: 1, credentials: 1 });
    expect(overview.connections).toEqual([
      {
        id: t.connection.id,
        credentialId: t.connection.credentialId,
        appId: t.connection.appId,
        credentialLabel: 'Alice',
        app: { name: expect.any(String), clientId: t.sandbox.seed.apps.demo.clientId },
        apiBaseUrl: t.connection.apiBaseUrl,
        toolOrigins: t.connection.toolOrigins,
        status: (await t.worker.call('connections.status'))[0],
      },
    ]);
    expect(overview.connections[0].status).toMatchObject({ state: 'active', injecting: true });
    // Views and statuses only: never the token, the JWT or the client secret.
    const text = JSON.stringify(overview);
    for (const secret of [token, t.sandbox.jwts.demo, t.sandbox.seed.apps.demo.clientSecret])
      expect(text).not.toContain(secret);
  });

  it('lock removes every rule, clears the tokens and revokes the session', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const token = t.bearer()!.slice('Bearer '.length);
    await t.worker.call('vault.lock');
    expect(t.browser.rules.current()).toEqual([]);
    expect(JSON.stringify(t.browser.session.dump())).not.toContain(token);
    expect(t.requests.seen.some((r) => r.url.endsWith('/oauth/revoke'))).toBe(true);
    const me = await fetch(`${t.sandbox.url}/restapi/v1.0/account/~/extension/~`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
  });

  it('unlock starts every enabled connection again', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    await t.worker.call('vault.lock');
    await t.worker.call('vault.unlock', { password: 'correct horse' });
    await t.waitFor(() => t.bearer() !== undefined);
    expect(t.requests.tokenRequests()).toBe(2);
  });

  it('a restarted worker rebuilds the rules from the saved token without a new request', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const before = t.bearer();
    await t.browser.rules.update({ removeRuleIds: t.browser.rules.current().map((r) => r.id), addRules: [] });
    const restarted = t.startWorker();
    await restarted.autoAuth.reconcile();
    expect(t.bearer()).toBe(before);
    expect(t.requests.tokenRequests()).toBe(1);
  });

  it('refreshes when the alarm fires, swapping the token in one rule update', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const first = t.bearer();
    const alarm = `${TOKEN_ALARM_PREFIX}${tokenSessionOf(t.connection)}`;
    const due = t.browser.alarms.alarms.get(alarm)!;
    expect(due).toBeGreaterThan(t.clock.now());
    t.clock.set(due);
    const updatesBefore = t.browser.rules.updates.length;
    await t.worker.autoAuth.onAlarm(alarm);
    expect(t.bearer()).not.toBe(first);
    expect(t.browser.rules.updates.length).toBe(updatesBefore + 1);
    const grants = t.requests.seen
      .filter((r) => r.url.endsWith('/oauth/token'))
      .map((r) => r.body.get('grant_type'));
    expect(grants).toEqual([JWT_GRANT, 'refresh_token']);
  });

  it('a 401 from the API causes one re-exchange per token generation', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const old = t.bearer();
    await t.sandbox.admin.revokeSession({ token: old!.slice('Bearer '.length) });
    await Promise.all([1, 2, 3].map(() => t.toolRequest(401, { authorization: old })));
    await t.waitFor(() => t.bearer() !== old);
    // One flight for the burst: the refresh token (dead with its session), then the JWT.
    const grants = () =>
      t.requests.seen.filter((r) => r.url.endsWith('/oauth/token')).map((r) => r.body.get('grant_type'));
    expect(grants()).toEqual([JWT_GRANT, 'refresh_token', JWT_GRANT]);
    // A late 401 of a request that carried the old token says nothing about the new one.
    await t.toolRequest(401, { authorization: old });
    expect(grants()).toHaveLength(3);
  });

  it('charges a 401 to the token the request carried, not to one installed while it travelled', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const old = t.bearer();
    const requestId = 'sent-with-old-token';
    t.worker.autoAuth.requests.sent({
      requestId,
      url: t.meUrl,
      tabId: TOOL_TAB,
      initiator: TOOL,
      method: 'GET',
      timeStamp: Date.now(),
      authorization: old!,
    });
    const alarm = `${TOKEN_ALARM_PREFIX}${tokenSessionOf(t.connection)}`;
    t.clock.set(t.browser.alarms.alarms.get(alarm)!);
    await t.worker.autoAuth.onAlarm(alarm);
    expect(t.requests.tokenRequests()).toBe(2);
    await t.worker.autoAuth.requests.answered({ requestId, statusCode: 401, timeStamp: Date.now() });
    expect(t.requests.tokenRequests()).toBe(2);
    // The same 401 for a request sent with the current token does count.
    await t.toolRequest(401);
    await t.waitFor(() => t.requests.tokenRequests() === 3);
  });

  it('never charges a 401 to the token when the request carried no header', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    // Sent before the tab was pinned, or by the tool's own service worker: no token went out.
    await t.toolRequest(401, { authorization: null });
    await t.toolRequest(401, { authorization: 'Bearer some-token-the-page-set-itself' });
    await t.toolRequest(401, { authorization: null, tabId: -1 });
    expect(t.requests.tokenRequests()).toBe(1);
    const [status] = await t.worker.call('connections.status');
    expect(status.refusedOrigins).toEqual([
      { origin: `${TOOL} (not from a tab: a service worker)`, count: 1 },
    ]);
  });

  it('ignores a 401 from another API or another tool, and counts the other tool', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    await t.toolRequest(401, { url: 'https://elsewhere.test/restapi/x' });
    await t.toolRequest(401, { authorization: null, initiator: 'http://127.0.0.2:3000', tabId: 9 });
    await t.toolRequest(200, { authorization: null, initiator: 'http://localhost:5173', tabId: 10 });
    await t.toolRequest(200, { authorization: null, initiator: 'http://localhost:5173', tabId: 10 });
    expect(t.requests.tokenRequests()).toBe(1);
    const [status] = await t.worker.call('connections.status');
    expect(status.refusedOrigins).toEqual([
      { origin: 'http://localhost:5173', count: 2 },
      { origin: 'http://127.0.0.2:3000', count: 1 },
    ]);
    await t.worker.call('vault.lock');
    expect(JSON.stringify(t.browser.session.dump())).not.toContain('5173');
  });

  it('a second revocation gets a second new token at once, once the first new one was accepted', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    for (const round of [1, 2]) {
      const old = t.bearer()!;
      await t.sandbox.admin.revokeSession({ token: old.slice('Bearer '.length) });
      await t.toolRequest(401, { authorization: old });
      await t.waitFor(() => t.bearer() !== old);
      // The tool's next request goes through with the new token: it is accepted.
      await t.toolRequest(200);
      expect(t.requests.seen.filter((r) => r.body?.get?.('grant_type') === JWT_GRANT)).toHaveLength(
        round + 1,
      );
    }
  });

  it('an API that refuses new tokens: said with its code, asked again only after a growing back-off', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const first = t.bearer()!;
    await t.sandbox.admin.revokeSession({ token: first.slice('Bearer '.length) });
    await t.toolRequest(401, { authorization: first });
    await t.waitFor(() => t.bearer() !== first);
    const tokenRequests = t.requests.tokenRequests();
    // From now on the API answers 401 to every token.
    await t.sandbox.admin.failNext({ count: 1_000, status: 401, pathPrefix: '/restapi/v1.0/' });
    await t.toolRequest(401);
    await t.toolRequest(401);
    const [status] = await t.worker.call('connections.status');
    expect(status).toMatchObject({ state: 'backing-off', lastError: { code: 'TOKEN_REFUSED' } });
    expect(status.lastError.message).toContain('OAU-149');
    expect(t.requests.tokenRequests()).toBe(tokenRequests);
    // The back-off's end brings one new token; refused again, the wait doubles.
    const alarm = `${TOKEN_ALARM_PREFIX}${tokenSessionOf(t.connection)}`;
    const firstWait = t.browser.alarms.alarms.get(alarm)! - t.clock.now();
    t.clock.set(t.browser.alarms.alarms.get(alarm)!);
    await t.worker.autoAuth.onAlarm(alarm);
    expect(t.requests.tokenRequests()).toBe(tokenRequests + 1);
    await t.toolRequest(401);
    const secondWait = t.browser.alarms.alarms.get(alarm)! - t.clock.now();
    expect(secondWait).toBe(firstWait * 2);
    expect(t.requests.tokenRequests()).toBe(tokenRequests + 1);
  });

  it("editing a connection's tools keeps its token and moves the rule; disabling it drops and revokes the token", async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const first = t.bearer();
    const { id, ...fields } = t.connection;
    await t.worker.autoAuth.tabs.committed(8, 'http://localhost:4000/app');
    await t.worker.call('connections.save', {
      connection: { id, ...fields, toolOrigins: ['http://localhost:4000'] },
    });
    await t.waitFor(() => t.headerRule()?.condition.tabIds.includes(8) ?? false);
    expect(t.headerRule()?.condition.tabIds).toEqual([8]);
    // The same credential and app: the token stays, and nothing was asked or revoked.
    expect(t.bearer()).toBe(first);
    expect(t.requests.tokenRequests()).toBe(1);
    expect(t.requests.seen.filter((r) => r.url.endsWith('/oauth/revoke'))).toHaveLength(0);
    await t.worker.call('connections.save', { connection: { id, ...fields, enabled: false } });
    expect(t.browser.rules.current()).toEqual([]);
    await t.waitFor(() => t.requests.seen.some((r) => r.url.endsWith('/oauth/revoke')));
  });

  it('a connection that joins while its session refreshes ends up with the new token, as every other', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const first = t.bearer();
    const { id, ...fields } = t.connection;
    await t.worker.autoAuth.tabs.committed(9, 'http://localhost:3001/');
    await Promise.all([
      t.worker.call('connections.save', {
        connection: { ...fields, toolOrigins: ['http://localhost:3001'] },
      }),
      t.worker.call('connections.refresh', { id }),
    ]);
    const headers = () =>
      t.browser.rules
        .current()
        .flatMap((rule) => (rule.action as { requestHeaders?: { value: string }[] }).requestHeaders ?? [])
        .map((header) => header.value);
    await t.waitFor(() => headers().length === 2);
    // Both rules carry the token the session holds now, not the one the joining connection first read.
    expect(new Set(headers()).size).toBe(1);
    expect(headers()[0]).not.toBe(first);
    const statuses: { generation: number; injecting: boolean }[] = await t.worker.call('connections.status');
    expect(statuses.map((s) => s.injecting)).toEqual([true, true]);
    expect(new Set(statuses.map((s) => s.generation)).size).toBe(1);
  });

  it('connections of one credential and app share one token: one request, one refresh, kept until the last goes', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const { id: _id, ...fields } = t.connection;
    const others = [];
    for (const port of [3001, 3002])
      others.push(
        await t.worker.call('connections.save', {
          connection: { ...fields, toolOrigins: [`http://localhost:${port}`] },
        }),
      );
    const statuses = await t.worker.call('connections.status');
    expect(statuses.map((s: { injecting: boolean }) => s.injecting)).toEqual([true, true, true]);
    expect(t.requests.tokenRequests()).toBe(1);
    expect(new Set(statuses.map((s: { generation: number }) => s.generation)).size).toBe(1);

    // A refresh of one is a refresh of all: one request, every rule swapped in one update.
    const before = t.bearer();
    await t.worker.call('connections.refresh', { id: others[0].id });
    await t.waitFor(() => t.bearer() !== before);
    expect(t.requests.tokenRequests()).toBe(2);
    const after = await t.worker.call('connections.status');
    expect(new Set(after.map((s: { generation: number }) => s.generation)).size).toBe(1);

    // Deleting two of the three keeps the token; deleting the last revokes it.
    const revokes = () => t.requests.seen.filter((r) => r.url.endsWith('/oauth/revoke')).length;
    await t.worker.call('connections.delete', { id: others[0].id });
    await t.worker.call('connections.delete', { id: others[1].id });
    expect(revokes()).toBe(0);
    expect((await t.worker.call('connections.status'))[0]).toMatchObject({ injecting: true });
    await t.worker.call('connections.delete', { id: t.connection.id });
    await t.waitFor(() => revokes() === 1);
    expect(t.browser.rules.current()).toEqual([]);
  });

  it('test request: calls the API with the current token and says whether the rule carries it', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const token = t.bearer()!.slice('Bearer '.length);
    const result = await t.worker.call('connections.test', { id: t.connection.id });
    expect(result).toMatchObject({
      url: `${t.sandbox.url}/restapi/v1.0/account/~/extension/~`,
      status: 200,
      ruleInstalled: true,
      tokenHint: `${token.slice(0, 4)}…`,
    });
    expect(JSON.stringify(result)).not.toContain(token);
    const unknown = await t.worker.call('connections.test', {
      id: t.connection.id,
      path: 'v1.0/nothing-here',
    });
    expect(unknown.status).toBe(404);
  });

  it('test request: reports an unreachable API as NETWORK', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    await t.sandbox.down();
    const result = await t.worker.call('connections.test', { id: t.connection.id });
    expect(result).toMatchObject({ error: { code: 'NETWORK' } });
    expect(result.status).toBeUndefined();
  });

  it('a credential narrowed away from the app stops the connection: revoked, no rule, no token request, explained', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const [credential] = await t.worker.call('credentials.list');
    await t.worker.call('credentials.save', {
      credential: {
        id: credential.id,
        label: 'Alice',
        allowed: { kind: 'specific', clientIds: ['other-app'] },
      },
    });
    expect(t.browser.rules.current().filter((rule) => rule.action.type === 'modifyHeaders')).toEqual([]);
    expect(t.requests.seen.filter((r) => r.url.endsWith('/oauth/revoke'))).toHaveLength(1);
    const [status] = await t.worker.call('connections.status');
    expect(status).toMatchObject({
      state: 'failed',
      injecting: false,
      lastError: { code: 'NOT_ALLOWED' },
      notAllowed: { credentialLabel: 'Alice', appName: 'Demo', clientId: seedApps.demo.clientId },
    });
    expect(status.lastError.message).toContain('no longer allows the app "Demo"');
    // The connection is kept; nothing asks for a token on its behalf, not even a manual refresh
    // or a worker start.
    expect(await t.worker.call('connections.list')).toHaveLength(1);
    await expect(t.worker.call('connections.refresh', { id: t.connection.id })).rejects.toThrow(
      /NOT_ALLOWED/,
    );
    await expect(t.worker.call('connections.test', { id: t.connection.id })).rejects.toThrow(/NOT_ALLOWED/);
    await t.startWorker().autoAuth.reconcile();
    expect(t.requests.tokenRequests()).toBe(1);
    expect(t.bearer()).toBeUndefined();

    // Allowing the app again starts it again.
    await t.worker.call('credentials.save', {
      credential: { id: credential.id, label: 'Alice', allowed: { kind: 'organization' } },
    });
    await t.waitFor(() => t.bearer() !== undefined);
    expect(t.requests.tokenRequests()).toBe(2);
  });

  it('a credential edit that keeps the JWT and the allowed apps leaves the live token alone', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const first = t.bearer();
    const [credential] = await t.worker.call('credentials.list');
    await t.worker.call('credentials.save', {
      credential: {
        id: credential.id,
        label: 'Alice (ops)',
        notes: 'new note',
        allowed: { kind: 'organization' },
      },
    });
    expect(t.bearer()).toBe(first);
    expect(t.requests.tokenRequests()).toBe(1);
    // A new JWT does restart it: the old session is revoked, the next exchange sends the new JWT.
    await t.worker.call('credentials.save', {
      credential: {
        id: credential.id,
        label: 'Alice (ops)',
        jwt: t.sandbox.jwts.bob,
        allowed: { kind: 'organization' },
      },
    });
    await t.waitFor(() => t.bearer() !== undefined && t.bearer() !== first);
    expect(t.requests.seen.filter((r) => r.url.endsWith('/oauth/revoke'))).toHaveLength(1);
    const exchanges = t.requests.seen.filter((r) => r.body.get('grant_type') === JWT_GRANT);
    expect(exchanges.map((r) => r.body.get('assertion'))).toEqual([t.sandbox.jwts.demo, t.sandbox.jwts.bob]);
  });

  it('a Google service account: no app, an assertion signed at each request, re-minted before expiry with no refresh token', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const keyFile = JSON.stringify(await t.sandbox.admin.googleKeyFile());
    const credential = await t.worker.call('credentials.save', {
      credential: {
        kind: 'google-service-account',
        label: 'Reports robot',
        keyFile,
        scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      },
    });
    // What pages see: the key's description and thumbprint, never the key.
    expect(credential).toMatchObject({ kind: 'google-service-account', keyDescription: 'RSA 2048-bit' });
    expect(JSON.stringify(credential)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(await t.worker.call('credentials.list'))).not.toContain('PRIVATE KEY');
    const google = await t.worker.call('connections.save', {
      connection: {
        credentialId: credential.id,
        apiBaseUrl: `${t.sandbox.url}/google/api/`,
        toolOrigins: [TOOL],
        enabled: true,
      },
    });
    expect(google.appId).toBeUndefined();
    const googleRequests = () => t.requests.seen.filter((r) => r.url.endsWith('/google/token'));
    const rule = () =>
      t.browser.rules
        .current()
        .find((r) => r.action.type === 'modifyHeaders' && r.condition.urlFilter?.includes('/google/api/')) as
        | { action: { requestHeaders: { value: string }[] } }
        | undefined;
    await t.waitFor(() => rule() !== undefined);
    const [request] = googleRequests();
    // The assertion alone authenticates: no client id, no Basic header.
    expect(request?.headers.authorization).toBeUndefined();
    expect([...request!.body.keys()].sort()).toEqual(['assertion', 'grant_type']);
    const first = rule()!.action.requestHeaders[0]!.value;
    const whoami = await fetch(`${t.sandbox.url}/google/api/whoami`, { headers: { Authorization: first } });
    expect(await whoami.json()).toMatchObject({ email: JSON.parse(keyFile).client_email });

    // The refresh alarm signs a new assertion: another grant of the same kind, never a refresh token.
    const alarm = `${TOKEN_ALARM_PREFIX}${tokenSessionOf(google)}`;
    t.clock.set(t.browser.alarms.alarms.get(alarm)!);
    await t.worker.autoAuth.onAlarm(alarm);
    await t.waitFor(() => rule()?.action.requestHeaders[0]?.value !== first);
    const [one, two] = googleRequests().map((r) => r.body);
    expect([one?.get('grant_type'), two?.get('grant_type')]).toEqual([JWT_GRANT, JWT_GRANT]);
    expect(two?.get('assertion')).not.toBe(one?.get('assertion'));

    // Lock: the rule goes; Google's tokens are not revoked (they expire on their own).
    await t.worker.call('vault.lock');
    expect(t.browser.rules.current()).toEqual([]);
    expect(t.requests.seen.filter((r) => r.url.includes('/google/') && r.url.includes('revoke'))).toEqual([]);
  });

  it('refuses an app for a Google connection and a RingCentral connection without one', async () => {
    const t = await setUp();
    const credential = await t.worker.call('credentials.save', {
      credential: {
        kind: 'google-service-account',
        label: 'Reports robot',
        keyFile: JSON.stringify(await t.sandbox.admin.googleKeyFile()),
        scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      },
    });
    const fields = {
      apiBaseUrl: `${t.sandbox.url}/google/api/`,
      toolOrigins: [TOOL],
      enabled: true,
    };
    await expect(
      t.worker.call('connections.save', {
        connection: { ...fields, credentialId: credential.id, appId: t.connection.appId },
      }),
    ).rejects.toThrow(/INVALID_INPUT .*its connections name no app/);
    await expect(
      t.worker.call('connections.save', {
        connection: { ...fields, credentialId: t.connection.credentialId },
      }),
    ).rejects.toThrow(/NOT_FOUND The connection's app does not exist/);
  });

  it('a Google key file that is not one is refused with its reason and nothing is saved', async () => {
    const t = await setUp();
    const save = (keyFile: string) =>
      t.worker.call('credentials.save', {
        credential: { kind: 'google-service-account', label: 'Robot', keyFile, scopes: ['email'] },
      });
    await expect(save('{"type":"authorized_user"}')).rejects.toThrow(
      /UNSUPPORTED_KEY This is a user's credentials file/,
    );
    await expect(save('not json')).rejects.toThrow(/INVALID_INPUT This is not a key file/);
    const file = await t.sandbox.admin.googleKeyFile();
    await expect(save(JSON.stringify({ ...file, private_key: 'garbage' }))).rejects.toThrow(
      /UNSUPPORTED_KEY/,
    );
    expect(await t.worker.call('credentials.list')).toHaveLength(1);
  });

  it("holds back a user's sixth token request in a minute, across apps and credentials, and revokes within the limit too, instead of drawing a 429", async () => {
    // RingCentral's Auth group on: the answers advertise it, as RingCentral's do.
    const t = await setUp({ rateLimit: {} });
    await t.waitFor(() => t.bearer() !== undefined);
    const other = await t.worker.call('apps.save', {
      app: {
        name: 'No refresh',
        clientId: seedApps.noRefresh.clientId,
        clientSecret: seedApps.noRefresh.clientSecret,
        serverUrl: t.sandbox.url,
      },
    });
    // Three credentials of the same user, each through both apps: six token sessions.
    const credentialIds = [t.connection.credentialId];
    for (const label of ['Alice 2', 'Alice 3']) {
      const { jwt } = await t.sandbox.admin.issueCredential({ userId: 208594004 });
      credentialIds.push(
        (
          await t.worker.call('credentials.save', {
            credential: { label, jwt, allowed: { kind: 'organization' } },
          })
        ).id,
      );
    }
    let port = 3100;
    for (const credentialId of credentialIds)
      for (const appId of [t.connection.appId, other.id]) {
        if (credentialId === t.connection.credentialId && appId === t.connection.appId) continue;
        port += 1;
        await t.worker.call('connections.save', {
          connection: {
            credentialId,
            appId,
            apiBaseUrl: `${t.sandbox.url}/restapi/`,
            toolOrigins: [`http://localhost:${port}`],
            enabled: true,
          },
        });
      }
    const statuses = async () =>
      (await t.worker.call('connections.status')) as {
        state: string;
        lastError?: { code: string; message: string };
      }[];
    await t.waitFor(async () => (await statuses()).filter((s) => s.state === 'active').length === 5);
    await t.waitFor(async () => (await statuses()).some((s) => s.state === 'backing-off'));
    const held = (await statuses()).find((s) => s.state === 'backing-off')!;
    expect(held.lastError).toMatchObject({ code: 'RATE_LIMITED' });
    expect(held.lastError?.message).toMatch(/^The vault holds this token request back: RingCentral allows 5/);
    expect(t.requests.tokenRequests()).toBe(5);

    // A minute after the first: the held one asks, gets its token, and nothing was ever refused.
    const alarm = [...t.browser.alarms.alarms.entries()].find(
      ([, at]) => at <= t.clock.now() + 60_000 + BUDGET_MARGIN_MS,
    )!;
    t.clock.set(alarm[1]);
    await t.worker.autoAuth.onAlarm(alarm[0]);
    await t.waitFor(async () => (await statuses()).every((s) => s.state === 'active'));
    expect(t.requests.tokenRequests()).toBe(6);

    // Locking revokes within the same limit: one request this minute leaves four revokes; the
    // other two sessions end when their tokens expire, and no answer is a 429.
    await t.worker.call('vault.lock');
    const revokes = t.requests.seen.filter((r) => r.url.endsWith('/oauth/revoke'));
    expect(revokes).toHaveLength(4);
    const refused = (await t.sandbox.admin.log()).filter((entry) => entry.status === 429);
    expect(refused).toEqual([]);
  });

  it('shows "permission missing" and installs no rule without host access', async () => {
    const t = await setUp();
    t.denyHostAccess();
    // As the browser's permissions.onRemoved does in the worker.
    await t.worker.autoAuth.reconcile();
    await t.waitFor(async () => (await t.worker.call('connections.status'))[0].permissionMissing === true);
    expect(t.browser.rules.current()).toEqual([]);
    const [status] = await t.worker.call('connections.status');
    expect(status).toMatchObject({ injecting: false, permissionMissing: true });
  });
});

describe("a credential's own token URL", () => {
  it('needs host access for its host too: without it the connection says "permission missing"', async () => {
    const t = await setUp();
    await t.waitFor(() => t.bearer() !== undefined);
    const zoom = await t.sandbox.admin.zoomDemo();
    // The token host named as localhost: another host than the API's 127.0.0.1.
    const tokenUrl = zoom.tokenUrl.replace('127.0.0.1', 'localhost');
    const credential = await t.worker.call('credentials.save', {
      credential: {
        kind: 'client-secret',
        label: 'Zoom',
        preset: 'zoom',
        clientId: zoom.clientId,
        clientSecret: zoom.clientSecret,
        tokenUrl,
        accountId: zoom.accountId,
        scopes: [],
      },
    });
    t.deniedHosts.add('http://localhost/*');
    const saved = await t.worker.call('connections.save', {
      connection: {
        credentialId: credential.id,
        apiBaseUrl: `${t.sandbox.url}/zoom/v2/`,
        toolOrigins: ['http://127.0.0.1:3999'],
        enabled: true,
      },
    });
    const statusOf = async () =>
      (await t.worker.call('connections.status')).find(
        (s: { connectionId: string }) => s.connectionId === saved.id,
      );
    await t.waitFor(async () => (await statusOf())?.permissionMissing === true);
    expect(t.askedPatterns.some((patterns) => patterns.includes('http://localhost/*'))).toBe(true);
    t.deniedHosts.clear();
    await t.worker.autoAuth.reconcile();
    await t.waitFor(async () => (await statusOf())?.permissionMissing === false);
  });
});

describe('test request URL', () => {
  const base = 'https://platform.ringcentral.com/restapi/';
  const codeOf = (run: () => unknown) => {
    try {
      run();
      return 'none';
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  it("defaults to RingCentral's own extension for a /restapi/ base, to the base otherwise", () => {
    expect(testUrl(base, undefined)).toBe(`${base}v1.0/account/~/extension/~`);
    expect(testUrl('http://localhost:8080/api/', undefined)).toBe('http://localhost:8080/api/');
    expect(testUrl(base, 'v1.0/account/~?view=Simple')).toBe(`${base}v1.0/account/~?view=Simple`);
  });

  it('refuses any path that could send the token outside the API base', () => {
    for (const path of [
      'https://evil.test/',
      '//evil.test/x',
      '/other',
      '../oauth/token',
      'a/../../x',
      '..',
      'a\\b',
    ]) {
      expect(codeOf(() => testUrl(base, path))).toBe('INVALID_INPUT');
    }
  });
});
