import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../../src/core/activity/entry';
import { livePages, newestFirst, PAGE_SIZE, pageOf } from '../../../../src/core/activity/ring';

const entry = (seq: number, connectionId = 'c1'): ActivityEntry => ({
  seq,
  at: seq,
  connectionIds: [connectionId],
  origin: 'http://localhost:3000',
  tabId: 1,
  method: 'GET',
  url: 'http://127.0.0.1:8080/restapi/v1.0/account/~',
  header: 'vault',
  status: 200,
  durationMs: 5,
});

/** The entries 0 … n-1 on their pages. */
function paged(n: number): ActivityEntry[][] {
  const pages: ActivityEntry[][] = [];
  for (let seq = 0; seq < n; seq += 1) {
    const page = pageOf(seq);
    pages[page] = [...(pages[page] ?? []), entry(seq)];
  }
  return pages;
}

describe('livePages', () => {
  it('is empty before the first entry', () => {
    expect(livePages(0, 2000)).toEqual([]);
  });

  it('holds every page while the log is within its bound', () => {
    expect(livePages(1, 2000)).toEqual([0]);
    expect(livePages(PAGE_SIZE + 1, 2000)).toEqual([0, 1]);
  });

  it('drops the pages whose entries all fell out of the bound', () => {
    // 2,050 entries, bound 2,000: entries 50… live, on pages 0 (its last 50) to 20.
    expect(livePages(2050, 2000)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    // 2,100: page 0 is wholly out.
    expect(livePages(2100, 2000)[0]).toBe(1);
    expect(livePages(2100, 2000).at(-1)).toBe(20);
  });
});

describe('newestFirst', () => {
  it('keeps the newest entries within the bound, newest first', () => {
    const pages = paged(2050);
    const kept = newestFirst(pages, 2050, undefined, 2000);
    expect(kept).toHaveLength(2000);
    expect(kept[0]?.seq).toBe(2049);
    expect(kept.at(-1)?.seq).toBe(50);
  });

  it('filters before it counts: a connection with few entries gets all of its own', () => {
    const pages = [[entry(0, 'c1'), entry(1, 'c2'), entry(2, 'c1'), entry(3, 'c2')]];
    expect(newestFirst(pages, 4, (e) => e.connectionIds.includes('c2')).map((e) => e.seq)).toEqual([3, 1]);
  });
});
