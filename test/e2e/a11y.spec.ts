// Every view of the popup, at popup size, in both colour schemes: axe-core finds no violation,
// and a screenshot of each lands in test-results/screenshots for a reviewer. Then the keyboard
// alone walks through first run, adding an app, locking and unlocking.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPopup } from './harness';
import { connect, PASSWORD, startWorld, stopWorld, type World } from './world';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const POPUP_SIZE = { width: 380, height: 600 };
const THEMES = ['light', 'dark'] as const;

interface Finding {
  view: string;
  theme: string;
  rule: string;
  targets: string[];
}

/** Audits the page as it is now, in both themes, and keeps a screenshot of each. */
async function audit(page: Page, view: string, findings: Finding[]): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const violation of violations) {
      findings.push({
        view,
        theme,
        rule: violation.id,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      });
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `${view}-${theme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: null });
}

let world: World;
test.beforeAll(async () => {
  world = await startWorld();
});
test.afterAll(async () => {
  await stopWorld(world);
});

test('every popup view passes axe-core in the light and the dark theme', async ({ extension }) => {
  const findings: Finding[] = [];
  const popup = await openPopup(extension);
  await popup.setViewportSize(POPUP_SIZE);

  await expect(popup.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await audit(popup, 'first-run', findings);
  await popup.getByLabel('Master password').fill('short');
  await popup.getByLabel('Confirm password').fill('short');
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await expect(popup.getByRole('alert')).toBeVisible();
  await audit(popup, 'first-run-error', findings);

  // The rest starts from a vault with one working connection, made by messages.
  await connect(popup, world);
  await popup.reload();
  const connections = popup.getByRole('region', { name: 'Connections' });
  await expect(connections.getByText('Active')).toBeVisible();
  await audit(popup, 'unlocked', findings);

  await popup.getByRole('button', { name: 'Add app' }).click();
  await expect(popup.getByRole('form', { name: 'Add an app' })).toBeVisible();
  await audit(popup, 'add-app', findings);
  await popup.reload();

  await popup.getByRole('button', { name: 'Add credential' }).click();
  await popup.getByLabel('JWT', { exact: true }).fill(world.sandbox.jwts.demo);
  await audit(popup, 'add-credential', findings);
  await popup.reload();

  await popup.getByText('Settings and master password').click();
  await expect(popup.getByRole('form', { name: 'Settings' })).toBeVisible();
  await audit(popup, 'settings', findings);

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

test('the keyboard alone creates the vault, adds an app, locks and unlocks', async ({ extension }) => {
  const popup = await openPopup(extension);
  const { keyboard } = popup;

  // The password field has the focus from the start; Tab moves on, Enter submits.
  await expect(popup.getByLabel('Master password')).toBeFocused();
  await keyboard.type(PASSWORD);
  await keyboard.press('Tab');
  await expect(popup.getByLabel('Confirm password')).toBeFocused();
  await keyboard.type(PASSWORD);
  await keyboard.press('Enter');
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');

  await tabTo(popup, 'button', 'Add app');
  await keyboard.press('Enter');
  await expect(popup.getByLabel('App name')).toBeFocused();
  await keyboard.type('Keyboard app');
  await keyboard.press('Tab');
  await keyboard.type('keyboard-client-id');
  await keyboard.press('Enter');
  const apps = popup.getByRole('region', { name: 'Apps' });
  await expect(apps.getByText('Keyboard app')).toBeVisible();

  await tabTo(popup, 'button', 'Lock');
  await keyboard.press('Enter');
  await expect(popup.getByLabel('Master password')).toBeFocused();
  await keyboard.type(PASSWORD);
  await keyboard.press('Enter');
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
  await expect(apps.getByText('Keyboard app')).toBeVisible();
});

/** Presses Tab until the element with this role and name has the focus, as a person would. */
async function tabTo(page: Page, role: 'button', name: string): Promise<void> {
  const target = page.getByRole(role, { name, exact: true });
  for (let presses = 0; presses < 60; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the ${role} "${name}"`);
}
