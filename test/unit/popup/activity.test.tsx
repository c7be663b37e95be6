// @vitest-environment happy-dom
// The Activity view: each request as the worker logged it — status, method and path, the page it
// came from, the vault's token number or why there was none, and after a 401 the token that
// followed; the filters; and new entries read as the worker tells of them, only the new ones.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../src/core/activity/entry';
import { Activity } from '../../../src/popup/components/activity';
import {
  ACTIVE,
  button,
  CONNECTION,
  CREDENTIAL,
  click,
  field,
  mounted,
  type Script,
  SETTINGS,
  scriptedClient,
  settle,
  unlockedVault,
  unmountAll,
} from './support';

const API = 'https://api.example.test/restapi';

const entry = (seq: number, more: Partial<ActivityEntry> = {}): ActivityEntry => ({
  seq,
  at: Date.UTC(2026, 11, 2, 9, 30, seq),
  connectionIds: ['k1'],
  origin: 'http://localhost:3000',
  tabId: 3,
  method: 'GET',
  url: `${API}/v1.0/account/~`,
  header: 'vault',
  generation: 1,
  status: 200,
  durationMs: 12,
  ...more,
});

// Newest first, as the worker lists them: a 401 of token #1, then token #2 on the next call;
// a page that is not allowed; a call that got no answer.
const LOG: ActivityEntry[] = [
  entry(4, {
    url: `${API}/v1.0/account/~/extension/~`,
    generation: undefined,
    header: 'none',
    noToken: 'origin-not-allowed',
    origin: 'http://localhost:4000',
    status: 401,
  }),
  entry(3, { error: 'net::ERR_CONNECTION_REFUSED', status: undefined, generation: 2 }),
  entry(2, { generation: 2 }),
  entry(1, { status: 401 }),
  entry(0),
];

const rows = (root: ParentNode) =>
  [...root.querySelectorAll('ol[aria-label="Requests"] li')].map((li) =>
    li.textContent?.replace(/\s+/g, ' ').trim(),
  );

function vault(log: ActivityEntry[] = LOG, more: Script = {}) {
  return scriptedClient(
    unlockedVault({
      'credentials.list': [CREDENTIAL],
      'connections.list': [CONNECTION] as never,
      'connections.status': [ACTIVE],
      'activity.list': log,
      ...more,
    }),
  );
}

describe('the Activity view', () => {
  afterEach(unmountAll);

  it('shows each request: status, method, path, origin, and the vault’s token or why none', async () => {
    const { root } = await mounted(<Activity />, vault());
    const shown = rows(root);
    expect(shown).toHaveLength(5);
    expect(root.textContent).toContain('5 requests');
    expect(shown[0]).toMatch(/^401 GET \/restapi\/v1\.0\/account\/~\/extension\/~/);
    expect(shown[0]).toContain('http://localhost:4000 · no token: origin not allowed');
    expect(shown[1]).toMatch(/^no answer GET/);
    expect(shown[1]).toContain('net::ERR_CONNECTION_REFUSED');
    expect(shown[2]).toContain('token #2');
    // The 401 of token #1, and the token the vault got after it.
    expect(shown[3]).toMatch(/^401 GET/);
    expect(shown[3]).toContain('token #1 · then token #2');
    // The connection it went to, by name.
    expect(shown[4]).toContain('Ops bot → https://api.example.test/restapi/');
    // The path only: no scheme and host in the row's text, the whole URL in its title.
    expect(root.querySelector('.activity-path')?.getAttribute('title')).toBe(
      `${API}/v1.0/account/~/extension/~`,
    );
  });

  it('says when a 401 has no new token after it yet', async () => {
    const { root } = await mounted(<Activity />, vault([entry(0, { status: 401 })]));
    expect(rows(root)[0]).toContain('token #1 · no new token yet');
  });

  it('filters by status and by “no token”, and says how many of all it shows', async () => {
    const { root } = await mounted(<Activity />, vault());
    const status = field(root, 'Status') as HTMLSelectElement;
    status.value = '401/403';
    status.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(() => rows(root).length === 2);
    expect(root.textContent).toContain('2 of 5 requests');

    status.value = '';
    status.dispatchEvent(new Event('change', { bubbles: true }));
    await click(field(root, 'Only requests without the vault’s token') as HTMLInputElement);
    await settle(() => rows(root).length === 1);
    expect(rows(root)[0]).toContain('origin not allowed');
  });

  it('filters by connection', async () => {
    const log = [entry(1, { connectionIds: ['other'] }), entry(0)];
    const { root } = await mounted(<Activity />, vault(log));
    const connection = field(root, 'Connection') as HTMLSelectElement;
    connection.value = 'k1';
    connection.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(() => rows(root).length === 1);
    expect(root.textContent).toContain('1 of 2 requests');
  });

  it('reads only the entries after the newest shown when the worker tells of new ones', async () => {
    const client = vault([entry(0)]);
    const { root, state } = await mounted(<Activity />, client);
    client.answer({
      'activity.list': (payload) => (payload.after === 0 ? [entry(2, { status: 503 }), entry(1)] : []),
    });
    state.applyActivityPush({ type: 'activity', latest: 2 });
    await settle(() => rows(root).length === 3);
    expect(rows(root)[0]).toMatch(/^503/);
    expect(client.calls.filter((c) => c.type === 'activity.list').at(-1)?.payload).toEqual({ after: 0 });
  });

  it('says there is nothing yet, and what will show', async () => {
    const { root } = await mounted(<Activity />, vault([]));
    expect(root.textContent).toContain('No requests yet.');
    expect(root.querySelector('ol')).toBeNull();
  });
});

