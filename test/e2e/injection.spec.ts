// Bearer injection in real Chromium against the sandbox: only the allowed tool origin's
// fetches to the configured API get the header; navigations and the worker's own token
// requests never do; lock removes it; a killed worker does not stop it.
import { expect, test } from './fixtures';
import {
  call,
  canary,
  filesContaining,
  killServiceWorker,
  launch,
  openPopup,
  removeProfile,
} from './harness';
import { region } from './popup-steps';
import {
  connect,
  injectedToken,
  ME,
  openTool,
  sessionRules,
  startWorld,
  stopWorld,
  toolFetch,
  type World,
} from './world';

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

    const other = await openTool(extension, world.otherTool.origin, { pinned: false });
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

  test('the popup lists the credential, and the connection as active with its token lifetime', async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await connect(popup, world);
    await popup.reload();
    const credential = (await region(popup, 'Credentials')).getByRole('listitem');
    await expect(credential).toContainText('Alice');
    await expect(credential).toContainText('All apps of my organization');
    await expect(credential).toContainText(/JWT expires \w/);
    const item = (await region(popup, 'Connections')).getByRole('listitem');
    await expect(item).toContainText('Alice');
    await expect(item).toContainText(`${world.sandbox.url}/restapi/`);
    await expect(item).toContainText(`from ${world.tool.origin} only: no tab is open on it`);
    await expect(item.locator('.chip')).toHaveText('active');
    await expect(item.getByRole('meter')).toHaveAttribute('aria-label', /^Token lifetime left: \d+%$/);
    await openTool(extension, world.tool.origin);
    await expect(item).toContainText(`from ${world.tool.origin} only: 1 tab`);
    const token = await injectedToken(popup);
    expect(token).toMatch(/\S{8,}/);
    expect(await popup.content()).not.toContain(token!);
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
    const tool = await openTool(launched, world.tool.origin);
    const token = (await injectedToken(popup))!;
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
