// The popup in real Chromium: it reaches the worker, creates the vault, unlocks and locks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DIST, openPopup } from './harness';
import { storedKdf } from './page-scripts';
import { openPage, region } from './popup-steps';

const PASSWORD = 'correct horse battery staple';

/** First run through the UI, as a person does it. */
async function createVaultInPopup(popup: Page): Promise<void> {
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByLabel('Confirm password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Create vault' }).click();
}

test('the built manifest is MV3 and allows WebAssembly and nothing looser', async () => {
  const manifest = JSON.parse(await readFile(path.join(DIST, 'manifest.json'), 'utf8'));
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.name).toBe('JWT Vault');
  expect(manifest.content_security_policy.extension_pages).toBe(
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
  );
  expect(manifest.permissions.sort()).toEqual([
    'alarms',
    'declarativeNetRequestWithHostAccess',
    'idle',
    // The key derivation's Worker, started from a hidden page (a service worker cannot).
    'offscreen',
    'storage',
    'webRequest',
  ]);
  // No "tabs": a tab's URL is seen only where host access is granted, which is all pinning needs.
  expect(manifest.host_permissions).toEqual(['http://localhost/*', 'http://127.0.0.1/*']);
  expect(manifest.externally_connectable).toBeUndefined();
  expect(manifest.content_scripts).toBeUndefined();
});

test('Chromium loads the extension and the popup shows the worker status', async ({ extension }) => {
  const popup = await openPopup(extension);
  await expect(popup.getByRole('status')).toHaveText('No vault yet');
  await expect(popup.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
});

test('first run creates the vault with Argon2id, then lock and unlock from the popup', async ({
  extension,
}) => {
  const popup = await openPopup(extension);
  await createVaultInPopup(popup);
  await expect(popup.getByRole('status')).toHaveText('Unlocked');

  // The header says the key was derived with the default Argon2id parameters: the WebAssembly
  // really ran under the extension's CSP (a blocked module would have failed the creation).
  const kdf = await popup.evaluate(storedKdf);
  expect(kdf).toEqual({ id: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });

  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByRole('status')).toHaveText('Locked');
  await expect(popup.getByLabel('Master password')).toBeFocused();
  // The locked popup holds no secret: not in the markup, not in any field's value.
  expect(await popup.content()).not.toContain(PASSWORD);
  expect(
    await popup.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
  ).toEqual(['']);

  await popup.getByLabel('Master password').fill('not the password');
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(popup.getByRole('alert')).toHaveText('The password is not correct.');
  await expect(popup.getByRole('status')).toHaveText('Locked');

  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(popup.getByRole('status')).toHaveText('Unlocked');
});

test('the create form refuses a short password and a mismatched confirmation before asking the vault', async ({
  extension,
}) => {
  const popup = await openPopup(extension);
  await popup.getByLabel('Master password').fill('short');
  await popup.getByLabel('Confirm password').fill('short');
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await expect(popup.getByRole('alert')).toHaveText('Use at least 8 characters.');
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByLabel('Confirm password').fill(`${PASSWORD}!`);
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await expect(popup.getByRole('alert')).toHaveText('The two passwords are not the same.');
  await expect(popup.getByRole('status')).toHaveText('No vault yet');
});

test('settings and a master password change, through the popup', async ({ extension }) => {
  const popup = await openPopup(extension);
  await createVaultInPopup(popup);
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');

  await openPage(popup, 'Settings', 'Auto-lock and confirmations');
  await expect(popup.getByLabel('Lock after this many minutes without use')).toHaveValue('15');
  await popup.getByLabel('Lock after this many minutes without use').fill('5');
  await popup.getByLabel('Revoke the tokens at the server when locking').uncheck();
  await popup.getByRole('button', { name: 'Save settings' }).click();
  await expect(popup.getByText('Settings saved.')).toBeVisible();
  const saved = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'settings.get', payload: {} }));
  expect(saved).toEqual({
    ok: true,
    value: {
      autoLockMinutes: 5,
      lockOnSystemLock: true,
      revokeOnLock: false,
      confirmGraceMinutes: 2,
      // Not on this form: as they were.
      activityLog: 'session',
      activityKeepDays: 30,
    },
  });
  const status = await popup.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'vault.status', payload: {} }),
  );
  expect(status.value.autoLockAt - Date.now()).toBeGreaterThan(4 * 60_000);
  expect(status.value.autoLockAt - Date.now()).toBeLessThanOrEqual(5 * 60_000);

  const newPassword = 'a brand new master password';
  await openPage(popup, 'Settings', 'Change the master password');
  await popup.getByLabel('Current password').fill('not the password');
  await popup.getByLabel('New password', { exact: true }).fill(newPassword);
  await popup.getByLabel('Confirm new password').fill(newPassword);
  await popup.getByRole('button', { name: 'Change password' }).click();
  await expect(popup.getByRole('alert')).toHaveText('The password is not correct.');

  await popup.getByLabel('Current password').fill(PASSWORD);
  await popup.getByLabel('New password', { exact: true }).fill(newPassword);
  await popup.getByLabel('Confirm new password').fill(newPassword);
  await popup.getByRole('button', { name: 'Change password' }).click();
  await expect(popup.getByText('Master password changed.')).toBeVisible();

  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Locked');
  await popup.getByLabel('Master password').fill(newPassword);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
});

