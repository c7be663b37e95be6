// The kept activity log: the tools' requests (src/core/activity/entry.ts) sealed with the data key
// in the vault's `activity` store, for those who want them across sessions. Each write is one
// chunk of the entries that came since the previous one, under the number of its first entry: the
// ids sort as the entries do and tell nothing but a count — times, URLs and origins are sealed.
// Old chunks go by number (read from the ids alone) and by age (opened to read their times).
// Imported by the worker through VaultRecords.
import type { ActivityEntry } from '../activity/entry';
import { KEPT_ACTIVITY_LIMIT } from '../activity/keeping';
import { openBytes, sealBytes } from '../crypto/aead';
import { type Bytes, fromUtf8, isBytes, utf8 } from '../crypto/bytes';
import { IntegrityError } from '../errors';
import { inTransaction, type VaultDb } from './db';

export interface SealedChunk {
  /** The first entry's number, zero-padded so that ids sort as numbers. */
  id: string;
  v: number;
  iv: Bytes;
  ct: Bytes;
}

const CHUNK_VERSION = 1;
const ID_DIGITS = 12;
const DAY_MS = 86_400_000;
/** Chunks read per transaction: each transaction ends before its chunks are decrypted. */
const BATCH = 50;

export function chunkId(seq: number): string {
  return String(seq).padStart(ID_DIGITS, '0');
}

function associatedData(id: string, version: number): Bytes {
  return utf8(`jwt-vault:activity:v${version}:${id}`);
}

function isEntryList(value: unknown): value is ActivityEntry[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        Number.isInteger((entry as ActivityEntry).seq) &&
        typeof (entry as ActivityEntry).at === 'number',
    )
  );
}

/** Older requests, newest first, and whether there are more. */
export interface OlderActivity {
  entries: ActivityEntry[];
  more: boolean;
  /** Chunks that failed to open (corrupted or tampered with): not shown, and dropped at the next pruning. */
  damaged: number;
}

export class ActivityHistory {
  readonly #db: VaultDb;
  readonly #key: CryptoKey;

  constructor(db: VaultDb, dataKey: CryptoKey) {
    this.#db = db;
    this.#key = dataKey;
  }

  /** Seals the entries (in number order, all after the kept ones) as one chunk. */
  async append(entries: readonly ActivityEntry[]): Promise<void> {
    const first = entries[0];
    if (!first) return;
    const id = chunkId(first.seq);
    const { iv, ct } = await sealBytes(
      this.#key,
      utf8(JSON.stringify(entries)),
      associatedData(id, CHUNK_VERSION),
    );
    await this.#db.put('activity', { id, v: CHUNK_VERSION, iv, ct });
  }

  /** The number after the newest kept entry; undefined when none is kept or it cannot be read. */
  async nextSeq(): Promise<number | undefined> {
    const [newest] = await this.#chunks('prev', undefined, 1);
    if (!newest) return undefined;
    const entries = await this.#open(newest).catch(() => undefined);
    // A damaged newest chunk: number after what its id says, at least.
    return entries ? (entries.at(-1)?.seq ?? 0) + 1 : Number(newest.id) + 1;
  }

  /** Up to `limit` entries numbered below `before`, newest first. */
  async older(before: number, limit: number): Promise<OlderActivity> {
    const entries: ActivityEntry[] = [];
    let damaged = 0;
    let below = chunkId(before);
    for (;;) {
      const chunks = await this.#chunks('prev', below, BATCH);
      for (const chunk of chunks) {
        // Full, and another chunk below: there are more.
        if (entries.length === limit) return { entries, more: true, damaged };
        const opened = await this.#open(chunk).catch(() => undefined);
        if (!opened) damaged += 1;
        // A chunk begun below `before` may go on above it.
        const fresh = (opened ?? []).filter((entry) => entry.seq < before).reverse();
        const room = limit - entries.length;
        entries.push(...fresh.slice(0, room));
        if (fresh.length > room) return { entries, more: true, damaged };
      }
      const last = chunks.at(-1);
      if (!last || chunks.length < BATCH) return { entries, more: false, damaged };
      below = last.id;
    }
  }

  /**
   * Drops what is past the bounds: beyond the newest KEPT_ACTIVITY_LIMIT entries, older than
   * `days`, or damaged. How many chunks went.
   */
  async prune(now: number, days: number, limit = KEPT_ACTIVITY_LIMIT): Promise<number> {
    let dropped = 0;
    const next = await this.nextSeq();
    if (next === undefined) return 0;
    // By number: every chunk below the one that holds the oldest entry within the bound.
    if (next > limit) {
      const [holding] = await this.#chunks('prev', chunkId(next - limit + 1), 1);
      if (holding) dropped += await this.#deleteBelow(holding.id);
    }
    // By age, oldest first: entries come in time order, so the first chunk still in time ends it.
    const cutoff = now - days * DAY_MS;
    for (;;) {
      const chunks = await this.#chunks('next', undefined, BATCH);
      const expired: string[] = [];
      let reachedKept = false;
      for (const chunk of chunks) {
        const opened = await this.#open(chunk).catch(() => undefined);
        if (opened && (opened.at(-1)?.at ?? 0) >= cutoff) {
          reachedKept = true;
          break;
        }
        expired.push(chunk.id);
      }
      if (expired.length > 0) {
        const tx = this.#db.transaction('activity', 'readwrite');
        await inTransaction(tx, async () => {
          for (const id of expired) await tx.store.delete(id);
        });
        dropped += expired.length;
      }
      if (reachedKept || chunks.length < BATCH) return dropped;
    }
  }

  /** Every kept entry goes (the kept log was switched off). */
  async clear(): Promise<void> {
    await this.#db.clear('activity');
  }

  async #deleteBelow(id: string): Promise<number> {
    const range = IDBKeyRange.upperBound(id, true);
    const count = await this.#db.count('activity', range);
    if (count > 0) await this.#db.delete('activity', range);
    return count;
  }

  /** Up to `count` chunks from one end, or below the id `below` going down; the transaction ends first. */
  async #chunks(
    direction: 'next' | 'prev',
    below: string | undefined,
    count: number,
  ): Promise<SealedChunk[]> {
    const tx = this.#db.transaction('activity', 'readonly');
    const range = below === undefined ? undefined : IDBKeyRange.upperBound(below, true);
    const found: SealedChunk[] = [];
    let cursor = await tx.store.openCursor(range, direction);
    while (cursor && found.length < count) {
      found.push(cursor.value);
      cursor = await cursor.continue();
    }
    await tx.done;
    return found;
  }

  /** The chunk's entries; IntegrityError when it fails to open. */
  async #open(stored: unknown): Promise<ActivityEntry[]> {
    if (typeof stored !== 'object' || stored === null) throw new IntegrityError();
    const { id, v, iv, ct } = stored as Partial<SealedChunk>;
    if (typeof id !== 'string' || v !== CHUNK_VERSION || !isBytes(iv) || !isBytes(ct)) {
      throw new IntegrityError();
    }
    const plaintext = await openBytes(this.#key, { iv, ct }, associatedData(id, v));
    let entries: unknown;
    try {
      entries = JSON.parse(fromUtf8(plaintext));
    } catch {
      throw new IntegrityError();
    }
    if (!isEntryList(entries) || chunkId(entries[0]!.seq) !== id) throw new IntegrityError();
    return entries;
  }
}
