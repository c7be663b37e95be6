// Unit tests: Node, real WebCrypto, fake-indexeddb; browser APIs faked at the platform boundary.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/sandbox/**/*.test.ts'],
    environment: 'node',
    passWithNoTests: false,
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