test('an app added through the popup is listed without its secret; the retired sandbox is flagged', async ({
  extension,
}) => {
  const popup = await openPopup(extension);
  await createVaultInPopup(popup);
  const apps = await region(popup, 'Apps');
  await expect(apps.getByText('No apps yet.')).toBeVisible();

  await openPage(popup, 'Apps', 'Add app', 'Add an app');
  await popup.getByLabel('App name').fill('Billing');
  await popup.getByLabel('Client ID').fill('billing-client-id');
  const secret = `secret-${crypto.randomUUID()}`;
  await popup.getByLabel('Client secret (leave empty if the app has none)').fill(secret);
  await popup.getByLabel('Server URL').fill('https://platform.devtest.ringcentral.com');
  await expect(popup.getByRole('alert')).toContainText('retired this sandbox server');
  await popup.getByLabel('Server URL').fill('https://platform.ringcentral.com');
  await expect(popup.getByRole('alert')).toHaveCount(0);
  await popup.getByRole('button', { name: 'Save app' }).click();

  const app = apps.getByRole('listitem');
  await expect(app).toContainText('Billing');
  await expect(app).toContainText('billing-client-id');
  await expect(app).toContainText('client secret stored');
  expect(await popup.content()).not.toContain(secret);

  // A second app with the same client ID is refused with the vault's message.
  await openPage(popup, 'Apps', 'Add app', 'Add an app');
  await popup.getByLabel('App name').fill('Billing again');
  await popup.getByLabel('Client ID').fill('billing-client-id');
  await popup.getByRole('button', { name: 'Save app' }).click();
  await expect(popup.locator('[data-code="DUPLICATE"]')).toBeVisible();
  await popup.getByRole('link', { name: 'Back to Apps' }).click();
  await expect(apps.getByRole('listitem')).toHaveCount(1);
});

test('a credential added through the popup: decoded preview, clear errors, and no JWT left in the page', async ({
  extension,
}) => {
  const popup = await openPopup(extension);
  await createVaultInPopup(popup);
  const credentials = await region(popup, 'Credentials');
  await expect(credentials.getByText('No credentials yet.')).toBeVisible();
  await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  await popup.getByLabel('Label').fill('Ops bot');

  await popup.getByLabel('JWT', { exact: true }).fill('not-a-jwt');
  await expect(popup.getByRole('alert')).toHaveText('The JWT must have three parts separated by dots.');
  await expect(popup.getByRole('button', { name: 'Save credential' })).toBeDisabled();

  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const jwt = `${part({ alg: 'RS256', typ: 'JWT', kid: 'kid-e2e' })}.${part({ sub: '208594004', iat: 1_790_000_000, exp: 3_900_000_000 })}.${Buffer.from(crypto.randomUUID()).toString('base64url')}`;
  await popup.getByLabel('JWT', { exact: true }).fill(jwt);
  const preview = popup.getByRole('definition');
  await expect(preview.nth(0)).toHaveText('kid-e2e');
  await expect(preview.nth(1)).toHaveText('208594004');

  await popup.getByLabel('Only specific apps').check();
  await popup.getByLabel('Client IDs (one per line)').fill('client-a\nclient-b');
  await popup.getByRole('button', { name: 'Save credential' }).click();

  const listed = credentials.getByRole('listitem');
  await expect(listed).toContainText('Ops bot');
  await expect(listed).toContainText('Only: client-a, client-b');
  expect(await popup.content()).not.toContain(jwt);
  const values = await popup
    .locator('input, textarea')
    .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  expect(values).not.toContain(jwt);
});
