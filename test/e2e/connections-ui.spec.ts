// Connections through the popup, as a person sets one up: first run, the app, the credential
// (pasted JWT), then the connection — and a tool page's requests are authenticated. Then the
// connection's own actions: test request, refresh now, disable, delete.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, openPopup } from './harness';
import { axeViolations, createVault, openConnection, openPage, region } from './popup-steps';
import {
  connect,
  injectedToken,
  ME,
  openTool,
  PASSWORD,
  REFRESH_GRANT,
  tokenRequests,
  toolFetch,
  type World,
  worldPerTest,
} from './world';

/** The toolbar popup's size in Chromium. */
const POPUP_SIZE = { width: 380, height: 600 };

async function addApp(popup: Page, world: World): Promise<void> {
  const demo = world.sandbox.seed.apps.demo;
  await openPage(popup, 'Apps', 'Add app', 'Add an app');
  const form = popup.getByRole('form', { name: 'Add an app' });
  await form.getByLabel('App name').fill('Demo');
  await form.getByLabel('Client ID').fill(demo.clientId);
  await form.getByLabel('Client secret').fill(demo.clientSecret);
  await form.getByLabel('Server URL').fill(world.sandbox.url);
  await form.getByRole('button', { name: 'Save app' }).click();
  await expect(popup.getByRole('region', { name: 'Apps' }).getByRole('listitem')).toContainText('Demo');
}

async function addCredential(popup: Page, world: World): Promise<void> {
  await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  const form = popup.getByRole('form', { name: 'Add a credential' });
  await form.getByLabel('Label').fill('Alice');
  await form.getByLabel('JWT', { exact: true }).fill(world.sandbox.jwts.demo);
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(popup.getByRole('region', { name: 'Credentials' }).getByRole('listitem')).toContainText(
    'Alice',
  );
}

/** The connection form, filled with the sandbox's API (the app's default) and the given tool. */
async function addConnection(popup: Page, world: World, toolOrigin: string): Promise<void> {
  const connections = await region(popup, 'Connections');
  await connections.getByRole('link', { name: 'Add connection' }).click();
  const form = popup.getByRole('form', { name: 'Add a connection' });
  await expect(form.getByLabel('Credential')).toHaveValue(/.+/);
  await expect(form.getByRole('combobox', { name: 'App' })).toContainText('Demo');
  await expect(form.getByLabel('API base URL')).toHaveValue(`${world.sandbox.url}/restapi/`);
  await form.getByLabel('Tool origins (one per line)').fill(`${toolOrigin}/swagger`);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form.getByRole('alert')).toContainText('The tool origin on line 1 must be an origin');
  expect(await axeViolations(popup, 'section[aria-labelledby="new-connection-title"]')).toEqual([]);
  await form.getByLabel('Tool origins (one per line)').fill(toolOrigin);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form).toHaveCount(0);
}

async function whoAmI(tool: Page, world: World): Promise<number> {
  return (await toolFetch(tool, `${world.sandbox.url}${ME}`)).status;
}

