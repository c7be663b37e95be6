// Credentials through the popup, as a person uses it: import an app and a credential from a
// `.env` file, narrow a credential's allowed apps under a live connection (warned, confirmed,
// explained, and no longer authenticated), and replace a JWT — or edit without touching it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, openPopup } from './harness';
import { axeViolations, connectInForm, createVault, openPage, region } from './popup-steps';
import {
  envFileFor,
  ME,
  openTool,
  startWorld,
  stopWorld,
  tokenRequests,
  toolFetch,
  type World,
} from './world';

const ALICE = 208594004;
const BOB = 208594005;

function importForm(popup: Page) {
  return popup.getByRole('form', { name: 'Import from a .env file or a JWT' });
}

/** Opens the "Import from .env" page of the Credentials view. */
async function openImport(popup: Page): Promise<void> {
  await openPage(popup, 'Credentials', 'Import from .env', 'Import from a .env file or a JWT');
}

/** Opens the page of the credential labelled `label`: details, edit form, Delete. */
function openCredential(popup: Page, label: string) {
  return openPage(popup, 'Credentials', label);
}

/** Imports the sandbox's demo app and Alice's JWT from a `.env` file picked in the form. */
async function importFromEnvFile(popup: Page, world: World): Promise<void> {
  await openImport(popup);
  const form = importForm(popup);
  await form.getByLabel('Or choose a .env file').setInputFiles({
    name: '.env',
    mimeType: 'text/plain',
    buffer: Buffer.from(envFileFor(world)),
  });
  await expect(form.getByLabel('Client ID', { exact: true })).toHaveValue(
    world.sandbox.seed.apps.demo.clientId,
  );
  // Read, not shown: the secret and the JWT stay out of the text box.
  await expect(form.getByText('Read from the file .env.')).toBeVisible();
  await expect(form.getByLabel('.env contents or a JWT')).toHaveValue('');
  await form.getByLabel('App name').fill('Demo');
  await form.getByLabel('Credential label').fill('Alice');
  await form.getByRole('button', { name: 'Save app and credential' }).click();
  await expect(popup.getByRole('region', { name: 'Credentials' }).getByRole('listitem')).toContainText(
    'Alice',
  );
}

/** Alice's credential connected to the sandbox's API from the tool, through the form. */
async function connectAlice(popup: Page, world: World): Promise<void> {
  await connectInForm(popup, {
    credential: 'Alice',
    apiBaseUrl: `${world.sandbox.url}/restapi/`,
    toolOrigin: world.tool.origin,
  });
}

async function whoAmI(tool: Page, world: World): Promise<number | string> {
  const { status, body } = await toolFetch(tool, `${world.sandbox.url}${ME}`);
  return status === 200 ? (body as { id: number }).id : status;
}

