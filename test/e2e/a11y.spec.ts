// Every view of the popup and every form it opens, at popup size, in both colour schemes:
// axe-core finds no violation, and a screenshot of each lands in test-results/screenshots for a
// reviewer. Then the keyboard alone walks through first run, each view's form and the lock.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, openPopup } from './harness';
import { createVault, openConnection, openView, region } from './popup-steps';
import { envFileFor, PASSWORD, startWorld, stopWorld, type World } from './world';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const POPUP_SIZE = { width: 380, height: 600 };
const THEMES = ['light', 'dark'] as const;

interface Finding {
  view: string;
  theme: string;
  rule: string;
  targets: string[];
}

/**
 * Audits the page as it is now, in both themes, and keeps a screenshot of each at popup size:
 * the top of the view, or `shown` (an open form) scrolled into view as a person would scroll.
 */
async function audit(page: Page, name: string, findings: Finding[], shown?: Locator): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const violation of violations) {
      findings.push({
        view: name,
        theme,
        rule: violation.id,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      });
    }
    if (shown) {
      // Scrolled to as a person (or the focus) would: its top shows, not under the header.
      const covered = await shown.evaluate((element) => {
        element.scrollIntoView({ block: 'start' });
        const header = document.querySelector('header')?.getBoundingClientRect();
        return header !== undefined && element.getBoundingClientRect().top < header.bottom;
      });
      if (covered)
        findings.push({ view: name, theme, rule: 'under-the-header', targets: ["the form's top"] });
    } else await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: null });
  // Nothing lies beyond the popup's width: it never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0)
    findings.push({ view: name, theme: 'both', rule: 'scrolls-sideways', targets: [`${overflow}px`] });
}

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
  // Each form is opened on a fresh page of its view: the fragment keeps the view on reload.
  const reopen = async (view: 'Home' | 'Credentials' | 'Apps' | 'Settings') => {
    await popup.reload();
    await openView(popup, view);
  };

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

  // Apps: the form, then the view with the sandbox's demo app in it.
  const apps = await region(popup, 'Apps');
  await audit(popup, 'apps-empty', findings);
  await apps.getByRole('button', { name: 'Add app' }).click();
  const appForm = apps.getByRole('form', { name: 'Add an app' });
  await appForm.getByLabel('App name').fill('Demo');
  await appForm.getByLabel('Client ID').fill(demo.clientId);
  await appForm.getByLabel('Client secret').fill(demo.clientSecret!);
  await appForm.getByLabel('Server URL').fill(world.sandbox.url);
  await audit(popup, 'add-app', findings, appForm);
  await appForm.getByRole('button', { name: 'Save app' }).click();
  await expect(apps.getByRole('listitem')).toContainText('Demo');
  await audit(popup, 'apps', findings);
  await expect((await region(popup, 'First steps')).locator('li[data-done="true"]')).toHaveCount(1);
  await audit(popup, 'home-first-steps-app-done', findings);

  // Credentials: add, the view, edit, the .env import and the export form.
  const credentials = await region(popup, 'Credentials');
  await credentials.getByRole('button', { name: 'Add credential' }).click();
  const credentialForm = credentials.getByRole('form', { name: 'Add a credential' });
  await credentialForm.getByLabel('Label').fill('Alice');
  await credentialForm.getByLabel('JWT', { exact: true }).fill(world.sandbox.jwts.demo);
  await expect(credentialForm.getByLabel('Decoded JWT')).toBeVisible();
  await audit(popup, 'add-credential', findings, credentialForm);
  await credentialForm.getByRole('button', { name: 'Save credential' }).click();
  await expect(credentials.getByRole('listitem')).toContainText('Alice');
  await audit(popup, 'credentials', findings);

  await credentials.getByRole('button', { name: 'Edit Alice' }).click();
  const editor = credentials.getByRole('form', { name: 'Edit Alice' });
  await expect(editor.getByLabel('Current JWT, decoded')).toBeVisible();
  await audit(popup, 'edit-credential', findings, editor);
  await editor.getByRole('button', { name: 'Cancel' }).click();

  await credentials.getByRole('button', { name: 'Paste or choose a .env file' }).click();
  const envForm = credentials.getByRole('form', { name: 'Import from a .env file or a JWT' });
  await envForm.getByLabel('.env contents or a JWT').fill(envFileFor(world, world.sandbox.jwts.bob));
  await expect(envForm.getByRole('status')).toContainText('is already registered');
  await audit(popup, 'env-import', findings, envForm);
  await envForm.getByRole('button', { name: 'Cancel' }).click();

  const exports = await region(popup, 'Export for a trusted app');
  await exports.getByRole('button', { name: 'Export a credential' }).click();
  const exportForm = exports.getByRole('form', { name: 'Export a credential' });
  await expect(exportForm.getByRole('combobox', { name: 'Credential', exact: true })).toHaveValue(/.+/);
  await audit(popup, 'export', findings, exportForm);
  await exportForm.getByRole('button', { name: 'Cancel' }).click();

  // Home: the page that adds a connection, then the connection working, its page and its editor.
  const connections = await region(popup, 'Connections');
  await connections.getByRole('button', { name: 'Add connection' }).click();
  const connectionForm = popup.getByRole('form', { name: 'Add a connection' });
  await expect(connectionForm.getByLabel('API base URL')).toHaveValue(`${world.sandbox.url}/restapi/`);
  await connectionForm.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
  // Its page from the top: Back and the heading in view, then the form.
  await audit(popup, 'connection-form', findings, popup.getByRole('region', { name: 'Add a connection' }));
  await connectionForm.getByRole('button', { name: 'Save connection' }).click();
  await expect(connections.getByRole('listitem').locator('.chip')).toHaveText('active', { timeout: 30_000 });
  await expect(popup.getByRole('region', { name: 'First steps' })).toHaveCount(0);
  await audit(popup, 'home-connections', findings);

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

  // Settings: the view, its three forms, backup, and restore with a preview.
  const settings = await region(popup, 'Settings');
  await audit(popup, 'settings-view', findings);
  await settings.getByText('Settings and master password').click();
  const settingsForm = settings.getByRole('form', { name: 'Settings' });
  await expect(settingsForm).toBeVisible();
  await audit(popup, 'settings', findings, settingsForm);
  await audit(
    popup,
    'change-password',
    findings,
    settings.getByRole('form', { name: 'Change the master password' }),
  );
  await audit(popup, 'key-derivation', findings, settings.getByRole('form', { name: 'Key derivation' }));

  await reopen('Settings');
  const backup = popup.getByRole('region', { name: 'Backup and restore' });
  await backup.getByText('Back up the vault').click();
  const backupForm = backup.getByRole('form', { name: 'Back up the vault' });
  await expect(backupForm).toBeVisible();
  await audit(popup, 'backup', findings, backupForm);
  await backup.getByText('Back up the vault').click();
  await backup.getByText('Restore from a backup').click();
  const restoreForm = backup.getByRole('form', { name: 'Restore from a backup' });
  await expect(restoreForm).toBeVisible();
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

