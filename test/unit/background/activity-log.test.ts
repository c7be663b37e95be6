import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActivityLog, isActivityKey, type Keeping } from '../../../src/background/activity-log';
import type { ActivityEntry } from '../../../src/core/activity/entry';
import { PAGE_SIZE } from '../../../src/core/activity/ring';
import { importDataKey } from '../../../src/core/crypto/data-key';
import { ActivityHistory } from '../../../src/core/vault';
import type { KeyValueArea } from '../../../src/platform/storage';
import { freshDb } from '../core/support';
import { memoryArea } from '../support/memory-area';

const request = (n: number, connectionId = 'c1'): Omit<ActivityEntry, 'seq'> => ({
  at: 1_000 + n,
  connectionIds: [connectionId],
  origin: 'http://localhost:3000',
  tabId: 7,
  method: 'GET',
  url: `http://127.0.0.1:8080/restapi/v1.0/item/${n}`,
  header: 'vault',
  generation: 1,
  status: 200,
  durationMs: 4,
});

/** A storage area that counts its writes. */
function counted(area: KeyValueArea & { dump(): Record<string, unknown> }) {
  let sets = 0;
  return {
    ...area,
    async set(key: string, value: unknown) {
      sets += 1;
      await area.set(key, value);
    },
    sets: () => sets,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the activity log', () => {
  it('lists entries newest first, numbered in the order they came', async () => {
    const log = createActivityLog({ store: memoryArea() });
    for (let n = 0; n < 3; n += 1) await log.record(request(n));
    const entries = await log.list();
    expect(entries.map((e) => e.seq)).toEqual([2, 1, 0]);
    expect(entries[0]?.url).toBe('http://127.0.0.1:8080/restapi/v1.0/item/2');
  });

  it('keeps the newest entries within its bound, and the store only the pages that hold them', async () => {
    const store = memoryArea();
    const log = createActivityLog({ store, limit: 250 });
    for (let n = 0; n < 1_000; n += 1) await log.record(request(n));
    await log.flush();
    const entries = await log.list();
    expect(entries).toHaveLength(250);
    expect(entries[0]?.seq).toBe(999);
    expect(entries.at(-1)?.seq).toBe(750);
    // Entries 750…999: pages 7, 8 and 9, and the head.
    const keys = Object.keys(store.dump()).filter(isActivityKey).sort();
    expect(keys).toEqual(['activity.head', 'activity.page.7', 'activity.page.8', 'activity.page.9']);
  });

  it('writes a burst of entries in a few writes, not one each', async () => {
    const store = counted(memoryArea());
    const log = createActivityLog({ store, flushDelayMs: 60_000 });
    for (let n = 0; n < PAGE_SIZE * 2 + 10; n += 1) void log.record(request(n));
    await log.flush();
    // Three pages and the head.
    expect(store.sets()).toBe(4);
  });

  it('outlives a worker that stopped: a new one lists what the last one wrote, and goes on numbering', async () => {
    const store = memoryArea();
    const first = createActivityLog({ store });
    for (let n = 0; n < 150; n += 1) await first.record(request(n));
    await first.flush();
    const next = createActivityLog({ store });
    await next.record(request(150));
    const entries = await next.list();
    expect(entries).toHaveLength(151);
    expect(entries.map((e) => e.seq).slice(0, 3)).toEqual([150, 149, 148]);
  });

  it('lists one connection’s entries when asked', async () => {
    const log = createActivityLog({ store: memoryArea() });
    await log.record(request(0, 'c1'));
    await log.record({ ...request(1, 'c2'), connectionIds: ['c2', 'c1'] });
    await log.record(request(2, 'c2'));
    expect((await log.list({ connectionId: 'c1' })).map((e) => e.seq)).toEqual([1, 0]);
  });

  it('lists only the entries after a number when asked: what a live view has not seen', async () => {
    const log = createActivityLog({ store: memoryArea() });
    for (let n = 0; n < 5; n += 1) await log.record(request(n));
    expect((await log.list({ after: 2 })).map((e) => e.seq)).toEqual([4, 3]);
    expect(await log.list({ after: 4 })).toEqual([]);
  });

  it('tells of each entry it adds, with its number', async () => {
    const told: number[] = [];
    const log = createActivityLog({ store: memoryArea(), onRecorded: (seq) => told.push(seq) });
    await log.record(request(0));
    await log.record(request(1));
    expect(told).toEqual([0, 1]);
  });

  it('empties memory and store at clear, and starts again from the first number', async () => {
    const store = memoryArea();
    const log = createActivityLog({ store });
    for (let n = 0; n < 120; n += 1) await log.record(request(n));
    await log.flush();
    await log.clear();
    expect(Object.keys(store.dump()).filter(isActivityKey)).toEqual([]);
    expect(await log.list()).toEqual([]);
    await log.record(request(0));
    expect((await log.list()).map((e) => e.seq)).toEqual([0]);
  });

  it('writes nothing after clear of what was waiting before it', async () => {
    vi.useFakeTimers();
    const store = memoryArea();
    const log = createActivityLog({ store, flushDelayMs: 200 });
    await log.record(request(0));
    await log.clear();
    // The write the record scheduled must not put the cleared page back.
    await vi.runAllTimersAsync();
    expect(Object.keys(store.dump()).filter(isActivityKey)).toEqual([]);
  });
});

