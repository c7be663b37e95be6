// The built popup's weight: what one open loads — locked, or unlocked on any one view — gzipped,
// within the budget; the views are chunks of their own, each loaded when first shown; and none of
// the worker-only code (Argon2id's WebAssembly, idb, JWE, the token manager) in any chunk.
// Reads the build (DIST); no browser needed, so it runs after the build with the e2e tests.
import { expect, test } from '@playwright/test';
import {
  type Chunk,
  POPUP_GZIP_BUDGET,
  POPUP_VIEWS,
  popupChunks,
  popupOpenChunks,
  totalGzip,
  WORKER_ONLY_MARKERS,
  workerChunks,
} from '../../bench/popup-bundle';
import { DIST } from './harness';

const sizes = (chunks: Chunk[]) =>
  JSON.stringify(Object.fromEntries(chunks.map((c) => [c.file, c.gzipBytes])));

test('each popup open loads at most 40 kB of JS and CSS, gzipped: locked, or on any one view', () => {
  const locked = popupOpenChunks(DIST);
  // The HTML names at least its entry script and its stylesheet.
  expect(locked.some((chunk) => chunk.file.endsWith('.js'))).toBe(true);
  expect(locked.some((chunk) => chunk.file.endsWith('.css'))).toBe(true);
  expect(totalGzip(locked), `locked: ${sizes(locked)}`).toBeLessThanOrEqual(POPUP_GZIP_BUDGET);
  for (const view of POPUP_VIEWS) {
    const open = popupOpenChunks(DIST, view);
    expect(totalGzip(open), `on ${view}: ${sizes(open)}`).toBeLessThanOrEqual(POPUP_GZIP_BUDGET);
    // The view's chunk is not loaded by a locked open.
    expect(open.length).toBeGreaterThan(locked.length);
  }
});

test('the views load on demand: none is among what a locked open loads', () => {
  const locked = popupOpenChunks(DIST).map((chunk) => chunk.file);
  const all = popupChunks(DIST).map((chunk) => chunk.file);
  for (const view of POPUP_VIEWS) {
    const chunk = all.find((file) => file.startsWith(`assets/${view}-view-`));
    expect(chunk, `${view} view chunk`).toBeDefined();
    expect(locked).not.toContain(chunk);
  }
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
