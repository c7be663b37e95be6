import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActivityLog, isActivityKey } from '../../../src/background/activity-log';
import type { ActivityEntry } from '../../../src/core/activity/entry';
import { PAGE_SIZE } from '../../../src/core/activity/ring';
import type { KeyValueArea } from '../../../src/platform/storage';
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
