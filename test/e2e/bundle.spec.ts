// The built popup's weight: every chunk its HTML loads, gzipped, within the budget, and none of
// the worker-only code (Argon2id's WebAssembly, idb, JWE, the token manager) among them.
// Reads the build (DIST); no browser needed, so it runs after the build with the e2e tests.
import { expect, test } from '@playwright/test';
import {
  POPUP_GZIP_BUDGET,
  popupChunks,
  totalGzip,
  WORKER_ONLY_MARKERS,
  workerChunks,
} from '../../bench/popup-bundle';
import { DIST } from './harness';

test('the popup loads at most 40 kB of JS and CSS, gzipped', () => {
  const chunks = popupChunks(DIST);
  // The HTML names at least its entry script and its stylesheet.
  expect(chunks.some((chunk) => chunk.file.endsWith('.js'))).toBe(true);
  expect(chunks.some((chunk) => chunk.file.endsWith('.css'))).toBe(true);
  const sizes = Object.fromEntries(chunks.map((chunk) => [chunk.file, chunk.gzipBytes]));
  expect(totalGzip(chunks), `gzipped popup chunks: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(
    POPUP_GZIP_BUDGET,
  );
});

test('worker-only code stays out of the popup bundle', () => {
  const popup = popupChunks(DIST);
  const worker = workerChunks(DIST);
  for (const { what, marker } of WORKER_ONLY_MARKERS) {
    // The marker must still identify the code where it belongs, or its absence proves nothing.
    expect(
      worker.some((chunk) => chunk.text.includes(marker)),
      `${what}: marker found in the worker`,
    ).toBe(true);
    const carriers = popup.filter((chunk) => chunk.text.includes(marker)).map((chunk) => chunk.file);
    expect(carriers, `${what}: popup chunks carrying it`).toEqual([]);
  }
});