test.describe('credentials in the popup', () => {
  let world: World;
  test.beforeEach(async () => {
    world = await startWorld();
  });
  test.afterEach(async () => {
    await stopWorld(world);
  });

  test('a pasted .env fills the app and credential forms; saving registers both, and a second import reuses the app', async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await createVault(popup);
    const demo = world.sandbox.seed.apps.demo;

    await openImport(popup);
    const form = importForm(popup);
    await form.getByLabel('.env contents or a JWT').fill("RC_USER_JWT = 'not-a-jwt'");
    await expect(form.getByRole('alert')).toContainText('RC_USER_JWT');

    await form.getByLabel('.env contents or a JWT').fill(envFileFor(world));
    await expect(form.getByRole('alert')).toHaveCount(0);
    await expect(form.getByLabel('Client ID', { exact: true })).toHaveValue(demo.clientId);
    await expect(form.getByLabel('Server URL')).toHaveValue(world.sandbox.url);
    const secret = form.getByLabel('Client secret');
    await expect(secret).toHaveAttribute('type', 'password');
    await expect(secret).toHaveValue(demo.clientSecret!);
    await expect(form.getByLabel('Imported JWT, decoded')).toContainText(String(ALICE));
    await expect(form.getByRole('list', { name: 'Allowed client IDs' })).toContainText(demo.clientId);
    expect(await axeViolations(popup)).toEqual([]);
    await form.getByLabel('App name').fill('Demo');
    await form.getByLabel('Credential label').fill('Alice');
    await form.getByRole('button', { name: 'Save app and credential' }).click();

    await expect((await region(popup, 'Apps')).getByRole('listitem')).toContainText(demo.clientId);
    const credential = (await region(popup, 'Credentials')).getByRole('listitem');
    await expect(credential).toContainText('Alice');
    await expect(credential).toContainText('Only: Demo');
    // The form closed: neither the secret nor the JWT stays in the page.
    const content = await popup.content();
    expect(content).not.toContain(demo.clientSecret!);
    expect(content).not.toContain(world.sandbox.jwts.demo);

    // The same app again: reused, not duplicated.
    await openImport(popup);
    await importForm(popup)
      .getByLabel('.env contents or a JWT')
      .fill(envFileFor(world, world.sandbox.jwts.bob));
    await expect(importForm(popup).getByRole('status')).toContainText('"Demo"');
    await expect(importForm(popup).getByRole('status')).toContainText('is already registered');
    await importForm(popup).getByLabel('Credential label').fill('Bob');
    await importForm(popup).getByRole('button', { name: 'Save credential' }).click();
    await expect((await region(popup, 'Credentials')).getByRole('listitem')).toHaveCount(2);
    await expect((await region(popup, 'Apps')).getByRole('listitem')).toHaveCount(1);

    // The imported pair really works: a connection through it authenticates the tool.
    await connectAlice(popup, world);
    const tool = await openTool(extension, world.tool.origin);
    await expect.poll(() => whoAmI(tool, world)).toBe(ALICE);
  });

  test("narrowing a credential's allowed apps under a connection warns, then stops it with an explanation", async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await createVault(popup);
    await importFromEnvFile(popup, world);
    await connectAlice(popup, world);
    const tool = await openTool(extension, world.tool.origin);
    await expect.poll(() => whoAmI(tool, world)).toBe(ALICE);

    const page = await openCredential(popup, 'Alice');
    const editor = page.getByRole('form', { name: 'Edit Alice' });
    await expect(editor.getByLabel('Label')).toHaveValue('Alice');
    await editor.getByRole('button', { name: 'Remove Demo' }).click();
    await editor.getByLabel('Add client IDs (one per line)').fill('SomeOtherClient0009');
    await editor.getByRole('button', { name: 'Save changes' }).click();

    const warning = editor.getByRole('alert');
    await expect(warning).toContainText('This change stops 1 connection');
    await expect(warning).toContainText(`${world.sandbox.url}/restapi/`);
    await expect(warning).toContainText(`"Demo" (client ID ${world.sandbox.seed.apps.demo.clientId})`);
    expect(await axeViolations(popup)).toEqual([]);
    // Nothing saved yet: the connection still works.
    expect(await whoAmI(tool, world)).toBe(ALICE);
    await warning.getByRole('button', { name: 'Save and stop 1 connection' }).click();
    await expect(editor).toHaveCount(0);

    const credentials = popup.getByRole('region', { name: 'Credentials' });
    await expect(credentials.getByRole('listitem')).toContainText('Only: SomeOtherClient0009');
    const connection = (await region(popup, 'Connections')).getByRole('listitem');
    await expect(connection.locator('.chip')).toHaveText('stopped: app not allowed');
    await expect(connection).toContainText(
      `The credential "Alice" no longer allows the app "Demo" (client ID ${world.sandbox.seed.apps.demo.clientId}). Edit the credential or choose another app for this connection.`,
    );
    expect(await axeViolations(popup)).toEqual([]);
    // Kept, but no longer authenticated; its session was revoked.
    await world.sandbox.admin.clearLog();
    expect(await whoAmI(tool, world)).toBe(401);
    const [apiCall] = (await world.sandbox.admin.log()).filter((entry) => entry.path === ME);
    expect(apiCall?.authScheme).toBe('none');
    expect(await call<unknown[]>(popup, 'connections.list')).toHaveLength(1);
  });

  test('a plain edit keeps the JWT working; "Replace JWT" makes the next exchange use the new one', async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await createVault(popup);
    await importFromEnvFile(popup, world);
    await connectAlice(popup, world);
    const tool = await openTool(extension, world.tool.origin);
    await expect.poll(() => whoAmI(tool, world)).toBe(ALICE);
    const exchangesBefore = tokenRequests(await world.sandbox.admin.log()).length;

    let page = await openCredential(popup, 'Alice');
    // The page says what kind of credential it is, who it is for and which connection uses it.
    const facts = page.getByRole('definition');
    await expect(facts.nth(0)).toHaveText('RingCentral personal JWT');
    await expect(facts.nth(1)).toHaveText(String(ALICE));
    await expect(page.getByRole('list', { name: 'Connections using it' })).toContainText(
      `${world.sandbox.url}/restapi/`,
    );
    let editor = page.getByRole('form', { name: 'Edit Alice' });
    await expect(editor.getByLabel('Current JWT, decoded')).toContainText(String(ALICE));
    await expect(editor.getByLabel('New JWT')).toHaveCount(0);
    await editor.getByLabel('Notes').fill('the ops user');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect(editor).toHaveCount(0);
    // Saved: back on the list, its heading focused.
    await expect(popup.getByRole('heading', { name: 'Credentials', level: 2 })).toBeFocused();
    // Same JWT, same token: no new exchange, still authenticated.
    expect(await whoAmI(tool, world)).toBe(ALICE);
    expect(tokenRequests(await world.sandbox.admin.log())).toHaveLength(exchangesBefore);

    page = await openCredential(popup, 'Alice');
    editor = page.getByRole('form', { name: 'Edit Alice' });
    await expect(editor.getByLabel('Notes')).toHaveValue('the ops user');
    await editor.getByRole('button', { name: 'Replace JWT' }).click();
    await editor.getByLabel('New JWT').fill(world.sandbox.jwts.bob);
    await expect(editor.getByLabel('New JWT, decoded')).toContainText(String(BOB));
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect(editor).toHaveCount(0);
    await expect(popup.getByRole('region', { name: 'Credentials' }).getByRole('listitem')).toContainText(
      `user ${BOB}`,
    );
    await expect.poll(() => whoAmI(tool, world)).toBe(BOB);
    expect(await popup.content()).not.toContain(world.sandbox.jwts.bob);
  });
});
