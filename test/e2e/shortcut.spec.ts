// The lock shortcut, pressed as a person presses it: a real Alt+Shift+L into a headful Chromium
// window on a private X display, while an ordinary web page has the focus. The vault locks, and
// the popup left open shows the unlock view with nothing of the unlocked vault in its page.
import { expect, test } from '@playwright/test';
import { call, canary, type Launched, launch, openPopup, removeProfile } from './harness';
import { addApp, createVault } from './popup-steps';
import { startXDisplay, type XDisplay } from './x-display';

let display: XDisplay;
let extension: Launched;

test.beforeEach(async () => {
  display = await startXDisplay();
  // Playwright hands this worker's environment to the browser it launches.
  process.env.DISPLAY = display.name;
  extension = await launch(undefined, { headless: false });
});

test.afterEach(async () => {
  await extension.close().catch(() => {});
  await removeProfile(extension.userDataDir);
  await display.stop();
});

test('Alt+Shift+L locks the vault from any page, and the open popup shows the unlock view', async () => {
  const popup = await openPopup(extension);
  await createVault(popup);
  const secret = canary('SHORTCUT');
  await addApp(popup, 'Demo', secret);

  // Some other page in front: the shortcut belongs to the browser, not to the popup.
  const page = await extension.context.newPage();
  await page.setContent('<h1>An API tool</h1>');
  await page.bringToFront();
  await display.press('alt+shift+l');

  await expect
    .poll(() => call<{ state: string }>(popup, 'vault.status'))
    .toMatchObject({
      state: 'locked',
    });
  await popup.bringToFront();
  await expect(popup.getByLabel('Master password')).toBeFocused();
  expect(await popup.content()).not.toContain(secret);
});