test("the keyboard alone creates the vault, reaches and submits each view's form, and locks", async ({
  extension,
}) => {
  test.setTimeout(120_000);
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

  // Apps, from the navigation bar: the view's heading takes the focus, the form follows it.
  await tabTo(popup, nav.getByRole('link', { name: 'Apps' }));
  await keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: 'Apps', level: 2 })).toBeFocused();
  const apps = popup.getByRole('region', { name: 'Apps' });
  await tabTo(popup, apps.getByRole('button', { name: 'Add app' }));
  await keyboard.press('Space');
  const appForm = apps.getByRole('form', { name: 'Add an app' });
  await expect(appForm.getByLabel('App name')).toBeFocused();
  await keyboard.type('Demo');
  await tabTo(popup, appForm.getByLabel('Client ID'));
  await keyboard.type(demo.clientId);
  await tabTo(popup, appForm.getByLabel('Client secret'));
  await keyboard.type(demo.clientSecret!);
  await tabTo(popup, appForm.getByLabel('Server URL'));
  await retype(world.sandbox.url);
  await keyboard.press('Enter');
  await expect(apps.getByRole('listitem')).toContainText(demo.clientId);

  // Credentials: Add credential, label and JWT, then its save button.
  await tabTo(popup, nav.getByRole('link', { name: 'Credentials' }), 'Shift+Tab');
  await keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: 'Credentials', level: 2 })).toBeFocused();
  const credentials = popup.getByRole('region', { name: 'Credentials' });
  await tabTo(popup, credentials.getByRole('button', { name: 'Add credential' }));
  await keyboard.press('Enter');
  const credentialForm = credentials.getByRole('form', { name: 'Add a credential' });
  await expect(credentialForm.getByLabel('Label')).toBeFocused();
  await keyboard.type('Alice');
  await tabTo(popup, credentialForm.getByLabel('JWT', { exact: true }));
  await keyboard.type(world.sandbox.jwts.demo);
  await tabTo(popup, credentialForm.getByRole('button', { name: 'Save credential' }));
  await keyboard.press('Enter');
  await expect(credentials.getByRole('listitem')).toContainText('Alice');

  // Home: Add connection opens its page, with the heading focused; the prefilled form, a tool
  // origin, Save, and Home again.
  await tabTo(popup, nav.getByRole('link', { name: 'Home' }), 'Shift+Tab');
  await keyboard.press('Enter');
  const connections = popup.getByRole('region', { name: 'Connections' });
  await tabTo(popup, connections.getByRole('button', { name: 'Add connection' }));
  await keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: 'Add a connection', level: 2 })).toBeFocused();
  const connectionForm = popup.getByRole('form', { name: 'Add a connection' });
  await tabTo(popup, connectionForm.getByLabel('Tool origins (one per line)'));
  await keyboard.type(world.tool.origin);
  await tabTo(popup, connectionForm.getByRole('button', { name: 'Save connection' }));
  await keyboard.press('Enter');
  await expect(connectionForm).toHaveCount(0);
  await expect(connections.getByRole('listitem').locator('.chip')).toHaveText('active', { timeout: 30_000 });

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
  await tabTo(popup, connection.getByRole('button', { name: 'Back to Home' }), 'Shift+Tab');
  await keyboard.press('Enter');
  await expect(connections.getByRole('listitem').locator('.chip')).toHaveText('disabled');

  // Settings: open the fold, change the auto-lock, save.
  await tabTo(popup, nav.getByRole('link', { name: 'Settings' }), 'Shift+Tab');
  await keyboard.press('Enter');
  const settings = popup.getByRole('region', { name: 'Settings' });
  await tabTo(popup, settings.getByText('Settings and master password'));
  await keyboard.press('Enter');
  const settingsForm = settings.getByRole('form', { name: 'Settings' });
  await tabTo(popup, settingsForm.getByLabel('Lock after this many minutes without use'));
  await retype('42');
  await tabTo(popup, settingsForm.getByRole('button', { name: 'Save settings' }));
  await keyboard.press('Space');
  await expect(settingsForm.getByRole('status')).toHaveText('Settings saved.');
  expect(await call<{ autoLockMinutes: number }>(popup, 'settings.get')).toMatchObject({
    autoLockMinutes: 42,
  });

  // Lock, from the header, and unlock again: the data is back.
  await tabTo(popup, popup.getByRole('button', { name: 'Lock', exact: true }), 'Shift+Tab');
  await keyboard.press('Enter');
  await expect(popup.getByLabel('Master password')).toBeFocused();
  await keyboard.type(PASSWORD);
  await keyboard.press('Enter');
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
  await expect(popup.getByRole('region', { name: 'Settings' })).toBeVisible();
});

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a person would. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}`);
}
