// Confirmed destinations, as a person (or someone at their unlocked browser) meets them in the
// popup: every change that would send a stored secret to a new place asks for the master
// password in place, and a second server — a second sandbox — records zero requests until it is
// given, then the expected ones. A wrong password counts toward the unlock throttle; Reveal and
// Copy ask once per grace period (always with 0); a restore that replaces a server lists the
// change, old → new, and asks; a first-run set-up asks only once (for the vault itself).
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { type LogEntry, type Sandbox, startSandbox } from '../../sandbox/index';
import { expect, test } from './fixtures';
import { call, openPopup } from './harness';
import {
  askEveryTime,
  connectInForm,
  createVault,
  editToolOrigins,
  openConnection,
  openPage,
  region,
} from './popup-steps';
import {
  connect,
  envFileFor,
  JWT_GRANT,
  ME,
  PASSWORD,
  startWorld,
  stopWorld,
  TOKEN_PATH,
  type World,
} from './world';

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'destinations-shots');

let world: World;
/** The new place: a server the vault's secrets have never been sent to. */
let second: Sandbox;

test.beforeEach(async () => {
  world = await startWorld();
  second = await startSandbox({ testMode: true, rateLimit: false });
});
test.afterEach(async () => {
  await Promise.all([stopWorld(world), second.close()]);
});

/** The vault with the demo connection (set up through the worker), and the popup showing it. */
async function connectedPopup(extension: Parameters<typeof openPopup>[0]): Promise<Page> {
  const popup = await openPopup(extension);
  await connect(popup, world);
  await popup.reload();
  await popup.setViewportSize({ width: 400, height: 600 });
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
  return popup;
}

function prompt(popup: Page): Locator {
  return popup.getByRole('form', { name: 'Confirm with the master password' });
}

async function confirmWith(popup: Page, password: string): Promise<void> {
  await prompt(popup).getByLabel('Master password').fill(password);
  await prompt(popup).getByRole('button', { name: 'Confirm' }).click();
}

/**
 * Ends the grace period of the last confirmation (creating the vault) instead of waiting two
 * minutes: the stamp the worker keeps in storage.session now says it was given long ago.
 */
async function endGracePeriod(popup: Page): Promise<void> {
  await popup.evaluate(() => chrome.storage.session.set({ 'vault.confirmed': { at: 1, until: 2 } }));
}

async function secondLog(): Promise<LogEntry[]> {
  return second.admin.log();
}

/** The JWT exchange the worker makes, as the second server logs it. */
function exchanges(log: LogEntry[]): LogEntry[] {
  return log.filter((entry) => entry.path === TOKEN_PATH && entry.grantType === JWT_GRANT);
}

