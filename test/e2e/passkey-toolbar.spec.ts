// Passkeys in the real toolbar popup, not in the popup page opened as a tab: a headful Chromium
// on a private X display, the popup opened by the browser itself (action.openPopup) in front of
// an ordinary page, and WebAuthn with Chromium's own dialog shown (enableUI) over the DevTools
// virtual authenticator (a security key: the platform one waits in the dialog for a click). A
// toolbar popup closes when it loses the focus; the passkey is enrolled and then opens the vault
// in that same popup, which is still open at the end. Playwright does
// not list a toolbar popup among a launched context's pages: it is reached over the DevTools port.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { call, type Launched, launch, openPopup, removeProfile } from './harness';
import { openPage } from './popup-steps';
import { addVirtualAuthenticator } from './webauthn';
import { PASSWORD } from './world';
import { startXDisplay, type XDisplay } from './x-display';

let display: XDisplay;
let extension: Launched;
let devtools: Browser | undefined;

test.beforeEach(async () => {
  display = await startXDisplay();
  // Playwright hands this worker's environment to the browser it launches.
  process.env.DISPLAY = display.name;
  // Port 0: the browser picks a free one and writes it into the profile.
  extension = await launch(undefined, { headless: false, args: ['--remote-debugging-port=0'] });
});

test.afterEach(async () => {
  await devtools?.close().catch(() => {});
  await extension.close().catch(() => {});
  await removeProfile(extension.userDataDir);
  await display.stop();
});

/** The toolbar popup, opened by the browser over the focused page, as Playwright's page. */
async function toolbarPopup(): Promise<Page> {
  const worker = extension.context.serviceWorkers()[0]!;
  await worker.evaluate(() => chrome.action.openPopup());
  const port = (await readFile(path.join(extension.userDataDir, 'DevToolsActivePort'), 'utf8')).split(
    '\n',
  )[0];
  devtools = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = devtools.contexts()[0]!;
  const find = () => context.pages().find((page) => page.url().endsWith('/src/popup/index.html'));
  await expect.poll(() => find() !== undefined).toBe(true);
  return find()!;
}

test('the toolbar popup enrols a passkey and unlocks with it through the browser’s own dialog, and stays open', async () => {
  const tab = await openPopup(extension);
  await call(tab, 'vault.create', { password: PASSWORD, kdf: 'argon2id-64m-t3' });
  await tab.close();
  // An ordinary page has the focus, as when a person clicks the toolbar button.
  const web = await extension.context.newPage();
  await web.setContent('<h1>An API tool</h1>');
  await web.bringToFront();

  const popup = await toolbarPopup();
  const cdp = await popup.context().newCDPSession(popup);
  await cdp.send('WebAuthn.enable', { enableUI: true });
  await addVirtualAuthenticator(cdp, { transport: 'usb' });
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');

  const page = await openPage(popup, 'Settings', 'Passkeys');
  await page.getByLabel('Name of the new passkey').fill('Toolbar key');
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByRole('status')).toHaveText('Toolbar key added: it unlocks the vault from now on.');

  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Locked');
  await popup.getByRole('button', { name: 'Unlock with a passkey' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
  expect(popup.isClosed()).toBe(false);
  // The toolbar's popup, not a tab showing the same page: no tab has its address.
  const worker = extension.context.serviceWorkers()[0]!;
  const tabs = await worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.url ?? ''));
  expect(tabs.some((url) => url.includes('/src/popup/'))).toBe(false);
  expect(popup.url()).toContain('/src/popup/index.html');
});
