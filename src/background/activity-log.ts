// The worker's activity log: every tool request to a connection's API as an entry
// (src/core/activity/entry.ts), the newest ACTIVITY_LIMIT kept. In storage.session as pages
// (src/core/activity/ring.ts), so that it outlives a sleeping worker and goes with the lock;
// entries are written a moment after they come, one write per page changed, so a burst of
// requests costs a few writes, not one each. The settings say whether requests are logged at
// all, and whether each write is also sealed into the vault's kept log (ActivityHistory), whose
// numbering the next session goes on with. Imported by auto-auth and tests.
import { ACTIVITY_LIMIT, type ActivityEntry } from '../core/activity/entry';
import type { ActivityLogMode } from '../core/activity/keeping';
import { livePages, newestFirst, pageOf } from '../core/activity/ring';
import type { ActivityHistory, OlderActivity } from '../core/vault';
import type { Settings } from '../core/vault/model';
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
  /** What the settings say of the log; undefined while locked. Read once, until `settingsChanged`. */
  keeping?: () => Promise<Keeping | undefined>;
  /** The vault's kept log, while unlocked. */
  history?: () => Promise<ActivityHistory | undefined>;
  now?: () => number;
}

export type Keeping = Pick<Settings, 'activityLog' | 'activityKeepDays'>;

/** How often, at most, a kept log drops what is past its days while entries come. */
const PRUNE_EVERY_MS = 3_600_000;

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

  const now = deps.now ?? Date.now;
  // Entries recorded while the log is kept, not yet sealed into the vault.
  let unsealed: ActivityEntry[] = [];
  let keeping: Promise<Keeping | undefined> | undefined;
  let prunedAt: number | undefined;

  const settings = (): Promise<Keeping | undefined> => {
    if (keeping) return keeping;
    // Read while locked: nothing to keep; it is read again once there are settings.
    const reading: Promise<Keeping | undefined> = (deps.keeping?.() ?? Promise.resolve(undefined))
      .catch(() => undefined)
      .then((read) => {
        if (read === undefined && keeping === reading) keeping = undefined;
        return read;
      });
    keeping = reading;
    return reading;
  };
  const mode = async (): Promise<ActivityLogMode> => (await settings())?.activityLog ?? 'session';

  const loaded = () => {
    state ??= deps.store.get<Head>(HEAD_KEY).then(async (head) => {
      if (head) return { head, pages: new Map() };
      // A new session goes on from the kept log's numbers: an entry's number stays its own.
      const next = (await (await deps.history?.())?.nextSeq().catch(() => undefined)) ?? 0;
      return { head: { nextSeq: next, firstPage: pageOf(next) }, pages: new Map() };
    });
    return state;
  };

  /** Seals what was recorded since the last write into the kept log, and prunes it now and then. */
  async function seal(): Promise<void> {
    if (unsealed.length === 0) return;
    const entries = unsealed;
    unsealed = [];
    const [history, kept] = await Promise.all([deps.history?.(), settings()]);
    if (!history || kept?.activityLog !== 'kept') return;
    // The log must never stand in a request's way: a failed write loses these entries only.
    await history.append(entries).catch(() => {});
    const at = now();
    if (prunedAt === undefined || at - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = at;
      await history.prune(at, kept.activityKeepDays).catch(() => {});
    }
  }

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
      seal(),
    ]);
  }

  /** Every entry in memory and in storage.session goes; the next session numbers afresh. */
  async function forget(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    dirty.clear();
    const { head } = await loaded();
    const last = pageOf(Math.max(0, head.nextSeq - 1));
    const keys = [HEAD_KEY];
    for (let page = head.firstPage; page <= last; page += 1) keys.push(pageKey(page));
    state = undefined;
    await deps.store.remove(keys);
  }

  return {
    /** Adds an entry, numbered after every one before it. */
    record(entry: Omit<ActivityEntry, 'seq'>): Promise<void> {
      return serial(async () => {
        const logging = await mode();
        if (logging === 'off') return;
        const { head, pages } = await loaded();
        const seq = head.nextSeq;
        const page = pageOf(seq);
        const recorded = { seq, ...entry };
        (await pageEntries(pages, page)).push(recorded);
        if (logging === 'kept') unsealed.push(recorded);
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

    /**
     * Up to `count` entries numbered below `before`, newest first: this session's, then the kept
     * log's. `more`: there are older ones.
     */
    older(before: number, count: number): Promise<OlderActivity> {
      return serial(async () => {
        const { head, pages } = await loaded();
        const entries = await Promise.all(
          livePages(head.nextSeq, limit).map((page) => pageEntries(pages, page)),
        );
        const recent = newestFirst(entries, head.nextSeq, (entry) => entry.seq < before, limit);
        if (recent.length > count) return { entries: recent.slice(0, count), more: true, damaged: 0 };
        const history = (await mode()) === 'kept' ? await deps.history?.() : undefined;
        if (!history) return { entries: recent, more: false, damaged: 0 };
        // Seal what waits first, or the kept log would miss the newest entries it is asked for.
        await seal();
        const kept = await history.older(recent.at(-1)?.seq ?? before, count - recent.length);
        return { ...kept, entries: [...recent, ...kept.entries] };
      });
    },

    /**
     * The settings changed (saved, or restored): read them again. Switched off, the log forgets
     * everything; no longer kept, the kept log goes from the vault.
     */
    settingsChanged(): Promise<void> {
      return serial(async () => {
        keeping = undefined;
        prunedAt = undefined;
        const logging = await mode();
        const history = await deps.history?.();
        if (logging === 'off') {
          unsealed = [];
          await forget();
        }
        if (logging !== 'kept') await history?.clear();
        else await history?.prune(now(), (await settings())?.activityKeepDays ?? 0);
      });
    },

    /** Writes what is waiting now (tests; the worker writes on its own). */
    flush(): Promise<void> {
      if (timer !== undefined) clearTimeout(timer);
      return serial(write);
    },

    /** At lock: every entry goes from memory and storage.session; the kept log keeps its own. */
    clear(): Promise<void> {
      return serial(async () => {
        await seal();
        unsealed = [];
        keeping = undefined;
        await forget();
      });
    },
  };
}

export type ActivityLog = ReturnType<typeof createActivityLog>;
