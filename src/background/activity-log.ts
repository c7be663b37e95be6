// The worker's activity log: every tool request to a connection's API as an entry
// (src/core/activity/entry.ts), the newest ACTIVITY_LIMIT kept. In storage.session as pages
// (src/core/activity/ring.ts), so that it outlives a sleeping worker and goes with the lock;
// entries are written a moment after they come, one write per page changed, so a burst of
// requests costs a few writes, not one each. Imported by auto-auth and tests.
import { ACTIVITY_LIMIT, type ActivityEntry } from '../core/activity/entry';
import { livePages, newestFirst, pageOf } from '../core/activity/ring';
import type { KeyValueArea } from '../platform/storage';

const PREFIX = 'activity.';
const HEAD_KEY = `${PREFIX}head`;
const pageKey = (page: number) => `${PREFIX}page.${page}`;

/** Keys of the log in storage.session: their changes are not the connections' or the vault's. */
export function isActivityKey(key: string): boolean {
  return key.startsWith(PREFIX);
}

interface Head {
  /** The next entry's number. */
  nextSeq: number;
  /** Pages below this one are gone from the store. */
  firstPage: number;
}

export interface ActivityLogDeps {
  store: KeyValueArea;
  /** How long new entries wait before they are written: the ones that come meanwhile join. */
  flushDelayMs?: number;
  limit?: number;
  /** An entry was added: the newest entry's number. */
  onRecorded?: (seq: number) => void;
}

export interface ActivityFilter {
  connectionId?: string;
  /** Only entries numbered above this one. */
  after?: number;
}

export function createActivityLog(deps: ActivityLogDeps) {
  const limit = deps.limit ?? ACTIVITY_LIMIT;
  const delay = deps.flushDelayMs ?? 200;
  // Read once per worker life, then kept: the head and the pages read or written since.
  let state: Promise<{ head: Head; pages: Map<number, ActivityEntry[]> }> | undefined;
  const dirty = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One change at a time: an entry's number and its page are settled before the next comes.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  };

  const loaded = () => {
    state ??= deps.store.get<Head>(HEAD_KEY).then((head) => ({
      head: head ?? { nextSeq: 0, firstPage: 0 },
      pages: new Map(),
    }));
    return state;
  };

  async function pageEntries(pages: Map<number, ActivityEntry[]>, page: number): Promise<ActivityEntry[]> {
    let entries = pages.get(page);
    if (!entries) {
      entries = (await deps.store.get<ActivityEntry[]>(pageKey(page))) ?? [];
      pages.set(page, entries);
    }
    return entries;
  }

  /** Writes the changed pages and the head, and removes the pages that fell out of the bound. */
  async function write(): Promise<void> {
    timer = undefined;
    const { head, pages } = await loaded();
    const live = livePages(head.nextSeq, limit);
    const first = live[0] ?? head.firstPage;
    const gone: string[] = [];
    for (let page = head.firstPage; page < first; page += 1) {
      gone.push(pageKey(page));
      pages.delete(page);
      dirty.delete(page);
    }
    head.firstPage = first;
    const changed = [...dirty];
    dirty.clear();
    await Promise.all([
      ...changed.map((page) => deps.store.set(pageKey(page), pages.get(page) ?? [])),
      deps.store.set(HEAD_KEY, head),
      gone.length > 0 ? deps.store.remove(gone) : Promise.resolve(),
    ]);
  }

  return {
    /** Adds an entry, numbered after every one before it. */
    record(entry: Omit<ActivityEntry, 'seq'>): Promise<void> {
      return serial(async () => {
        const { head, pages } = await loaded();
        const seq = head.nextSeq;
        const page = pageOf(seq);
        (await pageEntries(pages, page)).push({ seq, ...entry });
        head.nextSeq = seq + 1;
        dirty.add(page);
        timer ??= setTimeout(() => void serial(write), delay);
        deps.onRecorded?.(seq);
      });
    },

    /** The newest entries first, those of one connection when asked. */
    list(filter: ActivityFilter = {}): Promise<ActivityEntry[]> {
      return serial(async () => {
        const { head, pages } = await loaded();
        const entries = await Promise.all(
          livePages(head.nextSeq, limit).map((page) => pageEntries(pages, page)),
        );
        const { connectionId, after = -1 } = filter;
        return newestFirst(
          entries,
          head.nextSeq,
          (entry) =>
            entry.seq > after && (connectionId === undefined || entry.connectionIds.includes(connectionId)),
          limit,
        );
      });
    },

    /** Writes what is waiting now (tests; the worker writes on its own). */
    flush(): Promise<void> {
      if (timer !== undefined) clearTimeout(timer);
      return serial(write);
    },

    /** At lock: every entry goes, in memory and in the store. */
    clear(): Promise<void> {
      return serial(async () => {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        dirty.clear();
        const { head } = await loaded();
        const last = pageOf(Math.max(0, head.nextSeq - 1));
        const keys = [HEAD_KEY];
        for (let page = head.firstPage; page <= last; page += 1) keys.push(pageKey(page));
        state = Promise.resolve({ head: { nextSeq: 0, firstPage: 0 }, pages: new Map() });
        await deps.store.remove(keys);
      });
    },
  };
}

export type ActivityLog = ReturnType<typeof createActivityLog>;
