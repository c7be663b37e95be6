// The activity log's cost in the built extension, in headless Chromium against the sandbox: the
// time of a tool's fetch to a connection's API with the log off, kept for the session and kept in
// the vault — blocks of sequential fetches (trimmed mean each), the setting switched between
// blocks in one browser, the order rotated every round — and a tool sending 10,000 requests in a
// minute: how many the log numbered (none may be dropped), how many it keeps (its bound), what
// storage.session holds for them, and the worker's heap before and after.
// Run: npm run build && npx tsx bench/activity-chromium.ts [--runs 8] [--fetch-only]
import type { Page } from '@playwright/test';
import type { ActivityLogMode } from '../src/core/activity/keeping';
import {
  call,
  type Launched,
  launch,
  openPopup,
  removeProfile,
  serviceWorkerTargets,
} from '../test/e2e/harness';
import { connect, ME, openTool, startWorld, stopWorld } from '../test/e2e/world';
import { fetchTime } from './injection-chromium';
import { argValue, isMain, ms, printTable, summarize } from './stats';

const FETCHES_PER_BLOCK = 200;
const BURST = 10_000;
const BURST_MS = 60_000;

/** `count` requests spread evenly over `durationMs`, a few in flight at once, as a busy tool sends them. */
async function burst(tool: Page, url: string, count: number, durationMs: number): Promise<number> {
  return tool.evaluate(
    async ([target, n, duration]) => {
      const started = performance.now();
      let answered = 0;
      const pending: Promise<void>[] = [];
      for (let i = 0; i < n; i += 1) {
        const due = started + (i * duration) / n;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        pending.push(
          fetch(target).then(async (response) => {
            await response.arrayBuffer();
            if (response.ok) answered += 1;
          }),
        );
      }
      await Promise.all(pending);
      return answered;
    },
    [url, count, durationMs] as const,
  );
}

/**
 * The worker's JS heap in use after a garbage collection, through CDP: attached to the worker's
 * target from a page's session, the commands travel inside Target.sendMessageToTarget.
 */
async function workerHeap(launched: Launched, page: Page): Promise<number | undefined> {
  await launched.serviceWorker();
  const cdp = await launched.context.newCDPSession(page);
  try {
    const [target] = await serviceWorkerTargets(launched, cdp);
    if (!target) return undefined;
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    })) as { sessionId: string };
    let id = 0;
    const command = (method: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        id += 1;
        const mine = id;
        const listener = (event: { sessionId: string; message: string }) => {
          const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
          if (event.sessionId !== sessionId || reply.id !== mine) return;
          cdp.off('Target.receivedMessageFromTarget', listener);
          resolve(reply.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', listener);
        void cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: mine, method }),
        });
      });
    await command('HeapProfiler.collectGarbage');
    const usage = await command('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    return typeof usage.usedSize === 'number' ? usage.usedSize : undefined;
  } finally {
    await cdp.detach();
  }
}

/** The kept log's entries numbered from `from` on, read back a page at a time, and its chunks. */
async function sealedSince(popup: Page, from: number): Promise<{ entries: number; chunks: number }> {
  let entries = 0;
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page = await call<{ entries: { seq: number }[]; more: boolean }>(popup, 'activity.older', {
      before,
    });
    const fresh = page.entries.filter((entry) => entry.seq >= from);
    entries += fresh.length;
    const last = page.entries.at(-1);
    if (!page.more || !last || last.seq < from) break;
    before = last.seq;
  }
  const chunks = await popup.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('jwt-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('activity').objectStore('activity').count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
        };
      }),
  );
  return { entries, chunks };
}

async function activityBytes(popup: Page): Promise<number> {
  return popup.evaluate(async () => {
    const all = (await chrome.storage.session.get(null)) as Record<string, unknown>;
    return Object.entries(all)
      .filter(([key]) => key.startsWith('activity.'))
      .reduce((sum, [, value]) => sum + JSON.stringify(value).length, 0);
  });
}

const MODES: readonly ActivityLogMode[] = ['off', 'session', 'kept'];

export interface ActivityMeasurement {
  /** Per setting, one figure per block. */
  fetchMs: Record<ActivityLogMode, number[]>;
  /** Per round, a setting's block over the block with the log off. */
  ratios: { session: number[]; kept: number[] };
  burst?: {
    sent: number;
    answered: number;
    numbered: number;
    kept: number;
    storedBytes: number;
    heapBefore?: number;
    heapAfter?: number;
    /** After a second minute of as many requests. */
    heapAfterSecond?: number;
    seconds: number;
    /** A third minute with the log kept in the vault: entries sealed, and the chunks holding them. */
    sealed: { entries: number; chunks: number };
  };
}

