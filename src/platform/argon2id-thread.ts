// Argon2id off the background's own thread. hash-wasm is synchronous WebAssembly: run in the
// service worker it blocks lock, auto-lock and token refreshes for the whole derivation. Chromium's
// service worker cannot start a Worker, so an offscreen document (reason WORKERS) starts it;
// Firefox's event page starts it itself. Imported by argon2id-off-thread.ts (the
// background's runner) and the offscreen page (src/offscreen/main.ts).
/// <reference types="vite/client" />
import type { Bytes } from '../core/crypto/bytes';
// Types only: the offscreen page must not load the derivation code (hash-wasm) it never runs.
import type { Argon2idJob, Argon2idRunner } from '../core/crypto/kdf';

const OFFSCREEN_PAGE = 'src/offscreen/index.html';
const JOB = 'argon2id.job';

/** A job as it crosses runtime messaging, which Chromium serialises as JSON: bytes as arrays. */
interface WireJob extends Omit<Argon2idJob, 'password' | 'salt'> {
  type: typeof JOB;
  password: number[];
  salt: number[];
}
type WireResult = { ok: true; key: number[] } | { ok: false };

/** What the Worker sends back: the key, or nothing when the derivation threw. */
export interface WorkerResult {
  key?: Bytes;
}

/**
 * How long a Worker is kept after its derivation. A second one often follows within seconds (an
 * unlock, then the password asked again for a backup), and a fresh Worker costs about 50 ms more
 * at the default preset: its 64 MiB of WebAssembly memory is new each time. After that its memory,
 * filled from the password, goes with it (run in the service worker it stayed as long as that).
 */
export const WORKER_IDLE_MS = 20_000;

let idle: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined;

function takeWorker(): Worker {
  if (!idle) return new Worker(new URL('./argon2id-worker.ts', import.meta.url), { type: 'module' });
  clearTimeout(idle.timer);
  const { worker } = idle;
  idle = undefined;
  return worker;
}

/** Keeps one Worker for the next job, for a while; any other is ended at once. */
function giveBack(worker: Worker): void {
  if (idle) {
    worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    worker.terminate();
    idle = undefined;
  }, WORKER_IDLE_MS);
  idle = { worker, timer };
}

/** One derivation in a Worker that runs nothing else meanwhile; one that failed is ended. */
export function argon2idInWorker(job: Argon2idJob): Promise<Bytes> {
  return new Promise((resolve, reject) => {
    const worker = takeWorker();
    worker.onmessage = (event: MessageEvent<WorkerResult>) => {
      if (event.data.key) {
        giveBack(worker);
        resolve(event.data.key);
      } else {
        worker.terminate();
        reject(new Error('Argon2id failed in its worker.'));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error('The Argon2id worker could not run.'));
    };
    worker.postMessage(job);
  });
}

function isWireJob(message: unknown): message is WireJob {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === JOB;
}

/** The offscreen page's part: each job from the service worker goes to a Worker. */
export function serveArgon2idJobs(): void {
  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Only this extension's own worker sends jobs; a content script would come with a tab.
    if (!isWireJob(message) || sender.id !== chrome.runtime.id || sender.tab) return false;
    const { type: _type, password, salt, ...params } = message;
    argon2idInWorker({ ...params, password: Uint8Array.from(password), salt: Uint8Array.from(salt) }).then(
      (key) => sendResponse({ ok: true, key: Array.from(key) } satisfies WireResult),
      () => sendResponse({ ok: false } satisfies WireResult),
    );
    return true;
  });
}

let creating: Promise<void> | undefined;

/** The offscreen page, created when none is open (it outlives a restarted service worker). */
async function ensureOffscreenPage(): Promise<void> {
  const open = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType],
    documentUrls: [chrome.runtime.getURL(OFFSCREEN_PAGE)],
  });
  if (open.length > 0) return;
  // One creation at a time: a second call while the first is under way would be refused.
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PAGE,
      reasons: ['WORKERS' as chrome.offscreen.Reason],
      justification: 'Derives the vault key from the master password in a Worker.',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

async function argon2idOffscreen(job: Argon2idJob, fallback: Argon2idRunner): Promise<Bytes> {
  try {
    await ensureOffscreenPage();
  } catch {
    console.warn('No offscreen document: Argon2id runs on the service worker thread.');
    return fallback(job);
  }
  // runtime messages reach every extension page listening with runtime.onMessage; only the
  // offscreen page does (the popup uses a port). They are pages that can read the data key in
  // storage.session anyway: the password reaches no context less trusted than this one.
  const wire: WireJob = { ...job, type: JOB, password: Array.from(job.password), salt: Array.from(job.salt) };
  const reply = (await chrome.runtime.sendMessage(wire)) as WireResult | undefined;
  if (!reply?.ok) throw new Error('Argon2id failed in the offscreen document.');
  return Uint8Array.from(reply.key);
}

/**
 * Chromium's service worker: through the offscreen page. Firefox's event page: a Worker of its
 * own. Anywhere else (Node), or when no offscreen page can be made: `here`, on this thread.
 */
export function backgroundArgon2idRunner(here: Argon2idRunner): Argon2idRunner {
  // The Firefox build leaves the offscreen code out (its linter flags the API as unsupported).
  if (import.meta.env.MODE !== 'firefox' && globalThis.chrome?.offscreen) {
    return (job) => argon2idOffscreen(job, here);
  }
  if (typeof Worker === 'function') return argon2idInWorker;
  return here;
}