async function shoot(popup: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await prompt(popup).scrollIntoViewIfNeeded();
    await popup.screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}.png`) });
  }
  await popup.emulateMedia({ colorScheme: null });
}

test("editing an app's server asks for the master password; the new server hears nothing until then", async ({
  extension,
}) => {
  const popup = await connectedPopup(extension);
  await askEveryTime(popup);
  const page = await openPage(popup, 'Apps', 'Demo');
  const form = page.getByRole('form', { name: 'Edit Demo' });
  await form.getByLabel('Server URL').fill(second.url);
  await form.getByRole('button', { name: 'Save changes' }).click();

  await expect(prompt(popup)).toBeVisible();
  await expect(prompt(popup).getByLabel('Master password')).toBeFocused();
  await shoot(popup, 'confirm-app-server');
  // Nothing written, nothing sent: the app still points home, the new server has heard nothing.
  expect((await call<{ serverUrl: string }[]>(popup, 'apps.list'))[0]?.serverUrl).toBe(world.sandbox.url);
  expect(await secondLog()).toEqual([]);

  await confirmWith(popup, 'not the master password');
  await expect(prompt(popup).getByRole('alert')).toHaveText('The master password is not correct.');
  expect(await secondLog()).toEqual([]);

  await confirmWith(popup, PASSWORD);
  await expect(prompt(popup)).toHaveCount(0);
  // Saved: back on the list, which shows the new server.
  await expect(popup.getByRole('region', { name: 'Apps' }).getByRole('listitem').first()).toContainText(
    second.url,
  );
  // Now the worker takes the JWT and the client secret to the confirmed server.
  await expect.poll(async () => exchanges(await secondLog()).length).toBeGreaterThan(0);
  const [exchange] = exchanges(await secondLog());
  expect(exchange?.clientId).toBe(world.sandbox.seed.apps.demo.clientId);
  expect(exchange?.authScheme).toBe('Basic');
});

test('a wrong master password in the prompt counts toward the unlock throttle', async ({ extension }) => {
  const popup = await connectedPopup(extension);
  await askEveryTime(popup);
  const page = await openPage(popup, 'Apps', 'Demo');
  const form = page.getByRole('form', { name: 'Edit Demo' });
  await form.getByLabel('Server URL').fill(second.url);
  await form.getByRole('button', { name: 'Save changes' }).click();
  for (let attempt = 0; attempt < 3; attempt++) {
    await confirmWith(popup, `wrong ${attempt}`);
    await expect(prompt(popup).getByRole('alert')).toHaveText('The master password is not correct.');
  }
  // The right password is refused too while the delay runs: no way round the throttle.
  await confirmWith(popup, PASSWORD);
  await expect(prompt(popup).getByRole('alert')).toContainText('Too many wrong passwords.');
  expect(await secondLog()).toEqual([]);
  // The same counter as unlocking: the lock screen counts down at once.
  await popup.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(popup.getByText(/Too many wrong passwords\. Try again in \d+ s\./)).toBeVisible();
  expect(await secondLog()).toEqual([]);
});

test('a connection through an app on another server asks before the JWT goes there', async ({
  extension,
}) => {
  const popup = await connectedPopup(extension);
  await askEveryTime(popup);
  // Registering the app asks nothing: its secret is the one typed now, not a stored one.
  const addPage = await openPage(popup, 'Apps', 'Add app', 'Add an app');
  const appForm = addPage.getByRole('form', { name: 'Add an app' });
  await appForm.getByLabel('App name').fill('Elsewhere');
  await appForm.getByLabel('Client ID').fill('elsewhere-client-id');
  await appForm.getByLabel('Client secret (leave empty if the app has none)').fill('elsewhere secret');
  await appForm.getByLabel('Server URL').fill(second.url);
  await appForm.getByRole('button', { name: 'Save app' }).click();
  await expect(popup.getByRole('region', { name: 'Apps' }).getByText('elsewhere-client-id')).toBeVisible();
  await expect(prompt(popup)).toHaveCount(0);

  // Alice allows every app of the organization: a connection through the new one would send
  // her JWT to the new server.
  const connections = await region(popup, 'Connections');
  await connections.getByRole('link', { name: 'Add connection' }).click();
  const form = popup.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('App').selectOption({ label: 'Elsewhere (elsewhere-client-id)' });
  await form.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(prompt(popup)).toBeVisible();
  expect(await call<unknown[]>(popup, 'connections.list')).toHaveLength(1);
  expect(await secondLog()).toEqual([]);

  await confirmWith(popup, PASSWORD);
  await expect(form).toHaveCount(0);
  await expect.poll(async () => exchanges(await secondLog()).length).toBeGreaterThan(0);
  expect(exchanges(await secondLog())[0]?.clientId).toBe('elsewhere-client-id');
});

test("a connection's new API asks before its token goes there, and so does the test request", async ({
  extension,
}) => {
  const popup = await connectedPopup(extension);
  await askEveryTime(popup);
  const home = `Alice → ${world.sandbox.url}/restapi/`;
  const connection = await openConnection(popup, home);
  const edit = async () => {
    await connection.getByRole('button', { name: /^Edit / }).click();
    const form = connection.getByRole('form', { name: 'Edit connection' });
    await form.getByLabel('API base URL').fill(`${second.url}/restapi/`);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(prompt(popup)).toBeVisible();
  };

  await edit();
  expect(await secondLog()).toEqual([]);
  // Cancelled: the connection keeps its API, and its test request goes there, not to the new one.
  await prompt(popup).getByRole('button', { name: 'Cancel' }).click();
  await expect(prompt(popup)).toHaveCount(0);
  await connection.getByRole('button', { name: 'Cancel' }).click();
  await connection.getByRole('button', { name: `Test request ${home}` }).click();
  await expect(connection.getByRole('status').filter({ hasText: 'Response' })).toContainText('200');
  expect(await secondLog()).toEqual([]);

  await edit();
  await confirmWith(popup, PASSWORD);
  // Saved: the page is now the moved connection's, under its new name.
  const moved = `Alice → ${second.url}/restapi/`;
  const movedPage = popup.getByRole('region', { name: moved, exact: true });
  await movedPage.getByRole('button', { name: `Test request ${moved}` }).click();
  await expect(movedPage.getByRole('status').filter({ hasText: 'Response' })).toBeVisible();
  const apiCalls = (await secondLog()).filter((entry) => entry.path === ME);
  expect(apiCalls).toHaveLength(1);
  expect(apiCalls[0]?.authScheme).toBe('Bearer');
  // The JWT itself never went there: the app did not change.
  expect(exchanges(await secondLog())).toEqual([]);
});

test('a new tool origin asks before its pages may use the token', async ({ extension }) => {
  const popup = await connectedPopup(extension);
  await askEveryTime(popup);
  await editToolOrigins(popup, `Alice → ${world.sandbox.url}/restapi/`, [
    world.tool.origin,
    world.otherTool.origin,
  ]);
  await expect(prompt(popup)).toBeVisible();
  await expect(prompt(popup)).toContainText(world.otherTool.origin);
  // Not yet confirmed: the connection still lists the one origin it had.
  const [before] = await call<{ toolOrigins: string[] }[]>(popup, 'connections.list');
  expect(before?.toolOrigins).toEqual([world.tool.origin]);
  await confirmWith(popup, PASSWORD);
  await expect(prompt(popup)).toHaveCount(0);
  const [after] = await call<{ toolOrigins: string[] }[]>(popup, 'connections.list');
  expect(after?.toolOrigins).toEqual([world.tool.origin, world.otherTool.origin]);
});

test('Reveal and Copy ask once per grace period, again after it, and every time with 0', async ({
  extension,
}) => {
  const popup = await connectedPopup(extension);
  const apps = await openPage(popup, 'Apps', 'Demo');
  const reveal = apps.getByRole('button', { name: 'Reveal client secret of Demo' });
  const hide = apps.getByRole('button', { name: 'Hide client secret of Demo' });
  const copy = apps.getByRole('button', { name: 'Copy client secret of Demo' });
  const secret = world.sandbox.seed.apps.demo.clientSecret!;

  await endGracePeriod(popup);
  await reveal.click();
  await expect(prompt(popup)).toBeVisible();
  await shoot(popup, 'confirm-reveal');
  await expect(apps.locator('code.secret')).not.toContainText(secret);
  await confirmWith(popup, PASSWORD);
  await expect(apps.locator('code.secret')).toHaveText(secret);
  await hide.click();
  // Within the grace period: Copy asks nothing.
  await copy.click();
  await expect(apps.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  await expect(prompt(popup)).toHaveCount(0);

  await endGracePeriod(popup);
  await copy.click();
  await expect(prompt(popup)).toBeVisible();
  await confirmWith(popup, PASSWORD);
  await expect(prompt(popup)).toHaveCount(0);
  await expect(apps.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();

  await askEveryTime(popup);
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await popup
      .getByRole('form', { name: 'Auto-lock and confirmations' })
      .screenshot({ path: path.join(SHOTS, `settings-grace-${colorScheme}.png`) });
  }
  await popup.emulateMedia({ colorScheme: null });
  await openPage(popup, 'Apps', 'Demo');
  for (let time = 0; time < 2; time++) {
    await reveal.click();
    await expect(prompt(popup)).toBeVisible();
    await confirmWith(popup, PASSWORD);
    await expect(apps.locator('code.secret')).toHaveText(secret);
    await hide.click();
  }
});

test('the restore preview lists "server: A → B", and replacing needs the master password', async ({
  extension,
}) => {
  const popup = await connectedPopup(extension);
  const app = (await call<{ id: string; name: string; clientId: string }[]>(popup, 'apps.list'))[0]!;
  const moveTo = (serverUrl: string) =>
    call(popup, 'apps.save', { app: { id: app.id, name: app.name, clientId: app.clientId, serverUrl } });
  // A backup made while the app pointed at the second server, then the app moved back home.
  await moveTo(second.url);
  const backupPassword = 'correct horse battery staple';
  const { content } = await call<{ content: string }>(popup, 'backup.create', {
    password: PASSWORD,
    backupPassword,
  });
  await moveTo(world.sandbox.url);
  const file = path.join(tmpdir(), `backup-${crypto.randomUUID()}.json`);
  await writeFile(file, content);
  await second.admin.clearLog();
  await endGracePeriod(popup);
  await popup.reload();

  const restore = await openPage(popup, 'Settings', 'Restore from a backup');
  const form = restore.getByRole('form', { name: 'Restore from a backup' });
  await form.getByLabel('Backup file').setInputFiles(file);
  await form.getByLabel('Backup password', { exact: true }).fill(backupPassword);
  await form.getByRole('button', { name: 'Preview the restore' }).click();
  const changes = form.getByRole('list', { name: 'Replacing would send secrets to new places' });
  await expect(changes).toContainText(`server: ${world.sandbox.url} → ${second.url}`);
  await form.getByLabel('Replace with the backup’s').check();
  await form.getByRole('button', { name: 'Restore' }).click();
  await expect(prompt(popup)).toBeVisible();
  await shoot(popup, 'confirm-restore');
  expect((await call<{ serverUrl: string }[]>(popup, 'apps.list'))[0]?.serverUrl).toBe(world.sandbox.url);
  expect(await secondLog()).toEqual([]);

  await confirmWith(popup, PASSWORD);
  await expect(form.getByRole('status')).toContainText('Restore finished');
  await expect.poll(async () => exchanges(await secondLog()).length).toBeGreaterThan(0);
});

test('a first-run set-up asks for the master password only once: to create the vault', async ({
  extension,
}) => {
  const popup = await openPopup(extension);
  await createVault(popup);
  const importPage = await openPage(
    popup,
    'Credentials',
    'Import from .env',
    'Import from a .env file or a JWT',
  );
  const importForm = importPage.getByRole('form', { name: 'Import from a .env file or a JWT' });
  await importForm.getByLabel('.env contents or a JWT').fill(envFileFor(world));
  await importForm.getByLabel('App name').fill('Demo');
  await importForm.getByLabel('Credential label').fill('Alice');
  await importForm.getByRole('button', { name: 'Save app and credential' }).click();
  await expect(popup.getByRole('region', { name: 'Credentials' }).getByRole('listitem')).toContainText(
    'Alice',
  );
  // The connection sends Alice's JWT to the app's server for the first time: covered by the
  // confirmation that creating the vault was.
  await connectInForm(popup, {
    credential: 'Alice',
    apiBaseUrl: `${world.sandbox.url}/restapi/`,
    toolOrigin: world.tool.origin,
  });
  await expect(prompt(popup)).toHaveCount(0);
});
