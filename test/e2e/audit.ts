// The accessibility audit of a popup page as it is now, in both colour schemes, with a
// screenshot of each at popup size in test-results/screenshots for a reviewer: used by the a11y
// spec for every view and form, and by the specs of views that need more set-up than it has
// (passkeys, with a virtual authenticator).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
export const POPUP_SIZE = { width: 380, height: 600 };
const THEMES = ['light', 'dark'] as const;

export interface Finding {
  view: string;
  theme: string;
  rule: string;
  targets: string[];
}

/**
 * Audits the page as it is now, in both themes, and keeps a screenshot of each at popup size:
 * the top of the view, or `shown` (an open form) scrolled into view as a person would scroll.
 */
export async function audit(page: Page, name: string, findings: Finding[], shown?: Locator): Promise<void> {
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
