// Reusable e2e helpers: launch Chromium with the built extension in a fresh profile, find the
// extension id, open the popup, talk to the worker like the popup does, kill the worker, and
// scan the profile on disk for canary values.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, type CDPSession, expect, type Page, type Worker } from '@playwright/test';
import { launchWithExtension, popupUrl } from '../../demo/chromium';

export { popupUrl };

/** The built extension; EXTENSION_DIST points elsewhere (e.g. a second build beside dist/). */
export const DIST = path.resolve(process.env.EXTENSION_DIST ?? path.join(import.meta.dirname, '../../dist'));

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function newProfileDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'jwt-vault-profile-'));
}

/**
 * Launches Chromium with dist/ loaded. Reuse `userDataDir` to restart the same profile. Headful
 * only where a test needs what headless has not, such as the browser's own keyboard shortcuts
 * (it then needs an X display: see x-display.ts).
 */
export async function launch(
  userDataDir?: string,
  { headless = true, dist = DIST, args = [] as string[] } = {},
): Promise<Launched> {
  const dir = userDataDir ?? (await newProfileDir());
  const { context, extensionId } = await launchWithExtension({
    dist,
    userDataDir: dir,
    headless,
    args,
  });
  const serviceWorker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId,
    userDataDir: dir,
    serviceWorker,
    close: () => context.close(),
  };
}

export async function openPopup(launched: Launched): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(popupUrl(launched.extensionId));
  return page;
}

export type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** Sends a request to the worker from an extension page, exactly as the popup does. */
export async function send(page: Page, type: string, payload: unknown = {}): Promise<Reply> {
  return page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }) as Promise<Reply>, [
    type,
    payload,
  ] as const);
}

/** Sends a request and returns its value, failing the test on an error reply. */
export async function call<T = unknown>(page: Page, type: string, payload: unknown = {}): Promise<T> {
  const reply = await send(page, type, payload);
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

export interface Race {
  reply: Reply;
  /** Each probe's reply time in ms, sent one after another until `type` replied. */
  probes: number[];
}

/**
 * Sends `type` and, without waiting for it, sends `probe` again and again until it replies,
 * timing each probe: their slowest is the longest the worker kept a person waiting meanwhile.
 */
export async function probeWhile(popup: Page, type: string, payload: unknown, probe: string): Promise<Race> {
  return popup.evaluate(
    // No named inner functions: the benchmarks run this through tsx, whose helper the page lacks.
    async ([t, p, probeType]) => {
      let replied = false;
      const pending = (chrome.runtime.sendMessage({ type: t, payload: p }) as Promise<Reply>).then(
        (reply) => {
          replied = true;
          return reply;
        },
      );
      const probes: number[] = [];
      while (!replied) {
        const started = performance.now();
        await chrome.runtime.sendMessage({ type: probeType, payload: {} });
        probes.push(performance.now() - started);
      }
      return { reply: await pending, probes };
    },
    [type, payload, probe] as const,
  );
}

/** The extension's running service-worker targets, as CDP lists them. */
export async function serviceWorkerTargets(launched: Launched, cdp: CDPSession) {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  return targetInfos.filter(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${launched.extensionId}/`),
  );
}

/** How many service workers of the extension are running now (0 while it sleeps). */
export async function runningServiceWorkers(launched: Launched, page: Page): Promise<number> {
  const cdp = await launched.context.newCDPSession(page);
  try {
    return (await serviceWorkerTargets(launched, cdp)).length;
  } finally {
    await cdp.detach();
  }
}

/**
 * Closes the service worker's target (as Chromium does when it idles); the next event wakes it.
 * An open popup reconnects its status port at once, which starts the worker again under the
 * same target id: what must go is the killed instance, told by a mark left in its global scope.
 */
export async function killServiceWorker(launched: Launched, page: Page): Promise<void> {
  await launched.serviceWorker();
  // Playwright keeps a stopped worker's handle for a while: mark every live one, ask every one.
  const marked = await Promise.all(
    launched.context
      .serviceWorkers()
      .map((worker) =>
        worker.evaluate(() => Object.assign(self, { killedByTest: true }) && true).catch(() => false),
      ),
  );
  if (!marked.includes(true)) throw new Error('no running service worker to kill');
  const cdp = await launched.context.newCDPSession(page);
  try {
    const workers = await serviceWorkerTargets(launched, cdp);
    if (workers.length === 0) throw new Error('no service worker target to kill');
    for (const target of workers) await cdp.send('Target.closeTarget', { targetId: target.targetId });
    const killedStillRuns = async () => {
      const running = await serviceWorkerTargets(launched, cdp);
      if (running.length === 0) return false;
      const answers = await Promise.all(
        launched.context.serviceWorkers().map((worker) =>
          // A stopped worker's handle throws: only the marked instance answering means it runs.
          worker.evaluate(() => 'killedByTest' in self).catch(() => false),
        ),
      );
      if (!answers.includes(true)) return false;
      // A close that came while the worker was still starting can be lost: close it again.
      for (const target of running)
        await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => {});
      return true;
    };
    await expect.poll(killedStillRuns, { message: 'the worker stops' }).toBe(false);
  } finally {
    await cdp.detach();
  }
}

/**
 * Stops the worker while no extension page is open to start it again: closes its targets until
 * none runs (a close that comes while the worker is busy starting can be lost, so it is sent
 * again), as Chromium stops an idle worker. The next event wakes a fresh one.
 */
export async function stopIdleServiceWorker(launched: Launched, page: Page): Promise<void> {
  const cdp = await launched.context.newCDPSession(page);
  try {
    const closeRunning = async () => {
      const running = await serviceWorkerTargets(launched, cdp);
      for (const target of running) {
        await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => {});
      }
      return running.length;
    };
    await expect.poll(closeRunning, { message: 'the worker stops' }).toBe(0);
  } finally {
    await cdp.detach();
  }
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/** Every file in the profile holding the canary, as ASCII/UTF-8 or as UTF-16LE. */
export async function filesContaining(dir: string, canary: string): Promise<string[]> {
  const needles = [Buffer.from(canary, 'utf8'), Buffer.from(canary, 'utf16le')];
  const hits: string[] = [];
  for await (const file of filesUnder(dir)) {
    if ((await stat(file)).size > 256 * 1024 * 1024) continue;
    const bytes = await readFile(file);
    if (needles.some((needle) => bytes.includes(needle))) hits.push(path.relative(dir, file));
  }
  return hits;
}

export async function removeProfile(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** A random marker that can only be in the profile if we put it there. */
export function canary(label: string): string {
  return `CANARY${label}${crypto.randomUUID().replaceAll('-', '')}`;
}
