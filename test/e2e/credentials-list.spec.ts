// A long credentials list is windowed: only the rows near the view are in the page, yet the count,
// each row's place in the set, the keyboard walk through every row and the in-place editor work
// as with a plain list, and axe-core finds nothing in either theme.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, openPopup } from './harness';
import { axeViolations, region } from './popup-steps';
import { PASSWORD } from './world';

const COUNT = 60;

/** A compact JWS shaped like a Developer Console JWT; only its shape and claims matter here. */
function jwt(index: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 365 * 86_400;
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: `${62_000_000 + index}`, exp })}.c2lnbmF0dXJl`;
}

/** An unlocked vault holding COUNT credentials, "Account 01" to "Account 60", and a fresh popup. */
async function longList(extension: Parameters<typeof openPopup>[0]): Promise<Page> {
  const setup = await openPopup(extension);
  await call(setup, 'vault.create', { password: PASSWORD, kdf: 'argon2id-19m-t2' });
  for (let i = 1; i <= COUNT; i++)
    await call(setup, 'credentials.save', {
      credential: {
        label: `Account ${String(i).padStart(2, '0')}`,
        jwt: jwt(i),
        allowed: { kind: 'organization' },
        notes: '',
      },
    });
  await setup.close();
  const popup = await openPopup(extension);
  await popup.setViewportSize({ width: 380, height: 600 });
  return popup;
}

/** The focused row's place in the list, and whether it lies inside the list's scroll box. */
function focusedRow(popup: Page) {
  return popup.evaluate(() => {
    const row = document.activeElement?.closest('li[aria-posinset]');
    const box = row?.closest('.virtual-list');
    if (!row || !box) return { position: undefined, inView: false, tag: document.activeElement?.textContent };
    const r = row.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return {
      position: Number(row.getAttribute('aria-posinset')),
      inView: r.top >= b.top - 1 && r.bottom <= b.bottom + 1,
      tag: document.activeElement?.textContent,
    };
  });
}

test('a long list renders a window of rows and says how many there are', async ({ extension }) => {
  const popup = await longList(extension);
  const credentials = await region(popup, 'Credentials');
  await expect(credentials.getByText(`${COUNT} credentials`)).toBeVisible();
  const rows = credentials.getByRole('list', { name: 'Credentials' }).getByRole('listitem');
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(COUNT));
  expect(await rows.count()).toBeLessThan(COUNT / 2);

  await credentials.getByLabel('Filter credentials').fill('account 4');
  await expect(credentials.getByText(`10 of ${COUNT} shown`)).toBeVisible();
  await expect(rows.first()).toHaveAttribute('aria-setsize', '10');
  await expect(rows.first()).toContainText('Account 4');
  expect(await rows.count()).toBeLessThanOrEqual(10);
  expect(await axeViolations(popup)).toEqual([]);
});

test('Tab walks through every row, each scrolled into view, and Shift+Tab walks back', async ({
  extension,
}) => {
  const popup = await longList(extension);
  const credentials = await region(popup, 'Credentials');
  await credentials.getByLabel('Filter credentials').focus();
  for (let position = 1; position <= COUNT; position++) {
    await popup.keyboard.press('Tab');
    expect(await focusedRow(popup)).toEqual({ position, inView: true, tag: 'Edit' });
  }
  await popup.keyboard.press('Tab');
  await expect(credentials.getByRole('button', { name: 'Add credential' })).toBeFocused();
  for (let position = COUNT; position > COUNT - 10; position--) {
    await popup.keyboard.press('Shift+Tab');
    expect(await focusedRow(popup)).toEqual({ position, inView: true, tag: 'Edit' });
  }
  expect(await axeViolations(popup)).toEqual([]);
});

test('the editor opens in place far down the list and gives the focus back to its row', async ({
  extension,
}) => {
  const popup = await longList(extension);
  const credentials = await region(popup, 'Credentials');
  await credentials.locator('.virtual-list').evaluate((box) => {
    box.scrollTop = box.scrollHeight;
  });
  // The list keeps the vault's order; the row third from the end is whichever credential is there.
  const row = (position: number) => credentials.locator(`li[aria-posinset="${position}"]`);
  const label =
    (await row(COUNT - 2)
      .locator('strong')
      .textContent()) ?? '';
  await row(COUNT - 2)
    .getByRole('button', { name: `Edit ${label}` })
    .click();
  const editor = credentials.getByRole('form', { name: `Edit ${label}` });
  await expect(editor.getByLabel('Label')).toBeFocused();
  await expect(editor.getByLabel('Label')).toHaveValue(label);
  // The rows below the editor move down to make room for it, and stay reachable.
  await expect(row(COUNT)).toBeAttached();
  const below = await row(COUNT - 1).boundingBox();
  const form = await editor.boundingBox();
  expect(below?.y).toBeGreaterThanOrEqual((form?.y ?? 0) + (form?.height ?? 0));
  expect(await axeViolations(popup)).toEqual([]);

  await editor.getByLabel('Label').fill(`${label} renamed`);
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(editor).toHaveCount(0);
  await expect(credentials.getByRole('button', { name: `Edit ${label} renamed` })).toBeFocused();
});
