// Connections through the popup, as a person sets one up: first run, the app, the credential
// (pasted JWT), then the connection — and a tool page's requests are authenticated. Then the
// connection's own actions: test request, refresh now, disable, delete.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPopup } from './harness';
import { axeViolations, createVault, openPage, region } from './popup-steps';
import {
  injectedToken,
  ME,
  openTool,
  REFRESH_GRANT,
  startWorld,
  stopWorld,
  tokenRequests,
  toolFetch,
  type World,
} from './world';

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
  await connections.getByRole('button', { name: 'Add connection' }).click();
  const form = popup.getByRole('form', { name: 'Add a connection' });
  await expect(form.getByLabel('Credential')).toHaveValue(/.+/);
  await expect(form.getByRole('combobox', { name: 'App' })).toContainText('Demo');
  await expect(form.getByLabel('API base URL')).toHaveValue(`${world.sandbox.url}/restapi/`);
  await form.getByLabel('Tool origins (one per line)').fill(`${toolOrigin}/swagger`);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form.getByRole('alert')).toContainText('The tool origin on line 1 must be an origin');
  expect(await axeViolations(popup, 'section[aria-labelledby="connections-title"]')).toEqual([]);
  await form.getByLabel('Tool origins (one per line)').fill(toolOrigin);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form).toHaveCount(0);
}

async function whoAmI(tool: Page, world: World): Promise<number> {
  return (await toolFetch(tool, `${world.sandbox.url}${ME}`)).status;
}

test.describe('connections in the popup', () => {
  let world: World;
  test.beforeEach(async () => {
    world = await startWorld();
  });
  test.afterEach(async () => {
    await stopWorld(world);
  });

  test('first run → app → credential → connection authenticates a tool; test, refresh, disable and delete it', async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await createVault(popup);
    await addApp(popup, world);
    await addCredential(popup, world);
    await addConnection(popup, world, world.tool.origin);

    const item = (await region(popup, 'Connections')).getByRole('listitem');
    await expect(item).toContainText(`Alice → ${world.sandbox.url}/restapi/`);
    await expect(item.locator('.chip')).toHaveText('active');
    await expect(item).toContainText('token #1');
    const tool = await openTool(extension, world.tool.origin);
    expect(await whoAmI(tool, world)).toBe(200);
    // A tab in the background gets few animation frames: Playwright's clicks would wait for them.
    await popup.bringToFront();

    await item.getByRole('button', { name: 'Test request' }).click();
    const result = item.getByRole('status');
    await expect(result).toContainText(`${world.sandbox.url}/restapi/v1.0/account/~/extension/~`);
    await expect(result).toContainText(/Response\s*200/);
    await expect(result).toContainText('Header appliedyes: tool requests get this token');
    await expect(result).toContainText(/Took\s*\d+ ms/);
    expect(await axeViolations(popup, 'section[aria-labelledby="connections-title"]')).toEqual([]);
    // Masked: the hint is in the popup, the token is not.
    const token = await injectedToken(popup);
    await expect(result).toContainText(`Token${token!.slice(0, 4)}…`);
    expect(await popup.content()).not.toContain(token!);

    await item.getByRole('button', { name: 'Refresh now' }).click();
    await expect(item).toContainText('token #2');
    await expect(item.locator('.chip')).toHaveText('active');
    expect(tokenRequests(await world.sandbox.admin.log()).at(-1)?.grantType).toBe(REFRESH_GRANT);
    expect(await injectedToken(popup)).not.toBe(token);
    expect(await whoAmI(tool, world)).toBe(200);

    await item.getByRole('button', { name: 'Disable' }).click();
    await expect(item.locator('.chip')).toHaveText('disabled');
    expect(await whoAmI(tool, world)).toBe(401);
    await item.getByRole('button', { name: 'Enable' }).click();
    await expect(item.locator('.chip')).toHaveText('active');
    expect(await whoAmI(tool, world)).toBe(200);

    await item.getByRole('button', { name: 'Delete' }).click();
    await item.getByRole('button', { name: 'Delete connection' }).click();
    await expect(item).toHaveCount(0);
    await expect(await region(popup, 'Connections')).toContainText('No connections yet.');
    expect(await whoAmI(tool, world)).toBe(401);
  });

  test('a tool host the browser has not granted: saved, and shown as "permission missing" with Grant access', async ({
    extension,
  }) => {
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
});
