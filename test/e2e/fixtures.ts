// Playwright fixtures: a fresh Chromium profile with the extension for each test, removed after.
import { test as base } from '@playwright/test';
import { type Launched, launch, removeProfile } from './harness';

export const test = base.extend<{ extension: Launched }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
  extension: async ({}, use) => {
    const launched = await launch();
    await use(launched);
    await launched.close().catch(() => {});
    await removeProfile(launched.userDataDir);
  },
});

export { expect } from '@playwright/test';