describe('what the settings say of the activity log', () => {
  const DAY = 86_400_000;

  async function kept(initial: Keeping['activityLog'] = 'kept') {
    const { db } = await freshDb();
    const history = new ActivityHistory(db, await importDataKey(crypto.getRandomValues(new Uint8Array(32))));
    const settings: Keeping = { activityLog: initial, activityKeepDays: 30 };
    // The entries' times are 1,000 ms and after (request above).
    let clock = 1_000;
    const store = memoryArea();
    const make = (limit?: number) =>
      createActivityLog({
        store,
        keeping: async () => ({ ...settings }),
        history: async () => history,
        now: () => clock,
        ...(limit ? { limit } : {}),
      });
    return {
      history,
      settings,
      store,
      make,
      tick: (ms: number) => {
        clock += ms;
      },
    };
  }

  const seqs = (entries: readonly ActivityEntry[]) => entries.map((e) => e.seq);

  it('logs nothing while switched off, and forgets what it had when switched off', async () => {
    const { settings, store, make } = await kept('session');
    const log = make();
    for (let n = 0; n < 3; n += 1) await log.record(request(n));
    await log.flush();
    settings.activityLog = 'off';
    await log.settingsChanged();
    expect(await log.list()).toEqual([]);
    expect(Object.keys(store.dump()).filter(isActivityKey)).toEqual([]);
    await log.record(request(3));
    await log.flush();
    expect(await log.list()).toEqual([]);
  });

  it('kept: seals each write into the vault, entries waiting at lock too, and numbers on in the next session', async () => {
    const { history, make } = await kept();
    const log = make();
    for (let n = 0; n < 3; n += 1) await log.record(request(n));
    await log.flush();
    expect(seqs((await history.older(100, 100)).entries)).toEqual([2, 1, 0]);
    // Recorded and not yet written when the vault locks.
    await log.record(request(3));
    await log.record(request(4));
    await log.clear();
    expect(await log.list()).toEqual([]);
    expect(seqs((await history.older(100, 100)).entries)).toEqual([4, 3, 2, 1, 0]);

    // The next session, in a new worker: its first entry is number 5.
    const next = make();
    await next.record(request(5));
    expect(seqs(await next.list())).toEqual([5]);
    const older = await next.older(5, 100);
    expect(seqs(older.entries)).toEqual([4, 3, 2, 1, 0]);
    expect(older).toMatchObject({ more: false, damaged: 0 });
  });

  it('reads older entries from this session first, then from the kept log', async () => {
    const { make } = await kept();
    const log = make(5);
    for (let n = 0; n < 12; n += 1) await log.record(request(n));
    // Entries 7–11 are this session's (its bound is 5); the kept log has all twelve, some not yet written.
    const older = await log.older(12, 8);
    expect(seqs(older.entries)).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);
    expect(older.more).toBe(true);
    expect(seqs((await log.older(4, 100)).entries)).toEqual([3, 2, 1, 0]);
  });

  it('without a kept log, older entries are only this session’s', async () => {
    const { make } = await kept('session');
    const log = make();
    for (let n = 0; n < 4; n += 1) await log.record(request(n));
    expect(await log.older(3, 2)).toEqual({
      entries: [expect.objectContaining({ seq: 2 }), expect.objectContaining({ seq: 1 })],
      more: true,
      damaged: 0,
    });
    expect(await log.older(1, 2)).toMatchObject({ more: false });
  });

  it('no longer kept: the kept log goes from the vault, this session’s stays', async () => {
    const { history, settings, make } = await kept();
    const log = make();
    await log.record(request(0));
    await log.flush();
    settings.activityLog = 'session';
    await log.settingsChanged();
    expect(await history.nextSeq()).toBeUndefined();
    expect(seqs(await log.list())).toEqual([0]);
    // Nor is what comes next sealed.
    await log.record(request(1));
    await log.flush();
    expect(await history.nextSeq()).toBeUndefined();
  });

  it('drops kept entries past their days as it writes, at most once an hour', async () => {
    const { history, settings, make, tick } = await kept();
    settings.activityKeepDays = 1;
    const log = make();
    // 23 h 50 min old at the first write, which prunes: kept.
    await log.record({ ...request(0), at: 1_000 - DAY + 10 * 60_000 });
    await log.flush();
    tick(30 * 60_000);
    await log.record(request(1));
    await log.flush();
    // Past its day now, but the last pruning was half an hour ago.
    expect(seqs((await history.older(100, 100)).entries)).toEqual([1, 0]);
    tick(31 * 60_000);
    await log.record(request(2));
    await log.flush();
    expect(seqs((await history.older(100, 100)).entries)).toEqual([2, 1]);
  });
});

describe('the settings of the log, read once', () => {
  it('reads them once while they are there, and again after a reading that found none (locked)', async () => {
    let reads = 0;
    let settings: Keeping | undefined;
    const log = createActivityLog({
      store: memoryArea(),
      keeping: async () => {
        reads += 1;
        return settings;
      },
    });
    await log.record(request(0));
    expect(reads).toBe(1);
    settings = { activityLog: 'off', activityKeepDays: 30 };
    await log.record(request(1));
    await log.record(request(2));
    expect(reads).toBe(2);
    // Off since the second reading: only the first entry.
    expect((await log.list()).map((e) => e.seq)).toEqual([0]);
  });
});
