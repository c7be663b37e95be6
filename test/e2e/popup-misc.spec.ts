// The popup's smaller features in real Chromium, driven as a person would: editing and deleting
// apps, revealing and copying a client secret (and losing it on lock), the clipboard clearing
// itself, the lock shortcut, opening the popup in a tab, re-keying, and the strength meter.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, canary, type Launched, popupUrl } from './harness';
import { addApp, createVault, openPage } from './popup-steps';
import { PASSWORD } from './world';

/** The vault's state in the header: the page's first status. */
function vaultState(page: Page) {
  return page.getByRole('status').first();
}

/** A JWT-shaped value (the vault only decodes it to show claims). */
function fakeJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: '42', exp: 3_900_000_000 })}.c2ln`;
}

async function open(extension: Launched, withClock = false): Promise<Page> {
  const page = await extension.context.newPage();
  if (withClock) await page.clock.install();
  await page.goto(popupUrl(extension.extensionId));
  return page;
}

test('apps: edit keeps or removes the secret, reveal and hide it, lock drops it, delete refused while in use', async ({
  extension,
}) => {
  const popup = await open(extension);
  await createVault(popup);
  const secret = canary('SECRET');
  await addApp(popup, 'Demo', secret);
  let apps = await openPage(popup, 'Apps', 'Demo');

  // Masked until asked; Reveal shows it, Hide takes it out of the page.
  await expect(apps.getByText('••••••••')).toBeVisible();
  expect(await popup.content()).not.toContain(secret);
  await apps.getByRole('button', { name: 'Reveal client secret of Demo' }).click();
  await expect(apps.getByText(secret)).toBeVisible();
  await apps.getByRole('button', { name: 'Hide client secret of Demo' }).click();
  await expect(apps.getByText('••••••••')).toBeVisible();
  expect(await popup.content()).not.toContain(secret);

  // Edit with the secret field empty: the name changes, the stored secret stays.
  let form = apps.getByRole('form', { name: 'Edit Demo' });
  await expect(form.getByLabel('App name')).toHaveValue('Demo');
  await expect(form.getByLabel('New client secret (leave empty to keep the stored one)')).toHaveValue('');
  await form.getByLabel('App name').fill('Demo renamed');
  await form.getByRole('button', { name: 'Save changes' }).click();
  // Saved: back on the list, under the new name.
  await expect(popup.getByRole('heading', { name: 'Apps', level: 2 })).toBeFocused();
  apps = await openPage(popup, 'Apps', 'Demo renamed');
  await apps.getByRole('button', { name: 'Reveal client secret of Demo renamed' }).click();
  await expect(apps.getByText(secret)).toBeVisible();

  // Locking takes the revealed secret out of the page.
  await popup.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(vaultState(popup)).toHaveText('Locked');
  expect(await popup.content()).not.toContain(secret);
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(vaultState(popup)).toHaveText('Unlocked');
  // Unlocked on the page it was left at, the secret masked again.
  await expect(apps.getByText('••••••••')).toBeVisible();
  expect(await popup.content()).not.toContain(secret);

  // Remove the secret explicitly.
  form = apps.getByRole('form', { name: 'Edit Demo renamed' });
  await form.getByLabel('Remove the stored client secret').check();
  await form.getByRole('button', { name: 'Save changes' }).click();
  const list = popup.getByRole('region', { name: 'Apps' });
  await expect(list.getByText('no client secret', { exact: false })).toBeVisible();
  const [app] = await call<{ id: string; hasSecret: boolean }[]>(popup, 'apps.list');
  expect(app?.hasSecret).toBe(false);
  expect(await call(popup, 'apps.secret', { id: app?.id }).catch((e: Error) => e.message)).toMatch(
    /NOT_FOUND/,
  );

  // A connection uses the app: deleting it is refused, with the reason; without it, it goes.
  const credential = await call<{ id: string }>(popup, 'credentials.save', {
    credential: { label: 'Alice', jwt: fakeJwt(), allowed: { kind: 'organization' } },
  });
  const connection = await call<{ id: string }>(popup, 'connections.save', {
    connection: {
      credentialId: credential.id,
      appId: app?.id,
      apiBaseUrl: 'http://127.0.0.1:9/restapi/',
      toolOrigins: ['http://localhost:3000'],
      enabled: false,
    },
  });
  apps = await openPage(popup, 'Apps', 'Demo renamed');
  await apps.getByRole('button', { name: 'Delete app' }).click();
  await apps.getByRole('button', { name: 'Delete for good' }).click();
  await expect(popup.getByRole('alert')).toHaveAttribute('data-code', 'IN_USE');
  await expect(apps.getByText('Demo-client-id')).toBeVisible();
  await call(popup, 'connections.delete', { id: connection.id });
  await apps.getByRole('button', { name: 'Delete app' }).click();
  await apps.getByRole('button', { name: 'Delete for good' }).click();
  // Deleted: back on the list, empty now.
  await expect(list.getByText('No apps yet.', { exact: false })).toBeVisible();
});

/** The clipboard as another page reads it: a plain web page granted clipboard-read. */
async function clipboardReader(extension: Launched) {
  const origin = 'https://clipboard.test';
  const page = await extension.context.newPage();
  await page.route(`${origin}/`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>r</title>' }),
  );
  await page.goto(`${origin}/`);
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  return {
    read: () => page.evaluate(() => navigator.clipboard.readText()),
    write: (text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text),
  };
}

test('Copy puts the client secret on the clipboard; 30 s later it is cleared, unless replaced', async ({
  extension,
}) => {
  // The popup holds no clipboard-read grant, as for a user: it clears when its copy was the
  // last write it knows of.
  const clipboard = await clipboardReader(extension);
  const popup = await open(extension, true);
  await createVault(popup);
  const secret = canary('COPY');
  await addApp(popup, 'Demo', secret);
  const apps = await openPage(popup, 'Apps', 'Demo');

  await apps.getByRole('button', { name: 'Copy client secret of Demo' }).click();
  await expect(apps.getByRole('status')).toHaveText(/^Copied\./);
  expect(await clipboard.read()).toBe(secret);
  // The copied value never showed in the page.
  expect(await popup.content()).not.toContain(secret);

  await popup.clock.fastForward(29_000);
  expect(await clipboard.read()).toBe(secret);
  await popup.clock.fastForward(2_000);
  await expect.poll(() => clipboard.read()).toBe('');

  // With the read grant, something copied elsewhere meanwhile is left alone.
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await apps.getByRole('button', { name: 'Copy client secret of Demo' }).click();
  await expect.poll(() => clipboard.read()).toBe(secret);
  await clipboard.write('something of mine');
  await popup.clock.fastForward(31_000);
  expect(await clipboard.read()).toBe('something of mine');
});

test('the lock shortcut is declared and assigned to Alt+Shift+L', async ({ extension }) => {
  const popup = await open(extension);
  const commands = await popup.evaluate(() => chrome.commands.getAll());
  expect(commands).toContainEqual(
    expect.objectContaining({ name: 'lock-vault', shortcut: 'Alt+Shift+L', description: 'Lock the vault' }),
  );
});

test('Open in tab opens the popup page in a tab that works on its own', async ({ extension }) => {
  const popup = await open(extension);
  const [tab] = await Promise.all([
    extension.context.waitForEvent('page'),
    popup.getByRole('button', { name: 'Open in tab' }).click(),
  ]);
  await tab.waitForLoadState();
  // The tab opens on the view the popup showed: before a vault exists, home.
  expect(tab.url()).toBe(`${popupUrl(extension.extensionId)}?view=tab#/home`);
  // The tab offers no second tab, and lays out in a centred column.
  await expect(tab.getByRole('button', { name: 'Open in tab' })).toHaveCount(0);
  await tab.setViewportSize({ width: 1400, height: 900 });
  const box = await tab.locator('body').boundingBox();
  expect(box?.width).toBeLessThanOrEqual(760);
  expect(box?.x).toBeGreaterThan(200);

  await createVault(tab);
  await popup.close();
  await tab.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(vaultState(tab)).toHaveText('Locked');
  await tab.getByLabel('Master password').fill(PASSWORD);
  await tab.getByRole('button', { name: 'Unlock' }).click();
  await expect(vaultState(tab)).toHaveText('Unlocked');
});

