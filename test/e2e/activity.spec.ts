// The activity log in the real browser: a tool's requests to a connection's API, as the worker's
// request watch sees them, become entries — status, origin, path, whether the vault's token was on
// it and which — and so does a call from a page that is not allowed; a 401 is followed by the
// entry of the new token. Nothing secret is kept: no query string, no header value, neither in
// the entries nor in storage.session nor in the profile on disk. Lock empties it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActivityEntry } from '../../src/core/activity/entry';
import { expect, test } from './fixtures';
import { call, canary, filesContaining, killServiceWorker, openPopup, send } from './harness';
import { openConnection, openPage, region } from './popup-steps';
import { startToolServer } from './tool-server';
import { connect, injectedToken, openTool, PASSWORD, toolFetch, worldPerTest } from './world';

const current = worldPerTest();
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Everything in storage.session, as one string. */
async function sessionDump(popup: import('@playwright/test').Page): Promise<string> {
  return JSON.stringify(await popup.evaluate(() => chrome.storage.session.get(null)));
}

test('every tool request to the API is an entry, a 401 is followed by the new token, and nothing secret is kept', async ({
  extension,
}) => {
  const { world, api } = current;
  const base = world.sandbox.url;
  const query = canary('Query');
  const pageToken = canary('PageToken');
  // The same host as the allowed tool, on another port: a different origin, so not allowed.
  const stranger = await startToolServer('127.0.0.1', 'localhost');
  try {
    const popup = await openPopup(extension);
    await connect(popup, world);
    const tool = await openTool(extension, world.tool.origin);

    // Not from the HTTP cache's point of view: the browser would keep the tool's own URL there, with
    // or without the extension. What is checked is what the vault keeps of it.
    const withQuery = await tool.evaluate(
      async (url) => (await fetch(url, { cache: 'no-store' })).status,
      `${api}?api_key=${query}`,
    );
    expect(withQuery).toBe(200);
    expect((await toolFetch(tool, `${base}/restapi/v1.0/account/999`)).status).toBe(404);
    const first = await injectedToken(popup);
    // The server ends the session: the tool's next call is refused, and the vault gets a new token.
    await world.sandbox.admin.revokeSession({ token: first! });
    expect((await toolFetch(tool, api)).status).toBe(401);
    await expect.poll(() => injectedToken(popup), { timeout: 15_000 }).not.toBe(first);
    expect((await toolFetch(tool, api)).status).toBe(200);
    // A page that is not allowed, with an Authorization header of its own.
    const outsider = await openTool(extension, stranger.origin, { pinned: false });
    const outsiderStatus = await outsider.evaluate(
      async ([url, header]) => (await fetch(url, { headers: { Authorization: header } })).status,
      [api, `Bearer ${pageToken}`] as const,
    );
    expect(outsiderStatus).toBe(401);

    await expect
      .poll(async () => (await call<ActivityEntry[]>(popup, 'activity.list')).length, { timeout: 10_000 })
      .toBe(5);
    const entries = await call<ActivityEntry[]>(popup, 'activity.list');
    const seen = entries.map((e) => [e.origin, e.method, e.url, e.status, e.header, e.generation, e.noToken]);
    expect(seen).toEqual([
      [stranger.origin, 'GET', api, 401, 'other', undefined, 'origin-not-allowed'],
      [world.tool.origin, 'GET', api, 200, 'vault', 2, undefined],
      [world.tool.origin, 'GET', api, 401, 'vault', 1, undefined],
      [world.tool.origin, 'GET', `${base}/restapi/v1.0/account/999`, 404, 'vault', 1, undefined],
      // The query string is not kept.
      [world.tool.origin, 'GET', api, 200, 'vault', 1, undefined],
    ]);
    // Each from its tab, and timed.
    expect(new Set(entries.map((e) => e.tabId)).size).toBe(2);
    for (const entry of entries) expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    // The worker's own token requests, under the same /restapi/ path, are not tools' requests.
    expect(entries.filter((e) => e.url.includes('/oauth/'))).toEqual([]);

    // Neither the query nor a header value is kept: not in the entries, not in storage.session.
    const kept = [JSON.stringify(entries), await sessionDump(popup)].join('\n');
    expect(kept).not.toContain(query);
    expect(kept).not.toContain(pageToken);
    expect(JSON.stringify(entries)).not.toContain(first!);

    // Lock empties the log: the list is locked, and storage.session holds no entry.
    await call(popup, 'vault.lock');
    expect(await send(popup, 'activity.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await sessionDump(popup)).not.toContain('activity.');
    // And the extension wrote neither canary to the profile on disk.
    await extension.context.close();
    for (const marker of [query, pageToken])
      expect(await filesContaining(extension.userDataDir, marker), marker).toEqual([]);
  } finally {
    await stranger.close();
  }
});

test('the entries outlive a worker Chromium stopped, and the next request is numbered after them', async ({
  extension,
}) => {
  const { world, api } = current;
  const popup = await openPopup(extension);
  await connect(popup, world);
  const tool = await openTool(extension, world.tool.origin);
  for (let i = 0; i < 3; i += 1) expect((await toolFetch(tool, api)).status).toBe(200);
  // Written to storage.session a moment after they come: wait for that, as an idle worker would.
  await expect
    .poll(async () => {
      const pages = await popup.evaluate(async () => {
        const all = (await chrome.storage.session.get(null)) as Record<string, unknown>;
        return Object.entries(all).filter(([key]) => key.startsWith('activity.page.'));
      });
      return pages.flatMap(([, entries]) => entries as unknown[]).length;
    })
    .toBe(3);
  const before = await call<ActivityEntry[]>(popup, 'activity.list');

  await killServiceWorker(extension, popup);
  expect(await call<ActivityEntry[]>(popup, 'activity.list')).toEqual(before);
  expect((await toolFetch(tool, api)).status).toBe(200);
  await expect.poll(async () => (await call<ActivityEntry[]>(popup, 'activity.list')).length).toBe(4);
  const [newest] = await call<ActivityEntry[]>(popup, 'activity.list');
  expect(newest?.seq).toBe(before[0]!.seq + 1);
  expect(newest).toMatchObject({ header: 'vault', status: 200, origin: world.tool.origin });
});

/** How many sealed chunks the kept activity log has in the vault's IndexedDB. */
function keptChunks(popup: import('@playwright/test').Page): Promise<number> {
  return popup.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('jwt-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('activity').objectStore('activity').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
  );
}

/** Chooses how the activity log is kept on its Settings page, as a person does, and saves. */
async function keepActivity(popup: import('@playwright/test').Page, choice: string, days?: number) {
  const page = await openPage(popup, 'Settings', 'Activity log');
  await page.getByLabel(choice, { exact: false }).check();
  if (days !== undefined) await page.getByLabel('Keep each request for this many days').fill(String(days));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Activity log settings saved.');
  return page;
}

test('a kept log: sealed in the vault, shown after a lock and a stopped worker, and nothing of it readable on disk', async ({
  extension,
}) => {
  const { world, api } = current;
  const base = world.sandbox.url;
  const query = canary('KeptQuery');
  const pageToken = canary('KeptPageToken');
  // A path is kept in an entry: sealed, it must not be readable in the profile either.
  const pathMarker = canary('KeptPath');
  const popup = await openPopup(extension);
  await popup.setViewportSize({ width: 380, height: 600 });
  await connect(popup, world);
  await keepActivity(popup, 'Also kept in the vault', 7);
  const tool = await openTool(extension, world.tool.origin);
  const status = (url: string, header?: string) =>
    tool.evaluate(
      async ([target, auth]) =>
        (await fetch(target!, { cache: 'no-store', ...(auth ? { headers: { Authorization: auth } } : {}) }))
          .status,
      [url, header] as const,
    );
  expect(await status(`${api}?api_key=${query}`)).toBe(200);
  expect(await status(`${base}/restapi/v1.0/account/${pathMarker}`)).toBe(404);
  expect(await status(api, `Bearer ${pageToken}`)).toBe(200);
  // Sealed into the vault a moment after they come, as the session's pages are written.
  await expect.poll(() => keptChunks(popup), { timeout: 10_000 }).toBeGreaterThan(0);
  // The page's own Authorization header made Chromium ask first: its preflight is an entry too.
  await expect
    .poll(async () =>
      (await call<{ entries: ActivityEntry[] }>(popup, 'activity.older', { before: 1e9 })).entries.map(
        (e) => `${e.status} ${e.method}`,
      ),
    )
    .toEqual(['200 GET', '204 OPTIONS', '404 GET', '200 GET']);

  // Locked, the worker stopped, unlocked: this session's log is empty, the kept one shows below.
  await popup.bringToFront();
  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByLabel('Master password')).toBeVisible();
  await killServiceWorker(extension, popup);
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  const activity = await region(popup, 'Activity');
  await expect(activity.getByText('No requests this session yet.')).toBeVisible();
  await activity.getByRole('button', { name: 'Show earlier requests' }).click();
  const rows = activity.getByRole('list', { name: 'Requests' }).getByRole('listitem');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(2)).toContainText(`404 GET /restapi/v1.0/account/${pathMarker}`);
  await expect(activity.getByText('That is every request kept in the vault.')).toBeVisible();
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'activity-kept.png') });
  // This session's first request is numbered after the kept ones, and shows above them.
  expect(await status(api)).toBe(200);
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('200 GET');
  const [newest] = await call<ActivityEntry[]>(popup, 'activity.list');
  expect(newest?.seq).toBe(4);

  // Neither canary, nor the path, in the view's text or in the profile on disk.
  const shown = (await activity.textContent()) ?? '';
  expect(shown).not.toContain(query);
  expect(shown).not.toContain(pageToken);
  await call(popup, 'vault.lock');
  await extension.context.close();
  for (const marker of [query, pageToken, pathMarker])
    expect(await filesContaining(extension.userDataDir, marker), marker).toEqual([]);
});

