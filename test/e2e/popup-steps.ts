// Steps the popup's e2e specs share: first run through the UI, and axe-core in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { PASSWORD } from './world';

/** First run as a person does it: choose the master password, confirm it, create. */
export async function createVault(popup: Page): Promise<void> {
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByLabel('Confirm password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
}

/** axe-core's violations in both colour schemes, as "rule: targets" lines (none expected). */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const builder = new AxeBuilder({ page });
    const { violations } = await (include ? builder.include(include) : builder).analyze();
    for (const v of violations)
      found.push(`${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}