test('re-keying to PBKDF2 keeps the password, and unlocking still works', async ({ extension }) => {
  const popup = await open(extension);
  await createVault(popup);
  await openPage(popup, 'Settings', 'Key derivation');
  const kdf = popup.getByRole('form', { name: 'Key derivation' });
  await expect(
    kdf.getByText('Now: Argon2id, 64 MiB, 3 passes, 4 lanes (default), recommended.'),
  ).toBeVisible();

  await kdf.getByLabel('PBKDF2-HMAC-SHA256, 600,000 iterations').check();
  await kdf.getByLabel('Password, to confirm re-keying').fill('not the password');
  await kdf.getByRole('button', { name: 'Re-key' }).click();
  await expect(popup.getByRole('alert')).toHaveAttribute('data-code', 'WRONG_PASSWORD');

  await kdf.getByLabel('Password, to confirm re-keying').fill(PASSWORD);
  await kdf.getByRole('button', { name: 'Re-key' }).click();
  await expect(kdf.getByRole('status')).toHaveText('Re-keyed with PBKDF2-HMAC-SHA256, 600,000 iterations.');
  await expect(kdf.getByText('Now: PBKDF2-HMAC-SHA256, 600,000 iterations.')).toBeVisible();
  expect(await call(popup, 'vault.status')).toMatchObject({ state: 'unlocked', kdf: 'pbkdf2-600k' });

  await popup.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(vaultState(popup)).toHaveText('Locked');
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(vaultState(popup)).toHaveText('Unlocked');
});

