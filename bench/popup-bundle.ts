// What the popup downloads from the built extension: every script and style its HTML names,
// followed through their imports, each gzipped; and which worker-only code must stay out of
// it. Shared by the bundle test (test/e2e/bundle.spec.ts) and the popup benchmark.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget for the popup's JS + CSS, gzip level 9, in bytes (40 kB as Vite prints kB). */
export const POPUP_GZIP_BUDGET = 40_000;

/**
 * Code the popup must not carry, each recognised by a string that survives minification and
 * that only that code contains. The test also finds every marker in the worker's bundle, so a
 * marker that stops matching fails loudly instead of passing for nothing.
 */
export const WORKER_ONLY_MARKERS: { what: string; marker: string }[] = [
  { what: 'hash-wasm (Argon2id): its WebAssembly, embedded as base64', marker: 'AGFzbQ' },
  { what: 'hash-wasm (Argon2id): its hasher interface', marker: 'update() called before init()' },
  { what: 'idb: its cursor wrapper', marker: 'continuePrimaryKey' },
  { what: 'jose: JWE key management (exports)', marker: 'RSA-OAEP-256' },
  { what: 'the token manager: the JWT bearer grant', marker: 'grant-type:jwt-bearer' },
  { what: 'the vault crypto: key wrapping', marker: 'wrapKey' },
  { what: 'the header rules: declarativeNetRequest', marker: 'declarativeNetRequest' },
];

export interface Chunk {
  /** Path inside the dist, with forward slashes. */
  file: string;
  bytes: number;
  gzipBytes: number;
  text: string;
}

// A quoted file name in built HTML or JS: "/assets/x.js", "./x.js", "assets/x.css".
const REFERENCE = /["'`]((?:\.{1,2}\/|\/)?[\w./-]+\.(?:js|css))["'`]/g;

function resolveReference(dist: string, from: string, reference: string): string | undefined {
  const candidates = reference.startsWith('/')
    ? [path.join(dist, reference)]
    : reference.startsWith('.')
      ? [path.resolve(path.dirname(path.join(dist, from)), reference)]
      : // Vite's preload lists name files from the dist's root; try beside the importer too.
        [path.join(dist, reference), path.resolve(path.dirname(path.join(dist, from)), reference)];
  const found = candidates.find((file) => file.startsWith(dist) && existsSync(file));
  return found && path.relative(dist, found).split(path.sep).join('/');
}

/** Every file reachable from an entry (HTML or JS), the entry's own JS/CSS included. */
function reachable(dist: string, entry: string): Chunk[] {
  const seen = new Set<string>();
  const chunks: Chunk[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(path.join(dist, file), 'utf8');
    if (!file.endsWith('.html')) {
      const bytes = Buffer.byteLength(text);
      chunks.push({ file, bytes, gzipBytes: gzipSync(text, { level: 9 }).length, text });
    }
    // CSS may name fonts or images, not code: only HTML and JS lead to more chunks.
    if (file.endsWith('.css')) continue;
    for (const match of text.matchAll(REFERENCE)) {
      const next = resolveReference(dist, file, match[1]!);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return chunks;
}

function manifest(dist: string): {
  action: { default_popup: string };
  background: { service_worker: string };
} {
  return JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
}

/** Every JS and CSS file the popup loads, statically or on demand. */
export function popupChunks(dist: string): Chunk[] {
  return reachable(dist, manifest(dist).action.default_popup);
}

/** Every JS file the service worker loads. */
export function workerChunks(dist: string): Chunk[] {
  return reachable(dist, manifest(dist).background.service_worker);
}

export function totalGzip(chunks: Chunk[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
}
