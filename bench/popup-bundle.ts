// What the popup downloads from the built extension: every script and style its HTML names,
// followed through their imports, each gzipped — all of it, and what one open loads (the shell
// and the view it opens on; the other views are chunks of their own, loaded later); and which
// worker-only code must stay out of it. Shared by the bundle test (test/e2e/bundle.spec.ts) and
// the popup benchmark.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The budget for the JS + CSS one popup open loads, gzip level 9, in bytes (40 kB as Vite prints
 * kB): locked, or unlocked on any one of its views.
 */
export const POPUP_GZIP_BUDGET = 40_000;

/** The unlocked views, each built as a chunk named after its module (views/<id>-view.tsx). */
export const POPUP_VIEWS = ['home', 'activity', 'credentials', 'apps', 'settings'] as const;

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

// A static import or re-export in built JS: `import{a as b}from"./x.js"`, `import"./x.js"`. Not
// `import("./x.js")` (loaded on demand) and not the file lists Vite keeps to preload those.
const STATIC_IMPORT =
  /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']((?:\.{1,2}\/|\/)?[\w./-]+\.js)["']/g;

/**
 * Every file reachable from the entries (HTML or JS), the entries' own JS/CSS included. `only`
 * `static`: from JS, follow static imports only — what loads before anything runs on demand.
 */
function reachable(dist: string, entry: string | string[], follow: 'all' | 'static' = 'all'): Chunk[] {
  const seen = new Set<string>();
  const chunks: Chunk[] = [];
  const queue = Array.isArray(entry) ? [...entry] : [entry];
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
    const references = follow === 'static' && file.endsWith('.js') ? STATIC_IMPORT : REFERENCE;
    for (const match of text.matchAll(references)) {
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

/**
 * What one popup open loads: the HTML's scripts, preloads and styles with their static imports,
 * and, for an unlocked open, the chunk of the view it opens on with its own.
 */
export function popupOpenChunks(dist: string, view?: (typeof POPUP_VIEWS)[number]): Chunk[] {
  const entries = [manifest(dist).action.default_popup];
  if (view) {
    const assets = path.join(dist, 'assets');
    const file = readdirSync(assets).find((name) => name.startsWith(`${view}-view-`) && name.endsWith('.js'));
    if (!file) throw new Error(`no chunk for the ${view} view in ${assets}`);
    entries.push(`assets/${file}`);
  }
  return reachable(dist, entries, 'static');
}

/** Every JS file the service worker loads. */
export function workerChunks(dist: string): Chunk[] {
  return reachable(dist, manifest(dist).background.service_worker);
}

export function totalGzip(chunks: Chunk[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
}