test('the strength meter reacts to the master password being typed', async ({ extension }) => {
  const popup = await open(extension);
  const meter = popup.getByRole('meter', { name: 'Password strength' });
  // No bar before anything is typed.
  await expect(popup.getByText('nothing can recover the vault', { exact: false })).toBeVisible();
  await expect(meter).toHaveCount(0);

  await popup.getByLabel('Master password').fill('password1');
  await expect(meter).toHaveAttribute('aria-valuetext', 'Weak');
  await expect(popup.getByText(/^Strength: Weak\./)).toBeVisible();
  await popup.getByLabel('Master password').fill('correct horse battery staple');
  await expect(meter).toHaveAttribute('aria-valuetext', 'Strong');
  await expect(popup.getByText('Strength: Strong.')).toBeVisible();
});

test('a lock made elsewhere (as the shortcut does) empties an open popup within seconds', async ({
  extension,
}) => {
  const popup = await open(extension);
  await createVault(popup);
  const secret = canary('ELSEWHERE');
  await addApp(popup, 'Demo', secret);
  const apps = await openPage(popup, 'Apps', 'Demo');
  await apps.getByRole('button', { name: 'Reveal client secret of Demo' }).click();
  await expect(apps.getByText(secret)).toBeVisible();

  // The shortcut calls the same session lock from the worker; here another page asks for it.
  const other = await open(extension);
  await call(other, 'vault.lock');
  await expect(vaultState(popup)).toHaveText('Locked');
  expect(await popup.content()).not.toContain(secret);
});

test('the new views pass axe in light and dark', async ({ extension }) => {
  const popup = await open(extension);
  await popup.getByLabel('Master password').fill('password1');
  const found: string[] = [];
  const scan = async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      const { violations } = await new AxeBuilder({ page: popup }).analyze();
      for (const v of violations)
        found.push(`${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
    }
  };
  await scan();
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByLabel('Confirm password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await expect(vaultState(popup)).toHaveText('Unlocked');
  await addApp(popup, 'Demo', canary('AXE'));
  const apps = await openPage(popup, 'Apps', 'Demo');
  await apps.getByRole('button', { name: 'Reveal client secret of Demo' }).click();
  await apps.getByRole('button', { name: 'Delete app' }).click();
  await scan();
  await openPage(popup, 'Settings', 'Change the master password');
  await popup.getByLabel('New password', { exact: true }).fill('abc');
  await scan();
  expect(found).toEqual([]);
});