test('switched off, no request is logged and the kept log is deleted; this session only, the kept log goes', async ({
  extension,
}) => {
  const { world, api } = current;
  const popup = await openPopup(extension);
  await connect(popup, world);
  await keepActivity(popup, 'Also kept in the vault', 30);
  const tool = await openTool(extension, world.tool.origin);
  expect((await toolFetch(tool, api)).status).toBe(200);
  await expect.poll(() => keptChunks(popup), { timeout: 10_000 }).toBe(1);

  await popup.bringToFront();
  const page = await openPage(popup, 'Settings', 'Activity log');
  await page.getByLabel('This session', { exact: false }).check();
  await expect(page.getByText('Saving deletes the log kept in the vault.')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Activity log settings saved.');
  expect(await keptChunks(popup)).toBe(0);
  expect(await call<ActivityEntry[]>(popup, 'activity.list')).toHaveLength(1);

  await keepActivity(popup, 'Off');
  expect(await call<ActivityEntry[]>(popup, 'activity.list')).toEqual([]);
  expect((await toolFetch(tool, api)).status).toBe(200);
  await popup.bringToFront();
  const activity = await region(popup, 'Activity');
  await expect(activity.getByText('The activity log is off: no request is logged.')).toBeVisible();
  // Logged again from now on: the request made while it was off is not among them.
  await keepActivity(popup, 'This session');
  expect((await toolFetch(tool, `${world.sandbox.url}/restapi/v1.0/account/999`)).status).toBe(404);
  await expect.poll(async () => (await call<ActivityEntry[]>(popup, 'activity.list')).length).toBe(1);
  const [only] = await call<ActivityEntry[]>(popup, 'activity.list');
  expect(only).toMatchObject({ status: 404, url: `${world.sandbox.url}/restapi/v1.0/account/999` });
  // The token went on the request all the same.
  expect(await injectedToken(popup)).toBeTruthy();
});

test('the open Activity view shows each request as it ends, the token after a 401, and nothing once locked', async ({
  extension,
}) => {
  const { world, api } = current;
  const popup = await openPopup(extension);
  await popup.setViewportSize({ width: 380, height: 600 });
  await connect(popup, world);
  const tool = await openTool(extension, world.tool.origin);
  await popup.bringToFront();
  const activity = await region(popup, 'Activity');
  const rows = activity.getByRole('list', { name: 'Requests' }).getByRole('listitem');
  // When each row came into the page, on the machine's clock (the tool's too).
  await popup.evaluate(() => {
    const seen: number[] = [];
    Object.assign(window, { rowsSeenAt: seen });
    new MutationObserver(() => {
      const n = document.querySelectorAll('ol[aria-label="Requests"] > li').length;
      while (seen.length < n) seen.push(Date.now());
    }).observe(document.body, { childList: true, subtree: true });
  });
  const call = (url: string) =>
    tool.evaluate(async (target) => {
      const response = await fetch(target);
      return { status: response.status, endedAt: Date.now() };
    }, url);

  const latencies: number[] = [];
  const first = await injectedToken(popup);
  const steps: [string, () => Promise<unknown>, number][] = [
    [api, async () => {}, 200],
    [`${world.sandbox.url}/restapi/v1.0/account/999`, async () => {}, 404],
    [api, () => world.sandbox.admin.revokeSession({ token: first! }), 401],
  ];
  for (const [url, before, status] of steps) {
    await before();
    const { status: answered, endedAt } = await call(url);
    expect(answered).toBe(status);
    const n = latencies.length + 1;
    await expect(rows).toHaveCount(n);
    const seenAt = await popup.evaluate(
      (i) => (window as unknown as { rowsSeenAt: number[] }).rowsSeenAt[i],
      n - 1,
    );
    latencies.push(seenAt! - endedAt);
    await expect(rows.first()).toContainText(`${status} GET`);
  }
  // The 401 says no new token came yet; the next call, with the new token, says which.
  await expect(rows.first()).toContainText('token #1 · ');
  await expect.poll(() => injectedToken(popup), { timeout: 15_000 }).not.toBe(first);
  expect((await call(api)).status).toBe(200);
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('200 GET');
  await expect(rows.first()).toContainText('token #2');
  await expect(rows.nth(1)).toContainText('401 GET');
  await expect(rows.nth(1)).toContainText('token #1 · then token #2');
  test.info().annotations.push({
    type: 'Activity: request ended → its row in the open view',
    description: `${latencies.map((ms) => `${ms} ms`).join(', ')}`,
  });

  // The four shown, saved as a person keeps them: the file holds what the view shows.
  const saving = popup.waitForEvent('download');
  await activity
    .getByRole('group', { name: 'Save the 4 requests shown' })
    .getByRole('button', { name: 'Save as JSON' })
    .click();
  const file = await (await saving).path();
  const saved = JSON.parse(await readFile(file, 'utf8')) as { status: number; token: number }[];
  expect(saved.map((row) => [row.status, row.token])).toEqual([
    [200, 2],
    [401, 1],
    [404, 1],
    [200, 1],
  ]);

  // Locked, then unlocked: the log went with the lock.
  await popup.getByRole('button', { name: 'Lock' }).click();
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect((await region(popup, 'Activity')).getByText('No requests yet.')).toBeVisible();
});

test('the token inspector on a connection’s page lists the session’s token requests, the 401’s among them, and no token', async ({
  extension,
}) => {
  const { world, api } = current;
  const popup = await openPopup(extension);
  await popup.setViewportSize({ width: 380, height: 600 });
  await connect(popup, world);
  const tool = await openTool(extension, world.tool.origin);
  const first = await injectedToken(popup);
  await world.sandbox.admin.revokeSession({ token: first! });
  expect((await toolFetch(tool, api)).status).toBe(401);
  await expect.poll(() => injectedToken(popup), { timeout: 15_000 }).not.toBe(first);

  await popup.bringToFront();
  const page = await openConnection(popup, `Alice → ${world.sandbox.url}/restapi/`);
  const details = page.getByRole('region', { name: 'Token details' });
  // The server ended the whole session: its refresh token is refused too, so the vault used the
  // credential again. Newest first.
  await expect(details.getByRole('list', { name: 'Token requests' }).getByRole('listitem')).toHaveText([
    /after a 401 · with the credential · token #2$/,
    /after a 401 · with the refresh token · failed \(GRANT_REJECTED\)$/,
    /first use · with the credential · token #1$/,
  ]);
  await expect(details.getByRole('definition').first()).toHaveText('#2');
  // For looking at, as the other views' pictures: the section at popup width, in both themes.
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await details.screenshot({ path: path.join(SCREENSHOTS, `token-details-${colorScheme}.png`) });
  }
  await popup.emulateMedia({ colorScheme: null });
  // The sandbox's tokens are opaque: nothing to decode; and no token value in the page.
  await expect(details.getByRole('figure')).toHaveCount(0);
  const now = await injectedToken(popup);
  expect(await popup.content()).not.toContain(now!);
  expect(await popup.content()).not.toContain(first!);
});
