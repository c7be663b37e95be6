// Every view of the popup and every form it opens, at popup size, in both colour schemes:
// axe-core finds no violation, and a screenshot of each lands in test-results/screenshots for a
// reviewer. Then the keyboard alone walks through first run, every page's form and the lock.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { audit, type Finding, POPUP_SIZE } from './audit';
import { expect, test } from './fixtures';
import { call, openPopup } from './harness';
import { createVault, openConnection, openPage, region } from './popup-steps';
import { startToolServer } from './tool-server';
import { addVirtualAuthenticator } from './webauthn';
import { envFileFor, openTool, PASSWORD, startWorld, stopWorld, toolFetch, type World } from './world';

const encryptedKey = readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/keys/rsa-2048-encrypted-aes256-sha256.pem'),
  'utf8',
);
let world: World;
test.beforeAll(async () => {
  world = await startWorld();
});
test.afterAll(async () => {
  await stopWorld(world);
});

test('every view and every open form passes axe-core in the light and the dark theme', async ({
  extension,
}) => {
  test.setTimeout(180_000);
  const findings: Finding[] = [];
  const popup = await openPopup(extension);
  await popup.setViewportSize(POPUP_SIZE);
  const demo = world.sandbox.seed.apps.demo;

  await expect(popup.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await audit(popup, 'first-run', findings);
  await popup.getByLabel('Master password').fill('short');
  await popup.getByLabel('Confirm password').fill('short');
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await expect(popup.getByRole('alert')).toBeVisible();
  await audit(popup, 'first-run-error', findings);
  await createVault(popup);
  await expect(await region(popup, 'First steps')).toBeVisible();
  await audit(popup, 'home-first-steps', findings);
  await expect((await region(popup, 'Activity')).getByText('No requests yet.')).toBeVisible();
  await audit(popup, 'activity-empty', findings);

  // Apps: the empty list, the add page, the list with the sandbox's demo app, the app's page.
  await region(popup, 'Apps');
  await audit(popup, 'apps-empty', findings);
  const appForm = (await openPage(popup, 'Apps', 'Add app', 'Add an app')).getByRole('form', {
    name: 'Add an app',
  });
  await appForm.getByLabel('App name').fill('Demo');
  await appForm.getByLabel('Client ID').fill(demo.clientId);
  await appForm.getByLabel('Client secret').fill(demo.clientSecret!);
  await appForm.getByLabel('Server URL').fill(world.sandbox.url);
  await audit(popup, 'add-app', findings, appForm);
  await appForm.getByRole('button', { name: 'Save app' }).click();
  await expect(popup.getByRole('region', { name: 'Apps' }).getByRole('listitem')).toContainText('Demo');
  await audit(popup, 'apps', findings);
  const appPage = await openPage(popup, 'Apps', 'Demo');
  await audit(popup, 'app', findings);
  await audit(popup, 'edit-app', findings, appPage.getByRole('form', { name: 'Edit Demo' }));
  await appPage.getByRole('button', { name: 'Delete app' }).click();
  await audit(popup, 'delete-app', findings, appPage.getByRole('alert'));
  await appPage.getByRole('button', { name: 'Keep it' }).click();
  await expect((await region(popup, 'First steps')).locator('li[data-done="true"]')).toHaveCount(1);
  await audit(popup, 'home-first-steps-app-done', findings);

  // Credentials: the add page, the list, a credential's page with its form and Delete, the .env
  // import page, and an address whose credential is not there.
  const credentialForm = (
    await openPage(popup, 'Credentials', 'Add credential', 'Add a credential')
  ).getByRole('form', { name: 'Add a credential' });
  await credentialForm.getByLabel('Label').fill('Alice');
  await credentialForm.getByLabel('JWT', { exact: true }).fill(world.sandbox.jwts.demo);
  await expect(credentialForm.getByLabel('Decoded JWT')).toBeVisible();
  await audit(popup, 'add-credential', findings, credentialForm);
  await credentialForm.getByRole('button', { name: 'Save credential' }).click();
  await expect(popup.getByRole('region', { name: 'Credentials' }).getByRole('listitem')).toContainText(
    'Alice',
  );
  await audit(popup, 'credentials', findings);

  const credentialPage = await openPage(popup, 'Credentials', 'Alice');
  await audit(popup, 'credential', findings);
  const editor = credentialPage.getByRole('form', { name: 'Edit Alice' });
  await expect(editor.getByLabel('Current JWT, decoded')).toBeVisible();
  await audit(popup, 'edit-credential', findings, editor);
  await credentialPage.getByRole('button', { name: 'Delete credential' }).click();
  await audit(popup, 'delete-credential', findings, credentialPage.getByRole('alert'));
  await credentialPage.getByRole('button', { name: 'Keep it' }).click();

  const envPage = await openPage(
    popup,
    'Credentials',
    'Import from .env',
    'Import from a .env file or a JWT',
  );
  const envForm = envPage.getByRole('form', { name: 'Import from a .env file or a JWT' });
  await envForm.getByLabel('.env contents or a JWT').fill(envFileFor(world, world.sandbox.jwts.bob));
  await expect(envForm.getByRole('status')).toContainText('is already registered');
  await audit(popup, 'env-import', findings, envForm);
  await envForm.getByRole('button', { name: 'Cancel' }).click();

  await popup.evaluate(() => {
    location.hash = '#/credentials/no-such-credential';
  });
  await expect(popup.getByRole('heading', { name: 'Credential not found', level: 2 })).toBeVisible();
  await audit(popup, 'not-found', findings);

  const exportForm = (await openPage(popup, 'Settings', 'Export for a trusted app')).getByRole('form', {
    name: 'Export a credential',
  });
  await expect(exportForm.getByRole('combobox', { name: 'Credential', exact: true })).toHaveValue(/.+/);
  await audit(popup, 'export', findings, exportForm);

  // Home: the page that adds a connection, then the connection working, its page and its editor.
  const connections = await region(popup, 'Connections');
  await connections.getByRole('link', { name: 'Add connection' }).click();
  const connectionForm = popup.getByRole('form', { name: 'Add a connection' });
  await expect(connectionForm.getByLabel('API base URL')).toHaveValue(`${world.sandbox.url}/restapi/`);
  await connectionForm.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
  // Its page from the top: Back and the heading in view, then the form.
  await audit(popup, 'connection-form', findings, popup.getByRole('region', { name: 'Add a connection' }));
  await connectionForm.getByRole('button', { name: 'Save connection' }).click();
  await expect(connections.getByRole('listitem').locator('.chip')).toHaveText('active', { timeout: 30_000 });
  await expect(popup.getByRole('region', { name: 'First steps' })).toHaveCount(0);
  await audit(popup, 'home-connections', findings);

  // Activity, after a tool's calls: a 200, a 404, and one from a page that is not allowed.
  const tool = await openTool(extension, world.tool.origin);
  expect((await toolFetch(tool, `${world.sandbox.url}/restapi/v1.0/account/~/extension/~`)).status).toBe(200);
  expect((await toolFetch(tool, `${world.sandbox.url}/restapi/v1.0/account/999`)).status).toBe(404);
  // The tool's host on another port: another origin, not allowed.
  const stranger = await startToolServer('127.0.0.1', 'localhost');
  const outsider = await openTool(extension, stranger.origin, { pinned: false });
  await toolFetch(outsider, `${world.sandbox.url}/restapi/v1.0/account/~`);
  await tool.close();
  await outsider.close();
  await stranger.close();
  await popup.bringToFront();
  const activity = await region(popup, 'Activity');
  await expect(activity.getByRole('list', { name: 'Requests' }).getByRole('listitem')).toHaveCount(3);
  await audit(popup, 'activity', findings);

  const name = `Alice → ${world.sandbox.url}/restapi/`;
  const connection = await openConnection(popup, name);
  await connection.getByRole('button', { name: `Test request ${name}` }).click();
  await expect(connection.getByRole('status')).toContainText('Header applied');
  await audit(popup, 'connection-page', findings);
  await connection.getByRole('button', { name: `Edit ${name}` }).click();
  const connectionEditor = connection.getByRole('form', { name: 'Edit connection' });
  await expect(connectionEditor.getByLabel('Credential')).toBeFocused();
  await audit(popup, 'edit-connection', findings, connectionEditor);
  await connectionEditor.getByRole('button', { name: 'Cancel' }).click();
  await popup.goto(popup.url().replace(/#.*$/, '#/home/gone'));
  await expect(popup.getByRole('heading', { name: 'Connection not found' })).toBeVisible();
  await audit(popup, 'connection-not-found', findings);

  // Settings: the list of sections, then each section's page with its form.
  await region(popup, 'Settings');
  await audit(popup, 'settings-view', findings);
  for (const [section, name, form] of [
    ['Auto-lock and confirmations', 'settings', 'Auto-lock and confirmations'],
    ['Change the master password', 'change-password', 'Change the master password'],
    ['Key derivation', 'key-derivation', 'Key derivation'],
    ['Back up the vault', 'backup', 'Back up the vault'],
  ] as const) {
    const page = await openPage(popup, 'Settings', section);
    await audit(popup, name, findings, page.getByRole('form', { name: form }));
  }
  // The activity log kept in the vault: the days field shows, with what leaving it would delete.
  const logPage = await openPage(popup, 'Settings', 'Activity log');
  await logPage.getByLabel('Also kept in the vault', { exact: false }).check();
  await audit(popup, 'activity-settings', findings, logPage.getByRole('form', { name: 'Activity log' }));
  // A new password typed: its strength shows.
  await openPage(popup, 'Settings', 'Change the master password');
  await popup.getByLabel('New password', { exact: true }).fill('correct horse');
  await audit(
    popup,
    'change-password-typed',
    findings,
    popup.getByRole('form', { name: 'Change the master password' }),
  );
  const restoreForm = (await openPage(popup, 'Settings', 'Restore from a backup')).getByRole('form', {
    name: 'Restore from a backup',
  });
  await audit(popup, 'restore', findings, restoreForm);
  const backupPassword = 'correct horse battery staple';
  const { content } = await call<{ content: string }>(popup, 'backup.create', {
    password: PASSWORD,
    backupPassword,
  });
  const file = path.join(tmpdir(), `backup-${crypto.randomUUID()}.json`);
  await writeFile(file, content);
  await restoreForm.getByLabel('Backup file').setInputFiles(file);
  await restoreForm.getByLabel('Backup password', { exact: true }).fill(backupPassword);
  await restoreForm.getByRole('button', { name: 'Preview the restore' }).click();
  await expect(restoreForm.getByRole('list', { name: 'Already in the vault' })).toBeVisible();
  await audit(popup, 'restore-preview', findings, restoreForm);

  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByLabel('Master password')).toBeFocused();
  await audit(popup, 'unlock', findings);
  // Three wrong passwords: the message, then the countdown, and the button waits it out.
  const unlockButton = popup.getByRole('button', { name: 'Unlock', exact: true });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await expect(unlockButton).toBeEnabled();
    await popup.getByLabel('Master password').fill('not the password');
    await unlockButton.click();
    // The previous attempt's message is still up: wait for this attempt to run and finish.
    const form = popup.locator('form[aria-busy]');
    await expect(form).toHaveAttribute('aria-busy', 'true');
    await expect(form).toHaveAttribute('aria-busy', 'false');
    await expect(popup.getByText('The password is not correct.')).toBeVisible();
  }
  await expect(popup.getByText(/Too many wrong passwords\. Try again in \d+ s\./)).toBeVisible();
  await expect(unlockButton).toBeDisabled();
  await audit(popup, 'unlock-throttled', findings);

  expect(findings).toEqual([]);
});

test("a Google service account's add form, read key file, page and connection form pass axe-core in both themes", async ({
  extension,
}) => {
  const findings: Finding[] = [];
  const popup = await openPopup(extension);
  await popup.setViewportSize(POPUP_SIZE);
  await createVault(popup);
  const keyFile = JSON.stringify(await world.sandbox.admin.googleKeyFile(), null, 2);
  const page = await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  await page.getByLabel('Google service account').check();
  const form = page.getByRole('form', { name: 'Add a credential' });
  await audit(popup, 'add-google-credential', findings, page);
  await form.getByLabel('Key file', { exact: true }).fill(keyFile);
  await expect(form.getByLabel('Key file, read')).toBeVisible();
  await audit(popup, 'add-google-credential-read', findings, form.getByLabel('Key file, read'));
  await form.getByRole('button', { name: 'Save credential' }).click();
  const email = JSON.parse(keyFile).client_email as string;
  await expect(popup.getByRole('region', { name: 'Credentials' }).getByRole('listitem')).toContainText(email);
  await audit(popup, 'credentials-google', findings);
  await openPage(popup, 'Credentials', email);
  await audit(popup, 'google-credential', findings);
  const connections = await region(popup, 'Connections');
  await connections.getByRole('link', { name: 'Add connection' }).click();
  await audit(
    popup,
    'google-connection-form',
    findings,
    popup.getByRole('form', { name: 'Add a connection' }),
  );
  expect(findings).toEqual([]);
});

test("the signing kinds' forms (Salesforce, client assertion, Box, DocuSign), an encrypted key's passphrase, their pages, a consent-required card and a connection form pass axe-core in both themes", async ({
  extension,
}) => {
  const findings: Finding[] = [];
  const popup = await openPopup(extension);
  await popup.setViewportSize(POPUP_SIZE);
  await createVault(popup);
  const salesforce = await world.sandbox.admin.salesforceDemo();
  let page = await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  await page.getByLabel('Salesforce JWT bearer').check();
  let form = page.getByRole('form', { name: 'Add a credential' });
  await form.getByLabel('Consumer key').fill(salesforce.consumerKey);
  await form.getByLabel('Username').fill(salesforce.username);
  await form.getByLabel('My Domain', { exact: true }).check();
  await form.getByLabel('My Domain URL').fill(salesforce.loginUrl);
  await audit(popup, 'add-salesforce-credential', findings, page);
  // An encrypted key: the passphrase field appears, with what it needs.
  await form.getByLabel('Private key', { exact: true }).fill(encryptedKey);
  await expect(form.getByLabel('Key passphrase')).toBeVisible();
  await audit(popup, 'add-salesforce-passphrase', findings, form.getByLabel('Key passphrase'));
  await form.getByLabel('Private key', { exact: true }).fill(salesforce.privateKey);
  await expect(form.getByLabel('Key, read')).toBeVisible();
  await audit(popup, 'add-salesforce-read', findings, form.getByLabel('Key, read'));
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(form).toHaveCount(0);
  await openPage(popup, 'Credentials', salesforce.username);
  await audit(popup, 'salesforce-credential', findings);

  const entra = (await world.sandbox.admin.clientAssertionDemo()).entra;
  page = await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  await page.getByLabel('Client credentials, signed assertion (private_key_jwt)').check();
  form = page.getByRole('form', { name: 'Add a credential' });
  await form.getByLabel('Microsoft Entra').check();
  await form.getByLabel('Client ID').fill(entra.clientId);
  await form.getByLabel('Token URL').fill(entra.tokenUrl);
  await form.getByLabel('Certificate', { exact: true }).fill(entra.certificate!);
  await form.getByLabel('Private key', { exact: true }).fill(entra.privateKey);
  await expect(form.getByLabel('What the vault sends')).toContainText('x5t#S256');
  await audit(popup, 'add-client-assertion', findings, page);
  await audit(popup, 'add-client-assertion-preview', findings, form.getByLabel('What the vault sends'));
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(form).toHaveCount(0);
  await expect(popup.getByRole('region', { name: 'Credentials' }).getByRole('listitem')).toHaveCount(2);
  await audit(popup, 'credentials-signing-kinds', findings);
  await openPage(popup, 'Credentials', entra.clientId);
  await audit(popup, 'client-assertion-credential', findings);

  const box = await world.sandbox.admin.boxDemo();
  page = await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  await page.getByLabel('Box JWT (config.json)').check();
  form = page.getByRole('form', { name: 'Add a credential' });
  await form.getByLabel('config.json', { exact: true }).fill(JSON.stringify(box, null, 2));
  await expect(form.getByLabel('App, read')).toBeVisible();
  await audit(popup, 'add-box-credential', findings, form.getByLabel('App, read'));

  const docusign = await world.sandbox.admin.docusignDemo();
  await world.sandbox.admin.setDocusignConsent(false);
  page = await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  await page.getByLabel('DocuSign JWT grant').check();
  form = page.getByRole('form', { name: 'Add a credential' });
  await form.getByLabel('Integration key').fill(docusign.integrationKey);
  await form.getByLabel('User ID').fill(docusign.userId);
  await form.getByLabel('Another account server').check();
  await form.getByLabel('Account server URL').fill(docusign.accountServer);
  await form.getByLabel('Redirect URI').fill(new URL(docusign.consentUrl).searchParams.get('redirect_uri')!);
  await form.getByLabel('Private key', { exact: true }).fill(docusign.privateKey);
  await expect(form.getByLabel('What the vault sends')).toContainText('Give consent at DocuSign');
  await audit(popup, 'add-docusign-credential', findings, form.getByLabel('What the vault sends'));
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(form).toHaveCount(0);

  // A connection waiting for DocuSign's consent: the card offers the consent page.
  const connections = await region(popup, 'Connections');
  await connections.getByRole('link', { name: 'Add connection' }).click();
  const docusignForm = popup.getByRole('form', { name: 'Add a connection' });
  await docusignForm.getByLabel('Credential').selectOption({ label: docusign.userId });
  await docusignForm.getByLabel('API base URL').fill(`${docusign.apiBaseUri}/restapi/`);
  await docusignForm.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
  await docusignForm.getByRole('button', { name: 'Save connection' }).click();
  await expect(docusignForm).toHaveCount(0);
  await expect(connections.getByRole('link', { name: 'Give consent at DocuSign' })).toBeVisible({
    timeout: 30_000,
  });
  await audit(popup, 'home-consent-required', findings);

  await connections.getByRole('link', { name: 'Add connection' }).click();
  const connectionForm = popup.getByRole('form', { name: 'Add a connection' });
  await connectionForm.getByLabel('Credential').selectOption({ label: salesforce.username });
  await expect(connectionForm.getByLabel('API base URL')).toHaveValue(`${salesforce.loginUrl}/services/`);
  await audit(popup, 'salesforce-connection-form', findings, connectionForm);
  expect(findings).toEqual([]);
});

test('the keyboard alone creates the vault, reaches and submits every form of every page, and locks', async ({
  extension,
}) => {
  test.setTimeout(180_000);
  const popup = await openPopup(extension);
  await popup.setViewportSize(POPUP_SIZE);
  const { keyboard } = popup;
  const demo = world.sandbox.seed.apps.demo;
  /** Types into the field that has the focus, replacing what it held. */
  const retype = async (text: string) => {
    await keyboard.press('ControlOrMeta+A');
    await keyboard.type(text);
  };

  // The password field has the focus from the start; Tab moves on, Enter submits.
  await expect(popup.getByLabel('Master password')).toBeFocused();
  await keyboard.type(PASSWORD);
  await keyboard.press('Tab');
  await expect(popup.getByLabel('Confirm password')).toBeFocused();
  await keyboard.type(PASSWORD);
  await keyboard.press('Enter');
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
  const nav = popup.getByRole('navigation', { name: 'Views' });

  /** Tab (or Shift+Tab) to a link, Enter: the page it opens shows, its heading focused. */
  const follow = async (link: Locator, heading: string, key: 'Tab' | 'Shift+Tab' = 'Tab') => {
    await tabTo(popup, link, key);
    await keyboard.press('Enter');
    const title = popup.getByRole('heading', { name: heading, level: 2, exact: true });
    await expect(title).toBeFocused();
    return popup.getByRole('region', { name: heading, exact: true });
  };
  /** Up to the navigation bar and into a view; its list's heading takes the focus. */
  const view = (name: 'Home' | 'Credentials' | 'Apps' | 'Settings') =>
    follow(nav.getByRole('link', { name, exact: true }), name, 'Shift+Tab');
  /** Tab to the button and press Enter (or Space), as a keyboard user submits a form. */
  const press = async (target: Locator, key: 'Enter' | 'Space' = 'Enter') => {
    await tabTo(popup, target);
    await keyboard.press(key);
  };

  // Apps, from the navigation bar: the view's heading takes the focus, the page's form follows it.
  const apps = await follow(nav.getByRole('link', { name: 'Apps' }), 'Apps');
  const appForm = (await follow(apps.getByRole('link', { name: 'Add app' }), 'Add an app')).getByRole('form');
  await tabTo(popup, appForm.getByLabel('App name'));
  await keyboard.type('Demo');
  await tabTo(popup, appForm.getByLabel('Client ID'));
  await keyboard.type(demo.clientId);
  await tabTo(popup, appForm.getByLabel('Client secret'));
  await keyboard.type(demo.clientSecret!);
  await tabTo(popup, appForm.getByLabel('Server URL'));
  await retype(world.sandbox.url);
  await keyboard.press('Enter');
  // Saved: back on the list, its heading focused.
  await expect(popup.getByRole('heading', { name: 'Apps', level: 2 })).toBeFocused();
  await expect(apps.getByRole('listitem')).toContainText(demo.clientId);
  // The app's page: its edit form, saved unchanged.
  const appPage = await follow(apps.getByRole('link', { name: 'Demo', exact: true }), 'Demo');
  await press(appPage.getByRole('button', { name: 'Save changes' }));
  await expect(popup.getByRole('heading', { name: 'Apps', level: 2 })).toBeFocused();

  // Credentials: Add credential, label and JWT, then its save button.
  const credentials = await view('Credentials');
  const credentialForm = (
    await follow(credentials.getByRole('link', { name: 'Add credential' }), 'Add a credential')
  ).getByRole('form');
  await tabTo(popup, credentialForm.getByLabel('Label'));
  await keyboard.type('Alice');
  await tabTo(popup, credentialForm.getByLabel('JWT', { exact: true }));
  await keyboard.insertText(world.sandbox.jwts.demo);
  await press(credentialForm.getByRole('button', { name: 'Save credential' }));
  await expect(credentials.getByRole('listitem')).toContainText('Alice');
  // Its page: a note, saved.
  const alice = await follow(credentials.getByRole('link', { name: 'Alice', exact: true }), 'Alice');
  await tabTo(popup, alice.getByLabel('Notes'));
  await keyboard.type('typed by keyboard');
  await press(alice.getByRole('button', { name: 'Save changes' }));
  await expect(credentials.getByRole('listitem')).toContainText('Alice');
  // The .env import: Bob's JWT for the app already registered.
  const envForm = (
    await follow(
      credentials.getByRole('link', { name: 'Import from .env' }),
      'Import from a .env file or a JWT',
    )
  ).getByRole('form');
  await tabTo(popup, envForm.getByLabel('.env contents or a JWT'));
  await keyboard.insertText(envFileFor(world, world.sandbox.jwts.bob));
  await tabTo(popup, envForm.getByLabel('Credential label'));
  await retype('Bob');
  await press(envForm.getByRole('button', { name: 'Save credential' }));
  await expect(credentials.getByRole('listitem')).toHaveCount(2);

  // Home: Add connection opens its page, with the heading focused; the prefilled form, a tool
  // origin, Save, and Home again.
  await tabTo(popup, nav.getByRole('link', { name: 'Home' }), 'Shift+Tab');
  await keyboard.press('Enter');
  const connections = popup.getByRole('region', { name: 'Connections' });
  await tabTo(popup, connections.getByRole('link', { name: 'Add connection' }));
  await keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: 'Add a connection', level: 2 })).toBeFocused();
  const connectionForm = popup.getByRole('form', { name: 'Add a connection' });
  await tabTo(popup, connectionForm.getByLabel('Tool origins (one per line)'));
  await keyboard.type(world.tool.origin);
  await tabTo(popup, connectionForm.getByRole('button', { name: 'Save connection' }));
  await keyboard.press('Enter');
  await expect(connectionForm).toHaveCount(0);
  await expect(connections.getByRole('listitem').first().locator('.chip')).toHaveText('active', {
    timeout: 30_000,
  });

  // The card's name opens the connection's page; Edit, Save changes, and Back to Home.
  const name = `Alice → ${world.sandbox.url}/restapi/`;
  await tabTo(popup, connections.getByRole('link', { name }));
  await keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name, level: 2 })).toBeFocused();
  const connection = popup.getByRole('region', { name });
  await tabTo(popup, connection.getByRole('button', { name: `Edit ${name}` }));
  await keyboard.press('Enter');
  const connectionEditor = connection.getByRole('form', { name: 'Edit connection' });
  await expect(connectionEditor.getByLabel('Credential')).toBeFocused();
  await tabTo(popup, connectionEditor.getByLabel('Enabled'));
  await keyboard.press('Space');
  await tabTo(popup, connectionEditor.getByRole('button', { name: 'Save changes' }));
  await keyboard.press('Enter');
  await expect(connectionEditor).toHaveCount(0);
  await expect(connection.getByRole('button', { name: `Edit ${name}` })).toBeFocused();
  await expect(connection.locator('.chip')).toHaveText('disabled');
  await tabTo(popup, connection.getByRole('link', { name: 'Back to Home' }), 'Shift+Tab');
  await keyboard.press('Enter');
  await expect(connections.getByRole('listitem').locator('.chip')).toHaveText('disabled');

  // Settings: each section's page, its form filled and sent, then back to the list.
  const settings = await view('Settings');
  const section = (name: string) => follow(settings.getByRole('link', { name }), name);
  const back = () => follow(popup.getByRole('link', { name: 'Back to Settings' }), 'Settings', 'Shift+Tab');

  const lock = await section('Auto-lock and confirmations');
  await tabTo(popup, lock.getByLabel('Lock after this many minutes without use'));
  await retype('42');
  await press(lock.getByRole('button', { name: 'Save settings' }), 'Space');
  await expect(lock.getByRole('status')).toHaveText('Settings saved.');
  expect(await call<{ autoLockMinutes: number }>(popup, 'settings.get')).toMatchObject({
    autoLockMinutes: 42,
  });
  await back();

  // The activity log: the arrow keys move to "kept in the vault", whose days field then follows.
  const log = await section('Activity log');
  await tabTo(popup, log.getByRole('radio', { checked: true }));
  await keyboard.press('ArrowDown');
  await tabTo(popup, log.getByLabel('Keep each request for this many days'));
  await retype('7');
  await press(log.getByRole('button', { name: 'Save' }));
  await expect(log.getByRole('status')).toHaveText('Activity log settings saved.');
  expect(await call(popup, 'settings.get')).toMatchObject({ activityLog: 'kept', activityKeepDays: 7 });
  await back();

  const newPassword = 'a new master password, typed';
  const change = await section('Change the master password');
  await tabTo(popup, change.getByLabel('Current password'));
  await keyboard.type(PASSWORD);
  await tabTo(popup, change.getByLabel('New password', { exact: true }));
  await keyboard.type(newPassword);
  await tabTo(popup, change.getByLabel('Confirm new password'));
  await keyboard.type(newPassword);
  await keyboard.press('Enter');
  await expect(change.getByRole('status')).toHaveText('Master password changed.');
  await back();

  // Re-key: the arrow keys move between the presets.
  const kdf = await section('Key derivation');
  await tabTo(popup, kdf.getByRole('radio', { checked: true }));
  await keyboard.press('ArrowDown');
  await expect(kdf.getByLabel('Argon2id, 46 MiB, 1 pass')).toBeChecked();
  await tabTo(popup, kdf.getByLabel('Password, to confirm re-keying'));
  await keyboard.type(newPassword);
  await keyboard.press('Enter');
  await expect(kdf.getByRole('status')).toHaveText('Re-keyed with Argon2id, 46 MiB, 1 pass.', {
    timeout: 15_000,
  });
  await back();

  const backupPassword = 'correct horse battery staple';
  const backup = await section('Back up the vault');
  await tabTo(popup, backup.getByLabel('Backup password', { exact: true }));
  await keyboard.type(backupPassword);
  await tabTo(popup, backup.getByLabel('Confirm backup password'));
  await keyboard.type(backupPassword);
  await tabTo(popup, backup.getByLabel('Master password, to confirm'));
  await keyboard.type(newPassword);
  await keyboard.press('Enter');
  await expect(backup.getByRole('status')).toContainText('Backup ready');
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    press(backup.getByRole('button', { name: 'Download the backup' })),
  ]);
  const file = path.join(tmpdir(), `backup-${crypto.randomUUID()}.json`);
  await download.saveAs(file);
  await back();

  // Restore: the file comes from the file dialog (no keyboard there); the rest by keyboard.
  const restore = await section('Restore from a backup');
  await restore.getByLabel('Backup file').setInputFiles(file);
  await tabTo(popup, restore.getByLabel('Backup password', { exact: true }));
  await keyboard.type(backupPassword);
  await keyboard.press('Enter');
  await expect(restore.getByRole('list', { name: 'Already in the vault' })).toBeVisible();
  await press(restore.getByRole('button', { name: 'Restore', exact: true }));
  await expect(restore.getByRole('status')).toHaveText(/^Restore finished/);
  await back();

  // Export with a one-off passphrase, then Done.
  const exporting = await section('Export for a trusted app');
  await tabTo(popup, exporting.getByRole('radio', { checked: true }));
  await keyboard.press('ArrowDown');
  await expect(exporting.getByLabel('A one-off passphrase')).toBeChecked();
  await tabTo(popup, exporting.getByLabel('Master password, to confirm'));
  await keyboard.type(newPassword);
  await keyboard.press('Enter');
  // The focus goes to the result, and after Done to the new export's first field.
  await expect(exporting.getByRole('heading', { name: 'Export ready' })).toBeFocused();
  await press(exporting.getByRole('button', { name: 'Done' }));
  await expect(exporting.getByRole('combobox', { name: 'Credential', exact: true })).toBeFocused();
  await expect(exporting.getByRole('list', { name: 'Past exports' }).getByRole('listitem')).toHaveCount(1);
  await back();

  // A passkey (on the DevTools protocol's virtual authenticator): named, the master password,
  // Enter. Last among the sections: from now on the confirmations ask for the passkey first.
  const cdp = await extension.context.newCDPSession(popup);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await addVirtualAuthenticator(cdp);
  const passkeys = await section('Passkeys');
  await tabTo(popup, passkeys.getByLabel('Name of the new passkey'));
  await keyboard.type('Keyboard key');
  await tabTo(popup, passkeys.getByLabel('Master password'));
  await keyboard.type(newPassword);
  await keyboard.press('Enter');
  await expect(passkeys.getByRole('status')).toHaveText(
    'Keyboard key added: it unlocks the vault from now on.',
  );

  // Lock, from the header, and unlock again with the passkey: the data is back.
  await tabTo(popup, popup.getByRole('button', { name: 'Lock', exact: true }), 'Shift+Tab');
  await keyboard.press('Enter');
  await expect(popup.getByLabel('Master password')).toBeFocused();
  await press(popup.getByRole('button', { name: 'Unlock with a passkey' }));
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
  // Where it was left: the Passkeys page, with the one just added.
  await expect(passkeys.getByRole('list', { name: 'Enrolled passkeys' }).getByRole('listitem')).toHaveCount(
    1,
  );
});

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a person would. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}`);
}