test.describe('connections in the popup', () => {
  const current = worldPerTest();

  test('first run → app → credential → connection authenticates a tool; test, refresh, disable and delete it', async ({
    extension,
  }) => {
    const { world } = current;
    const popup = await openPopup(extension);
    await createVault(popup);
    await addApp(popup, world);
    await addCredential(popup, world);
    await addConnection(popup, world, world.tool.origin);

    const name = `Alice → ${world.sandbox.url}/restapi/`;
    const item = (await region(popup, 'Connections')).getByRole('listitem');
    await expect(item.getByRole('link', { name })).toBeVisible();
    await expect(item.locator('.chip')).toHaveText('active');
    await expect(item).toContainText(/token #1 · \d+ min left/);
    const tool = await openTool(extension, world.tool.origin);
    expect(await whoAmI(tool, world)).toBe(200);
    // A tab in the background gets few animation frames: Playwright's clicks would wait for them.
    await popup.bringToFront();

    // On the card, one click each: the test request's outcome in a line, and a new token.
    await item.getByRole('button', { name: `Test request ${name}` }).click();
    await expect(item.getByRole('status')).toContainText(/Test: Response 200 · header applied · \d+ ms/);
    await item.getByRole('button', { name: `Refresh now ${name}` }).click();
    await expect(item).toContainText('token #2');
    await expect(item.locator('.chip')).toHaveText('active');
    expect(tokenRequests(await world.sandbox.admin.log()).at(-1)?.grantType).toBe(REFRESH_GRANT);
    expect(await whoAmI(tool, world)).toBe(200);

    // Its page: everything about it, and everything to do with it.
    const page = await openConnection(popup, name);
    await expect(page).toContainText(`Demo (${world.sandbox.seed.apps.demo.clientId})`);
    await expect(page).toContainText(`${world.tool.origin}1 tool tab open`);
    await expect(page).toContainText(/#2, expires at .+ \(\d+ min left\)/);
    await page.getByRole('button', { name: `Test request ${name}` }).click();
    const result = page.getByRole('status');
    await expect(result).toContainText(`${world.sandbox.url}/restapi/v1.0/account/~/extension/~`);
    await expect(result).toContainText(/Response\s*200/);
    await expect(result).toContainText('Header appliedyes: tool requests get this token');
    await expect(result).toContainText(/Took\s*\d+ ms/);
    expect(await axeViolations(popup, 'section[aria-labelledby="connection-title"]')).toEqual([]);
    // Masked: the hint is in the popup, the token is not.
    const token = await injectedToken(popup);
    await expect(result).toContainText(`Token${token!.slice(0, 4)}…`);
    expect(await popup.content()).not.toContain(token!);

    await page.getByRole('button', { name: `Refresh now ${name}` }).click();
    await expect(page).toContainText(/#3, expires at/);
    expect(await injectedToken(popup)).not.toBe(token);
    expect(await whoAmI(tool, world)).toBe(200);

    await page.getByRole('button', { name: `Disable ${name}` }).click();
    await expect(page.locator('.chip')).toHaveText('disabled');
    expect(await whoAmI(tool, world)).toBe(401);
    await page.getByRole('button', { name: `Enable ${name}` }).click();
    await expect(page.locator('.chip')).toHaveText('active');
    expect(await whoAmI(tool, world)).toBe(200);

    await page.getByRole('button', { name: 'Delete connection' }).click();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    const connections = popup.getByRole('region', { name: 'Connections' });
    await expect(connections).toContainText('No connections yet.');
    expect(await whoAmI(tool, world)).toBe(401);
    // Back to the page of the connection that is gone: it says so, and leads home.
    await popup.goBack();
    const gone = popup.getByRole('region', { name: 'Connection not found' });
    await expect(gone).toContainText('it may have been deleted');
    await gone.getByRole('link', { name: 'Back to Home' }).click();
    await expect(connections).toBeVisible();
  });

  test('a tool host the browser has not granted: saved, and shown as "permission missing" with Grant access', async ({
    extension,
  }) => {
    const { world } = current;
    const popup = await openPopup(extension);
    await createVault(popup);
    await addApp(popup, world);
    await addCredential(popup, world);
    // 127.0.0.2 is not in the manifest's host permissions: Save asks the browser, whose prompt
    // headless Chromium never answers — the connection is saved without waiting for it.
    await addConnection(popup, world, world.otherTool.origin);

    const item = (await region(popup, 'Connections')).getByRole('listitem');
    await expect(item).toContainText(`from ${world.otherTool.origin}`);
    await expect(item.locator('.chip')).toHaveText('not injecting: permission missing');
    await expect(item.getByRole('button', { name: 'Grant access' })).toBeVisible();
    expect(await axeViolations(popup, 'section[aria-labelledby="connections-title"]')).toEqual([]);
    const tool = await openTool(extension, world.otherTool.origin, { pinned: false });
    expect(await whoAmI(tool, world)).toBe(401);
  });

  test('Home shows five connections at the popup size without scrolling', async ({ extension }) => {
    const { world } = current;
    const popup = await openPopup(extension);
    await connect(popup, world);
    const [saved] = await call<{ credentialId: string; appId: string }[]>(popup, 'connections.list');
    // Four more, each for its own tool port: five cards, each with its chip and token line.
    for (let port = 3001; port <= 3004; port += 1) {
      await call(popup, 'connections.save', {
        connection: {
          credentialId: saved!.credentialId,
          appId: saved!.appId,
          apiBaseUrl: `${world.sandbox.url}/restapi/`,
          toolOrigins: [`http://localhost:${port}`],
          enabled: true,
        },
        password: PASSWORD,
      });
    }
    await popup.setViewportSize(POPUP_SIZE);
    await popup.reload();
    const cards = (await region(popup, 'Connections')).getByRole('listitem');
    await expect(cards).toHaveCount(5);
    await expect(cards.locator('.chip').getByText('active', { exact: true })).toHaveCount(5, {
      timeout: 30_000,
    });
    const fifth = await cards.nth(4).boundingBox();
    expect(await popup.evaluate(() => window.scrollY)).toBe(0);
    expect(fifth!.y + fifth!.height).toBeLessThanOrEqual(POPUP_SIZE.height);
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      await popup.screenshot({ path: `test-results/screenshots/home-five-connections-${colorScheme}.png` });
    }
  });
});
