// Every 401 answered, in real Chromium against the sandbox: a 401 that wakes a stopped worker,
// 401s around token swaps, two revocations in a row, and an API that refuses every new token.
// "A new token" is a token response with 200: after a revocation the dead refresh token is
// refused first (400), then the JWT is exchanged — one flight, one new token.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, type Launched, openPopup, popupUrl, stopIdleServiceWorker } from './harness';
import { region } from './popup-steps';
import {
  connect,
  JWT_GRANT,
  openTool,
  PASSWORD,
  REFRESH_GRANT,
  type TestWorld,
  tokenRequests,
  toolFetch,
  type World,
  worldPerTest,
} from './world';

/** Ends every session at the sandbox, as an admin revoking the user's tokens would. */
async function revokeAll(world: World): Promise<void> {
  for (const session of (await world.sandbox.admin.state()).sessions) {
    await world.sandbox.admin.revokeSession({ sessionId: session.id });
  }
}

/** The token requests since the log was cleared, as [grant, status]. */
async function grants(world: World): Promise<[string | undefined, number][]> {
  return tokenRequests(await world.sandbox.admin.log()).map((entry) => [entry.grantType, entry.status]);
}

const newTokens = async (world: World) => (await grants(world)).filter(([, status]) => status === 200).length;

/** Reads the connection's status from a short-lived extension page, closed again at once. */
async function statusFromPage(launched: Launched): Promise<{ accepted?: boolean; generation: number }> {
  const page = await launched.context.newPage();
  try {
    await page.goto(popupUrl(launched.extensionId));
    return (await call<{ accepted?: boolean; generation: number }[]>(page, 'connections.status'))[0]!;
  } finally {
    await page.close();
  }
}

/** The vault with its one connection, a tool tab on the allowed origin, and its first 200. */
async function connectedTool(
  extension: Launched,
  { world, api }: TestWorld,
): Promise<{ popup: Page; tool: Page }> {
  const popup = await openPopup(extension);
  await connect(popup, world);
  const tool = await openTool(extension, world.tool.origin);
  expect((await toolFetch(tool, api)).status).toBe(200);
  return { popup, tool };
}

test.describe('every 401 answered', () => {
  const current = worldPerTest();

  test('popup closed, worker stopped, session revoked: one fetch brings one new token, 10 times of 10', async ({
    extension,
  }) => {
    const { world, api } = current;
    const { popup, tool } = await connectedTool(extension, current);
    await popup.close();
    const delays: number[] = [];
    for (let round = 1; round <= 10; round += 1) {
      // The API has taken the current token: what follows is a revocation, not a refusal.
      await expect.poll(async () => (await statusFromPage(extension)).accepted).toBe(true);
      await stopIdleServiceWorker(extension, tool);
      await revokeAll(world);
      await world.sandbox.admin.clearLog();
      const sent = Date.now();
      expect((await toolFetch(tool, api)).status).toBe(401);
      await expect.poll(() => newTokens(world), { timeout: 2_000, message: `round ${round}` }).toBe(1);
      delays.push(Date.now() - sent);
      expect(await grants(world)).toEqual([
        [REFRESH_GRANT, 400],
        [JWT_GRANT, 200],
      ]);
      await expect.poll(async () => (await toolFetch(tool, api)).status, { timeout: 1_000 }).toBe(200);
      expect(await newTokens(world)).toBe(1);
    }
    expect(delays).toHaveLength(10);
    test.info().annotations.push({ type: 'new token after the 401, ms', description: delays.join(', ') });
  });

  test('polling every 50 ms through unlock and 20 refreshes; after a revocation a burst of 20 brings one token', async ({
    extension,
  }) => {
    const { world, api } = current;
    const popup = await openPopup(extension);
    const connection = await connect(popup, world);
    const tool = await openTool(extension, world.tool.origin);
    await call(popup, 'vault.lock');
    await tool.evaluate((url) => {
      const statuses: number[] = [];
      Object.assign(window, { statuses });
      const timer = setInterval(async () => statuses.push((await fetch(url)).status), 50);
      Object.assign(window, { stopPolling: () => clearInterval(timer) });
    }, api);
    const polled = () => tool.evaluate(() => (window as unknown as { statuses: number[] }).statuses.slice());

    await call(popup, 'vault.unlock', { password: PASSWORD });
    await expect.poll(async () => (await polled()).includes(200)).toBe(true);
    for (let i = 0; i < 20; i += 1) await call(popup, 'connections.refresh', { id: connection.id });
    // The last token has been used, then the session goes.
    const seen = (await polled()).length;
    await expect.poll(async () => (await polled()).slice(seen).includes(200)).toBe(true);
    await revokeAll(world);
    await world.sandbox.admin.clearLog();
    const burst = await tool.evaluate(
      (url) => Promise.all(Array.from({ length: 20 }, async () => (await fetch(url)).status)),
      api,
    );
    expect(burst.filter((status) => status === 401).length).toBeGreaterThan(0);
    const revokedAt = Date.now();
    await expect.poll(async () => (await toolFetch(tool, api)).status, { timeout: 1_000 }).toBe(200);
    const backIn = Date.now() - revokedAt;
    await tool.evaluate(() => (window as unknown as { stopPolling(): void }).stopPolling());
    expect(await newTokens(world)).toBe(1);
    test.info().annotations.push({ type: '200 again after the burst, ms', description: String(backIn) });
  });

  test('revoked twice within 5 s: two new tokens, no stretch of 401s', async ({ extension }) => {
    const { world, api } = current;
    const { tool } = await connectedTool(extension, current);
    await world.sandbox.admin.clearLog();
    const started = Date.now();
    for (const round of [1, 2]) {
      await revokeAll(world);
      expect((await toolFetch(tool, api)).status).toBe(401);
      await expect.poll(() => newTokens(world), { timeout: 2_000 }).toBe(round);
      await expect.poll(async () => (await toolFetch(tool, api)).status, { timeout: 1_000 }).toBe(200);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('an API that refuses every new token: the popup says so, and the vault backs off', async ({
    extension,
  }) => {
    const { world, api } = current;
    const { popup, tool } = await connectedTool(extension, current);
    await world.sandbox.admin.clearLog();
    await world.sandbox.admin.failNext({ count: 100_000, status: 401, pathPrefix: '/restapi/v1.0/' });
    // The tool keeps calling for 8 s, every 100 ms: bounded, as a busy tool would.
    const statuses = await tool.evaluate(async (url) => {
      const seen: number[] = [];
      const end = Date.now() + 8_000;
      while (Date.now() < end) {
        seen.push((await fetch(url)).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return seen;
    }, api);
    expect(new Set(statuses)).toEqual(new Set([401]));
    // One new token for the first 401, then one per back-off (2 s, then 4 s): a handful, not 80.
    const tokens = await newTokens(world);
    expect(tokens).toBeGreaterThanOrEqual(2);
    expect(tokens).toBeLessThanOrEqual(4);
    const item = (await region(popup, 'Connections')).getByRole('listitem').first();
    await expect(item.locator('.chip')).toContainText('the API refuses new tokens');
    await expect(item).toContainText('(OAU-149)');
    test.info().annotations.push({ type: 'token responses in 8 s', description: String(tokens) });
  });
});
