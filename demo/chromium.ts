// Launches Chromium with the built extension loaded, in a given profile directory. The one
// place that knows the flags: `npm start`, the e2e harness and the benchmarks all use it.
import { type BrowserContext, chromium } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ChromiumWithExtension {
  context: BrowserContext;
  extensionId: string;
}

export async function launchWithExtension(options: {
  dist: string;
  userDataDir: string;
  headless: boolean;
  /** Device pixels per CSS pixel, for sharp screenshots; headless only. */
  deviceScaleFactor?: number;
  /** More command-line flags, e.g. host resolver rules for tests. */
  args?: string[];
}): Promise<ChromiumWithExtension> {
  const context = await chromium.launchPersistentContext(options.userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless,
    // Headful windows keep their own size; headless pages get Playwright's default.
    ...(options.headless ? {} : { viewport: null }),
    ...(options.headless && options.deviceScaleFactor
      ? { deviceScaleFactor: options.deviceScaleFactor }
      : {}),
    args: [
      `--disable-extensions-except=${options.dist}`,
      `--load-extension=${options.dist}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host };
}

export function popupUrl(extensionId: string): string {
  return `chrome-extension://${extensionId}/src/popup/index.html`;
}
