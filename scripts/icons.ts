// `npx tsx scripts/icons.ts`: renders icons/icon.svg into the PNG sizes the manifest names
// (Chrome takes no SVG icons). Run it after changing the SVG and commit the PNGs beside it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../demo/chromium';

const ICON_SIZES = [16, 32, 48, 128] as const;
const DIR = path.resolve(import.meta.dirname, '../icons');

const svg = await readFile(path.join(DIR, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: path.join(DIR, `icon-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