describe('the kept log and the log switched off', () => {
  afterEach(unmountAll);

  const keptVault = (log: ActivityEntry[], mode: 'kept' | 'off' = 'kept') =>
    vault(log, {
      'settings.get': { ...SETTINGS, activityLog: mode },
      'activity.older': ({ before }) =>
        before === 5
          ? { entries: [entry(4), entry(3)], more: true, damaged: 0 }
          : { entries: [entry(2, { status: 404, at: Date.UTC(2025, 0, 5, 12) })], more: false, damaged: 1 },
    });

  it('reads earlier requests from the kept log a page at a time, below the oldest shown', async () => {
    const client = keptVault([entry(5)]);
    const { root } = await mounted(<Activity />, client);
    expect(rows(root)).toHaveLength(1);
    await click(button(root, 'Show earlier requests'));
    await settle(() => rows(root).length === 3);
    await click(button(root, 'Show earlier requests'));
    await settle(() => rows(root).length === 4);
    expect(client.calls.filter((c) => c.type === 'activity.older').map((c) => c.payload)).toEqual([
      { before: 5 },
      { before: 3 },
    ]);
    expect(rows(root).at(-1)).toMatch(/^404/);
    // From another day: its date shows, not only its time.
    expect(rows(root).at(-1)).toContain('Jan 5');
    expect(root.textContent).toContain('That is every request kept in the vault.');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'One part of the kept log could not be opened',
    );
    expect([...root.querySelectorAll('button')].map((b) => b.textContent)).not.toContain(
      'Show earlier requests',
    );
  });

  it('with nothing this session, starts below every number and says earlier ones are kept', async () => {
    const client = keptVault([]);
    const { root } = await mounted(<Activity />, client);
    expect(root.textContent).toContain('No requests this session yet.');
    client.answer({ 'activity.older': { entries: [entry(9)], more: false, damaged: 0 } });
    await click(button(root, 'Show earlier requests'));
    await settle(() => rows(root).length === 1);
    expect(client.calls.find((c) => c.type === 'activity.older')?.payload).toEqual({
      before: Number.MAX_SAFE_INTEGER,
    });
  });

  it('says the log is off, with the way to turn it on, and offers no earlier requests', async () => {
    const { root } = await mounted(<Activity />, keptVault([], 'off'));
    expect(root.textContent).toContain('The activity log is off: no request is logged.');
    expect(root.querySelector('a')?.getAttribute('href')).toBe('#/settings/activity');
    expect([...root.querySelectorAll('button')].map((b) => b.textContent)).not.toContain(
      'Show earlier requests',
    );
  });
});

describe('exports among the requests', () => {
  afterEach(unmountAll);

  const EXPORT = {
    id: 'x1',
    at: Date.UTC(2026, 11, 2, 9, 30, 2, 500),
    credentialId: 'c1',
    credentialLabel: 'Ops bot',
    recipientClientId: 'cid-1',
    protection: 'passphrase' as const,
    expiresAt: Date.UTC(2026, 11, 3),
  };

  it('lists a trusted-app export at its time, and leaves it out while a filter narrows the list', async () => {
    const client = scriptedClient(
      unlockedVault({
        'credentials.list': [CREDENTIAL],
        'connections.list': [CONNECTION] as never,
        'connections.status': [ACTIVE],
        'activity.list': LOG,
        'exports.list': [EXPORT],
      }),
    );
    const { root } = await mounted(<Activity />, client);
    const shown = rows(root);
    expect(shown).toHaveLength(6);
    // Between the requests of 09:30:03 and 09:30:02.
    expect(shown[2]).toMatch(/^export Ops bot → cid-1/);
    expect(shown[2]).toContain('sealed with a passphrase');
    const status = field(root, 'Status') as HTMLSelectElement;
    status.value = '2xx';
    status.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(() => rows(root).length === 2);
    expect(rows(root).some((row) => row?.startsWith('export'))).toBe(false);
  });
});
