import { describe, expect, it } from 'vitest';
import { createActivityLog } from '../../../src/background/activity-log';
import { createRequestWatch, type WatchedConnection } from '../../../src/background/request-watch';
import type { ActiveToken } from '../../../src/core/tokens';
import { memoryArea } from '../support/memory-area';

const API = 'http://127.0.0.1:8080';
const TOOL = 'http://localhost:3000';
const OWN = 'chrome-extension://abcdefghijklmnop';

/** A watch over the given connections, each holding the token named in `tokens`. */
function setUp(connections: WatchedConnection[], tokens: Record<string, ActiveToken>) {
  const store = memoryArea();
  const log = createActivityLog({ store });
  const unauthorized: [string, number][] = [];
  const watch = createRequestWatch({
    ownOrigin: OWN,
    connections: async () => connections,
    token: (id) => tokens[id],
    onUnauthorized: async (id, generation) => {
      unauthorized.push([id, generation]);
    },
    onAnswered: async () => {},
    store,
    log,
  });
  let n = 0;
  /** Sends a request and answers it (or fails it when `status` is a string). */
  const request = async (
    url: string,
    status: number | string,
    {
      origin = TOOL,
      tabId = 5,
      authorization,
    }: { origin?: string; tabId?: number; authorization?: string } = {},
  ) => {
    const requestId = `r${++n}`;
    watch.sent({
      requestId,
      url,
      tabId,
      initiator: origin,
      method: 'GET',
      timeStamp: 10_000,
      ...(authorization ? { authorization } : {}),
    });
    if (typeof status === 'string') await watch.failed({ requestId, error: status, timeStamp: 10_030 });
    else await watch.answered({ requestId, statusCode: status, timeStamp: 10_012 });
  };
  return { watch, request, unauthorized, store };
}

const token = (accessToken: string, generation: number): ActiveToken => ({
  accessToken,
  generation,
  expiresAt: Date.now() + 3_600_000,
});

describe('activity entries from the request watch', () => {
  const restapi: WatchedConnection = {
    connectionId: 'c1',
    apiBaseUrl: `${API}/restapi/`,
    toolOrigins: [TOOL],
  };

  it('logs a request that carried the vault’s token: its token number, status and time, and no query', async () => {
    const t = setUp([restapi], { c1: token('TOKEN-CANARY-1', 3) });
    await t.request(`${API}/restapi/v1.0/account/~?api_key=QUERY-CANARY`, 200, {
      authorization: 'Bearer TOKEN-CANARY-1',
    });
    const [entry] = await t.watch.activity();
    expect(entry).toMatchObject({
      connectionIds: ['c1'],
      origin: TOOL,
      tabId: 5,
      method: 'GET',
      url: `${API}/restapi/v1.0/account/~`,
      header: 'vault',
      generation: 3,
      status: 200,
      durationMs: 12,
    });
    expect(entry).not.toHaveProperty('noToken');
    // Neither the token nor the query is kept anywhere: not in the entry, not in the store.
    const kept = JSON.stringify([await t.watch.activity(), t.store.dump()]);
    expect(kept).not.toContain('TOKEN-CANARY');
    expect(kept).not.toContain('QUERY-CANARY');
  });

  it('logs a call from an origin that is not allowed as one that got no token, and counts it', async () => {
    const t = setUp([restapi], { c1: token('t1', 1) });
    await t.request(`${API}/restapi/v1.0/account/~`, 401, { origin: 'http://localhost:4000' });
    const [entry] = await t.watch.activity();
    expect(entry).toMatchObject({ header: 'none', noToken: 'origin-not-allowed', status: 401 });
    expect(await t.watch.refusedOrigins('c1')).toEqual([{ origin: 'http://localhost:4000', count: 1 }]);
    // Not a 401 of the vault's token: nothing to re-exchange.
    expect(t.unauthorized).toEqual([]);
  });

  it('tells an allowed page’s call without a tab (a service worker) from one not allowed', async () => {
    const t = setUp([restapi], { c1: token('t1', 1) });
    await t.request(`${API}/restapi/v1.0/account/~`, 401, { tabId: -1 });
    expect((await t.watch.activity())[0]).toMatchObject({ noToken: 'not-from-a-tab', tabId: -1 });
  });

  it('says another header was on a request that did not carry the vault’s token', async () => {
    const t = setUp([restapi], { c1: token('t1', 1) });
    await t.request(`${API}/restapi/v1.0/account/~`, 401, { authorization: 'Bearer an-old-one' });
    const [entry] = await t.watch.activity();
    expect(entry?.header).toBe('other');
    expect(entry).not.toHaveProperty('generation');
  });

  it('logs a request that got no answer with the browser’s error and no status', async () => {
    const t = setUp([restapi], { c1: token('t1', 1) });
    await t.request(`${API}/restapi/v1.0/account/~`, 'net::ERR_CONNECTION_REFUSED', {
      authorization: 'Bearer t1',
    });
    const [entry] = await t.watch.activity();
    expect(entry).toMatchObject({ error: 'net::ERR_CONNECTION_REFUSED', durationMs: 30, header: 'vault' });
    expect(entry).not.toHaveProperty('status');
  });

  it('logs nothing of requests outside every connection’s API, nor of the vault’s own', async () => {
    const t = setUp([restapi], { c1: token('t1', 1) });
    await t.request(`${API}/other/v1/`, 200);
    await t.request(`${API}/restapi/v1.0/account/~`, 200, { origin: OWN, authorization: 'Bearer t1' });
    expect(await t.watch.activity()).toEqual([]);
  });

  it('charges an entry to the connection whose token it carried when two share an API host', async () => {
    const v1: WatchedConnection = { connectionId: 'v1', apiBaseUrl: `${API}/restapi/`, toolOrigins: [TOOL] };
    const v2: WatchedConnection = { connectionId: 'v2', apiBaseUrl: `${API}/restapi/`, toolOrigins: [TOOL] };
    const other: WatchedConnection = {
      connectionId: 'g',
      apiBaseUrl: `${API}/google/api/`,
      toolOrigins: [TOOL],
    };
    const t = setUp([v1, v2, other], { v1: token('one', 1), v2: token('two', 4), g: token('gee', 2) });
    await t.request(`${API}/restapi/v1.0/account/~`, 200, { authorization: 'Bearer two' });
    await t.request(`${API}/google/api/whoami`, 200, { authorization: 'Bearer gee' });
    const [google, restapiCall] = await t.watch.activity();
    // Both connections cover the path; the one whose token it was comes first.
    expect(restapiCall).toMatchObject({ connectionIds: ['v2', 'v1'], generation: 4 });
    expect(google).toMatchObject({ connectionIds: ['g'], generation: 2 });
    expect((await t.watch.activity({ connectionId: 'g' })).map((e) => e.url)).toEqual([
      `${API}/google/api/whoami`,
    ]);
  });

  it('empties the log with the counts at clear', async () => {
    const t = setUp([restapi], { c1: token('t1', 1) });
    await t.request(`${API}/restapi/v1.0/account/~`, 200, { authorization: 'Bearer t1' });
    await t.watch.clear();
    expect(await t.watch.activity()).toEqual([]);
  });
});
