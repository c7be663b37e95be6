// The activity log's storage as pages of entries: a burst of requests rewrites only the page the
// newest entries are on, never the whole log, and the oldest pages go as new ones fill. Which
// page an entry is on, which pages are within the bound, and the entries in view — pure, for
// the worker's log (src/background/activity-log.ts) and its tests.
import { ACTIVITY_LIMIT, type ActivityEntry } from './entry';

/** Entries per page. */
export const PAGE_SIZE = 100;

export function pageOf(seq: number): number {
  return Math.floor(seq / PAGE_SIZE);
}

/**
 * The pages that hold the newest `limit` entries when `nextSeq` is the next entry's number,
 * oldest first: the page being filled and enough full ones before it.
 */
export function livePages(nextSeq: number, limit = ACTIVITY_LIMIT): number[] {
  if (nextSeq <= 0) return [];
  const last = pageOf(nextSeq - 1);
  const first = Math.max(0, pageOf(Math.max(0, nextSeq - limit)));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The newest `limit` entries of the pages, newest first, that `keep` accepts. */
export function newestFirst(
  pages: readonly (readonly ActivityEntry[])[],
  nextSeq: number,
  keep: (entry: ActivityEntry) => boolean = () => true,
  limit = ACTIVITY_LIMIT,
): ActivityEntry[] {
  const oldest = nextSeq - limit;
  return pages
    .flat()
    .filter((entry) => entry.seq >= oldest && entry.seq < nextSeq && keep(entry))
    .sort((a, b) => b.seq - a.seq);
}
