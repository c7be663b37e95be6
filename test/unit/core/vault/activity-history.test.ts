import { beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../../src/core/activity/entry';
import { importDataKey } from '../../../../src/core/crypto/data-key';
import { ActivityHistory, chunkId } from '../../../../src/core/vault/activity-history';
import type { VaultDb } from '../../../../src/core/vault/db';
import { freshDb } from '../support';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

let db: VaultDb;
let history: ActivityHistory;
let key: CryptoKey;

beforeEach(async () => {
  ({ db } = await freshDb());
  key = await importDataKey(crypto.getRandomValues(new Uint8Array(32)));
  history = new ActivityHistory(db, key);
});

function entry(seq: number, at = NOW): ActivityEntry {
  return {
    seq,
    at,
    connectionIds: ['conn-1'],
    origin: 'http://localhost:3000',
    tabId: 7,
    method: 'GET',
    url: `http://127.0.0.1:8080/restapi/v1.0/account/~/extension/${seq}`,
    header: 'vault',
    generation: 1,
    status: 200,
    durationMs: 5,
  };
}

/** Chunks of `size` entries numbered from `from`, the n-th chunk's entries at `at(n)`. */
async function appendChunks(from: number, chunks: number, size: number, at = (_: number) => NOW) {
  for (let n = 0; n < chunks; n += 1) {
    const first = from + n * size;
    await history.append(Array.from({ length: size }, (_, i) => entry(first + i, at(n))));
  }
}

const seqs = (entries: readonly ActivityEntry[]) => entries.map((e) => e.seq);

describe('the kept activity log', () => {
  it('reads its entries back newest first, below a number, a page at a time', async () => {
    await appendChunks(0, 3, 4);
    expect(await history.nextSeq()).toBe(12);

    const first = await history.older(12, 5);
    expect(seqs(first.entries)).toEqual([11, 10, 9, 8, 7]);
    expect(first.more).toBe(true);
    // A number inside a chunk: only the entries below it.
    const rest = await history.older(7, 100);
    expect(seqs(rest.entries)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(rest).toMatchObject({ more: false, damaged: 0 });
    // Exactly full at a chunk's end: what is below decides whether there is more.
    expect(await history.older(8, 4)).toMatchObject({ more: true });
    expect(await history.older(4, 4)).toMatchObject({ more: false });
  });

  it('reads across more chunks than one transaction holds', async () => {
    await appendChunks(0, 120, 1);
    const all = await history.older(120, 1000);
    expect(all.entries).toHaveLength(120);
    expect(all.entries[0]?.seq).toBe(119);
    expect(all.entries.at(-1)?.seq).toBe(0);
  });

  it('seals every chunk: nothing of an entry is readable in the store', async () => {
    await appendChunks(40, 1, 2);
    const [stored] = await db.getAll('activity');
    expect(stored?.id).toBe(chunkId(40));
    expect(Object.keys(stored ?? {}).sort()).toEqual(['ct', 'id', 'iv', 'v']);
    const text = new TextDecoder('latin1').decode(stored?.ct);
    expect(text).not.toContain('localhost');
    expect(text).not.toContain('restapi');
  });

  it('counts a chunk moved to another number, or opened with another key, as damaged and skips it', async () => {
    await appendChunks(0, 3, 2);
    const moved = await db.get('activity', chunkId(2));
    await db.delete('activity', chunkId(2));
    await db.put('activity', { ...moved!, id: chunkId(3) });
    const read = await history.older(6, 100);
    expect(seqs(read.entries)).toEqual([5, 4, 1, 0]);
    expect(read.damaged).toBe(1);

    const otherKey = new ActivityHistory(db, await importDataKey(crypto.getRandomValues(new Uint8Array(32))));
    expect(await otherKey.older(6, 100)).toMatchObject({ entries: [], damaged: 3 });
  });

  it('drops the entries older than the days it keeps them, and damaged chunks, oldest first', async () => {
    // Chunk n is n days old, the oldest first: 10, 9, … 1 days.
    await appendChunks(0, 10, 2, (n) => NOW - (10 - n) * DAY);
    await db.put('activity', { id: chunkId(1), v: 1, iv: new Uint8Array(12), ct: new Uint8Array(20) });
    expect(await history.prune(NOW, 3)).toBe(8);
    const left = await history.older(20, 100);
    // 3 and fewer days old: chunks 7 (3 days), 8 and 9.
    expect(seqs(left.entries)).toEqual([19, 18, 17, 16, 15, 14]);
    expect(left.damaged).toBe(0);
    expect(await history.prune(NOW, 3)).toBe(0);
  });

  it('keeps at most the newest entries of its bound, dropping whole chunks below them', async () => {
    await appendChunks(0, 10, 10);
    // The newest 35 are 65–99: chunk 60 holds the oldest of them and stays.
    expect(await history.prune(NOW, 30, 35)).toBe(6);
    const left = await history.older(100, 1000);
    expect(left.entries.at(-1)?.seq).toBe(60);
    expect(left.entries).toHaveLength(40);
  });

  it('numbers after the newest kept entry, and has nothing once cleared', async () => {
    expect(await history.nextSeq()).toBeUndefined();
    await appendChunks(5000, 2, 3);
    expect(await history.nextSeq()).toBe(5006);
    await history.clear();
    expect(await history.nextSeq()).toBeUndefined();
    expect(await history.older(10_000, 10)).toEqual({ entries: [], more: false, damaged: 0 });
  });
});
