// Bearer injection in real Chromium against the sandbox: only the allowed tool origin's
// fetches to the configured API get the header; navigations and the worker's own token
// requests never do; lock removes it; a killed worker does not stop it.
import type { Page } from '@playwright/test';
import { type Sandbox, startSandbox } from '../../sandbox/index';
import { expect, test } from './fixtures';
import {
  call,
  canary,
  filesContaining,
  killServiceWorker,
  type Launched,
  launch,
  openPopup,
  removeProfile,
} from './harness';
import { startToolServer, type ToolServer } from './tool-server';

const PASSWORD = 'a long master password';
const ME = '/restapi/v1.0/account/~/extension/~';

interface World {
  sandbox: Sandbox;
  tool: ToolServer;
  otherTool: ToolServer;
}

async function startWorld(): Promise<World> {
  const sandbox = await startSandbox({ testMode: true, rateLimit: false });
  const tool = await startToolServer('127.0.0.1', 'localhost');
  const otherTool = await startToolServer('127.0.0.2');
  return { sandbox, tool, otherTool };
}

async function stopWorld(world: World) {
  await Promise.all([world.sandbox.close(), world.tool.close(), world.otherTool.close()]);
}

/** Creates the vault and one connection from the sandbox's demo app and JWT to its API. */
async function connect(popup: Page, world: World, jwt = world.sandbox.jwts.demo) {
  const demo = world.sandbox.seed.apps.demo;
  await call(popup, 'vault.create', { password: PASSWORD });
  const app = await call<{ id: string }>(popup, 'apps.save', {
    app: {
      name: 'Demo',
      clientId: demo.clientId,
      clientSecret: demo.clientSecret,
      serverUrl: world.sandbox.url,
    },
  });
  const credential = await call<{ id: string }>(popup, 'credentials.save', {
    credential: { label: 'Alice', jwt, allowed: { kind: 'organization' } },
  });
  const connection = await call<{ id: string }>(popup, 'connections.save', {
    connection: {
      credentialId: credential.id,
      appId: app.id,
      apiBaseUrl: `${world.sandbox.url}/restapi/`,
      toolOrigins: [world.tool.origin],
      enabled: true,
    },
  });
  await expect
    .poll(async () => (await call<{ injecting: boolean }[]>(popup, 'connections.status'))[0]?.injecting)
    .toBe(true);
  return connection;
}

async function toolFetch(page: Page, url: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (target) => {
    const response = await fetch(target);
    return { status: response.status, body: await response.json() };
  }, url);
}

async function openTool(launched: Launched, origin: string): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(`${origin}/`);
  return page;
}

async function sessionRules(popup: Page): Promise<unknown[]> {
  return popup.evaluate(() => chrome.declarativeNetRequest.getSessionRules());
}

test.describe('Bearer injection', () => {
  let world: World;
  test.beforeEach(async () => {
    world = await startWorld();
  });
  test.afterEach(async () => {
    await stopWorld(world);
  });

  test('the allowed tool gets the header; other origins, navigations and token requests do not', async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await connect(popup, world);
    await world.sandbox.admin.clearLog();

    const tool = await openTool(extension, world.tool.origin);
    const mine = await toolFetch(tool, `${world.sandbox.url}${ME}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: 208594004, extensionNumber: '101' });

    const other = await openTool(extension, world.otherTool.origin);
    expect((await toolFetch(other, `${world.sandbox.url}${ME}`)).status).toBe(401);

    const navigation = await extension.context.newPage();
    const response = await navigation.goto(`${world.sandbox.url}${ME}`);
    expect(response?.status()).toBe(401);

    const log = await world.sandbox.admin.log();
    const apiCalls = log.filter((entry) => entry.path === ME);
    expect(apiCalls.map((entry) => [entry.origin, entry.authScheme])).toEqual([
      [world.tool.origin, 'Bearer'],
      [world.otherTool.origin, 'none'],
      [null, 'none'],
    ]);
  });

  test("the worker's own token requests carry Basic, never Bearer", async ({ extension }) => {
    const popup = await openPopup(extension);
    await connect(popup, world);
    // A second token request while a Bearer rule is installed: the refresh.
    const [connection] = await call<{ connectionId: string }[]>(popup, 'connections.status');
    await call(popup, 'connections.refresh', { id: connection!.connectionId });
    const tokenRequests = (await world.sandbox.admin.log()).filter((e) => e.path === '/restapi/oauth/token');
    expect(tokenRequests.map((e) => [e.grantType, e.authScheme, e.status])).toEqual([
      ['urn:ietf:params:oauth:grant-type:jwt-bearer', 'Basic', 200],
      ['refresh_token', 'Basic', 200],
    ]);
  });

  test('lock removes every rule: the next request carries no header', async ({ extension }) => {
    const popup = await openPopup(extension);
    await connect(popup, world);
    const tool = await openTool(extension, world.tool.origin);
    expect((await toolFetch(tool, `${world.sandbox.url}${ME}`)).status).toBe(200);

    await call(popup, 'vault.lock');
    expect(await sessionRules(popup)).toEqual([]);
    // Revoking on lock is on by default: the server session is gone too.
    expect((await world.sandbox.admin.log()).filter((e) => e.path === '/restapi/oauth/revoke')).toHaveLength(
      1,
    );
    await world.sandbox.admin.clearLog();
    expect((await toolFetch(tool, `${world.sandbox.url}${ME}`)).status).toBe(401);
    const [entry] = (await world.sandbox.admin.log()).filter((e) => e.path === ME);
    expect(entry?.authScheme).toBe('none');
  });

  test('a killed service worker leaves injection working with a valid token', async ({ extension }) => {
    const popup = await openPopup(extension);
    await connect(popup, world);
    await killServiceWorker(extension, popup);
    const tool = await openTool(extension, world.tool.origin);
    expect((await toolFetch(tool, `${world.sandbox.url}${ME}`)).status).toBe(200);
    // The woken worker finds the same state: still injecting, no new exchange.
    const statuses = await call<{ state: string; injecting: boolean }[]>(popup, 'connections.status');
    expect(statuses).toEqual([expect.objectContaining({ state: 'active', injecting: true })]);
    const exchanges = (await world.sandbox.admin.log()).filter((e) => e.path === '/restapi/oauth/token');
    expect(exchanges).toHaveLength(1);
  });
});

test('no token, JWT or secret in the profile after unlock, traffic, lock and close', async () => {
  const world = await startWorld();
  const launched = await launch();
  try {
    const jwt = (await world.sandbox.admin.issueCredential({ userId: 208594004, label: canary('LBL') })).jwt;
    const popup = await openPopup(launched);
    await connect(popup, world, jwt);
    const rules = (await sessionRules(popup)) as { action: { requestHeaders?: { value: string }[] } }[];
    const token = rules.flatMap((r) => r.action.requestHeaders ?? [])[0]!.value.slice('Bearer '.length);
    const tool = await openTool(launched, world.tool.origin);
    for (let i = 0; i < 3; i += 1)
      expect((await toolFetch(tool, `${world.sandbox.url}${ME}`)).status).toBe(200);
    await call(popup, 'vault.lock');
    await launched.close();
    for (const secret of [jwt, token, world.sandbox.seed.apps.demo.clientSecret!]) {
      expect(await filesContaining(launched.userDataDir, secret)).toEqual([]);
    }
  } finally {
    await launched.close().catch(() => {});
    await removeProfile(launched.userDataDir);
    await stopWorld(world);
  }
});
