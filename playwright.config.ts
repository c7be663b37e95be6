// End-to-end tests: the built extension (dist/) in Debian's Chromium, a fresh profile per test.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  // Each test runs its own Chromium and Argon2id (64 MiB); two cores fit one at a time best.
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
});
