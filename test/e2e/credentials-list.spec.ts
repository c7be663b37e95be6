// A long credentials list is windowed: only the rows near the view are in the page, yet the count,
// each row's place in the set, the keyboard walk through every row and a credential's page far
// down the list work as with a plain list, and axe-core finds nothing in either theme.
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
    if (!row || !box) return { position: undefined, inView: false, tag: document.activeElement?.tagName };
    const r = row.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return {
      position: Number(row.getAttribute('aria-posinset')),
      inView: r.top >= b.top - 1 && r.bottom <= b.bottom + 1,
      tag: document.activeElement?.tagName,
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
    expect(await focusedRow(popup)).toEqual({ position, inView: true, tag: 'A' });
  }
  // Past the last row, the focus leaves the list (and the view).
  await popup.keyboard.press('Tab');
  expect(await focusedRow(popup)).toMatchObject({ position: undefined });
  for (let position = COUNT; position > COUNT - 10; position--) {
    await popup.keyboard.press('Shift+Tab');
    expect(await focusedRow(popup)).toEqual({ position, inView: true, tag: 'A' });
  }
  expect(await axeViolations(popup)).toEqual([]);
});

test("a credential's page opens from far down the list, and the list comes back scrolled where it was", async ({
  extension,
}) => {
  const popup = await longList(extension);
  const credentials = await region(popup, 'Credentials');
  const box = credentials.locator('.virtual-list');
  await box.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  // The list keeps the vault's order; the row third from the end is whichever credential is there.
  const row = (position: number) => credentials.locator(`li[aria-posinset="${position}"]`);
  const label =
    (await row(COUNT - 2)
      .locator('strong')
      .textContent()) ?? '';
  await row(COUNT - 2)
    .getByRole('link', { name: label, exact: true })
    .click();
  const page = popup.getByRole('region', { name: label, exact: true });
  await expect(page.getByRole('heading', { level: 2 })).toBeFocused();
  const editor = page.getByRole('form', { name: `Edit ${label}` });
  await expect(editor.getByLabel('Label')).toHaveValue(label);
  // The form has the page's width and height: nothing of it is cut off in a scroll box.
  const form = await editor.boundingBox();
  expect(form?.width).toBeGreaterThan(300);
  expect(await axeViolations(popup)).toEqual([]);

  await editor.getByLabel('Label').fill(`${label} renamed`);
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(editor).toHaveCount(0);
  await expect(popup.getByRole('heading', { name: 'Credentials', level: 2 })).toBeFocused();
  // Back where it was: the renamed row is there without scrolling.
  await expect(row(COUNT - 2).getByRole('link', { name: `${label} renamed`, exact: true })).toBeInViewport();
  expect(await box.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
});