export async function measureActivityInChromium(runs = 5, fetchOnly = false): Promise<ActivityMeasurement> {
  const world = await startWorld();
  const launched = await launch();
  try {
    const popup = await openPopup(launched);
    await connect(popup, world);
    const tool = await openTool(launched, world.tool.origin);
    const api = `${world.sandbox.url}${ME}`;
    await fetchTime(tool, api, 50, 200);
    const fetchMs: ActivityMeasurement['fetchMs'] = { off: [], session: [], kept: [] };
    const ratios: ActivityMeasurement['ratios'] = { session: [], kept: [] };
    for (let round = 0; round < runs; round += 1) {
      const block: Partial<Record<ActivityLogMode, number>> = {};
      for (let i = 0; i < MODES.length; i += 1) {
        const mode = MODES[(round + i) % MODES.length]!;
        await call(popup, 'settings.save', { settings: { activityLog: mode } });
        block[mode] = await fetchTime(tool, api, FETCHES_PER_BLOCK, 200);
        fetchMs[mode].push(block[mode]);
      }
      ratios.session.push(block.session! / block.off!);
      ratios.kept.push(block.kept! / block.off!);
    }
    await call(popup, 'settings.save', { settings: { activityLog: 'session' } });
    if (fetchOnly) return { fetchMs, ratios };
    const before = await call<{ seq: number }[]>(popup, 'activity.list', {});
    const firstSeq = (before[0]?.seq ?? -1) + 1;
    const heapBefore = await workerHeap(launched, popup);
    const started = performance.now();
    const answered = await burst(tool, api, BURST, BURST_MS);
    const seconds = (performance.now() - started) / 1000;
    // The last entries come with the last answers: wait until the newest is numbered.
    const numberedUpTo = async (seq: number) => {
      let list = await call<{ seq: number }[]>(popup, 'activity.list', {});
      for (let wait = 0; wait < 100 && (list[0]?.seq ?? -1) < seq; wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        list = await call<{ seq: number }[]>(popup, 'activity.list', {});
      }
      return list;
    };
    const after = await numberedUpTo(firstSeq + BURST - 1);
    const heapAfter = await workerHeap(launched, popup);
    // A second minute like the first: the heap stays where the bound holds it.
    await burst(tool, api, BURST, BURST_MS);
    await numberedUpTo(firstSeq + 2 * BURST - 1);
    const heapAfterSecond = await workerHeap(launched, popup);
    const storedBytes = await activityBytes(popup);
    // A third minute with the log kept in the vault: every entry sealed, none dropped.
    await call(popup, 'settings.save', { settings: { activityLog: 'kept' } });
    const keptFrom = (await numberedUpTo(firstSeq + 2 * BURST - 1))[0]!.seq + 1;
    await burst(tool, api, BURST, BURST_MS);
    await numberedUpTo(keptFrom + BURST - 1);
    const sealed = await sealedSince(popup, keptFrom);
    return {
      fetchMs,
      ratios,
      burst: {
        sent: BURST,
        answered,
        numbered: (after[0]?.seq ?? -1) - firstSeq + 1,
        kept: after.length,
        storedBytes,
        ...(heapBefore === undefined ? {} : { heapBefore }),
        ...(heapAfter === undefined ? {} : { heapAfter }),
        ...(heapAfterSecond === undefined ? {} : { heapAfterSecond }),
        seconds,
        sealed,
      },
    };
  } finally {
    await launched.close().catch(() => {});
    await removeProfile(launched.userDataDir);
    await stopWorld(world);
  }
}

export function printActivityTable(r: ActivityMeasurement): void {
  const rows: (string | number)[][] = [];
  for (const mode of MODES) {
    const fetch = summarize(r.fetchMs[mode]);
    rows.push([
      `tool fetch, log ${mode} (trimmed mean of ${FETCHES_PER_BLOCK}, per block)`,
      `${ms(fetch.min)} / ${ms(fetch.median)} / ${ms(fetch.max)} ms`,
    ]);
  }
  const ratio = (values: number[]) => {
    const { min, median, max } = summarize(values);
    return `${min.toFixed(3)} / ${median.toFixed(3)} / ${max.toFixed(3)}`;
  };
  const p50 = (mode: ActivityLogMode) => summarize(r.fetchMs[mode]).median;
  rows.push(
    ['  session ÷ off, per round', ratio(r.ratios.session)],
    ['  kept ÷ off, per round', ratio(r.ratios.kept)],
    ['  p50 ratio, session ÷ off (medians of the blocks)', (p50('session') / p50('off')).toFixed(3)],
    ['  p50 ratio, kept ÷ off (medians of the blocks)', (p50('kept') / p50('off')).toFixed(3)],
  );
  const b = r.burst;
  if (b) {
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    rows.push(
      [`${b.sent} requests sent in ${b.seconds.toFixed(0)} s: answered 200`, b.answered],
      ['  entries numbered (none dropped when equal to the requests)', b.numbered],
      ['  entries kept (the bound)', b.kept],
      ['  storage.session bytes of the log', b.storedBytes],
      [
        '  worker JS heap: before → after → after a second minute',
        b.heapBefore === undefined || b.heapAfter === undefined || b.heapAfterSecond === undefined
          ? '(not reported)'
          : `${mib(b.heapBefore)} → ${mib(b.heapAfter)} → ${mib(b.heapAfterSecond)}`,
      ],
      [`a third minute, kept in the vault: entries sealed (of ${b.sent})`, b.sealed.entries],
      ['  sealed chunks holding them', b.sealed.chunks],
    );
  }
  console.log('\nThe activity log in headless Chromium (min / median / max over the blocks)');
  printTable(['figure', 'value'], rows);
}

if (isMain(import.meta.url)) {
  const result = await measureActivityInChromium(
    argValue('--runs', 5),
    process.argv.includes('--fetch-only'),
  );
  printActivityTable(result);
}
