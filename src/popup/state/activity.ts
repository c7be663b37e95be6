// The activity log as the popup shows it: read with the Activity view, then kept up to date by
// the worker's pushes (status-feed.ts) — each says which entry is the newest, and only the
// entries after the newest shown are read. Older ones (earlier sessions', from the kept log) are
// read a page at a time on asking. Nothing polls; lock empties it with the rest.
import { computed, type ReadonlySignal } from '@preact/signals';
import { ACTIVITY_LIMIT, type ActivityEntry } from '../../core/activity/entry';
import type { OlderActivity } from '../../core/vault/activity-history';
import type { VaultClient } from '../../shared/client';
import type { ActivityPush } from '../../shared/messages';
import { attempt, type Outcome } from './outcome';
import type { UnlockedStore } from './unlocked';

/** Below every entry's number: where reading older entries starts when none is shown. */
const BELOW_ALL = Number.MAX_SAFE_INTEGER;

export interface ActivityModel {
  /** Newest first, the older ones read included; empty until the log is read. */
  entries: ReadonlySignal<ActivityEntry[]>;
  /** What the last reading of older entries said: whether there are more, how many chunks were damaged. */
  older: ReadonlySignal<Omit<OlderActivity, 'entries'> | undefined>;
  /** Reads the next page of entries older than every one shown. */
  loadOlder(): Promise<Outcome<void>>;
  /** The worker has newer entries: read them, if this page shows the log. */
  applyPush(push: ActivityPush): void;
}

export function createActivityModel(client: VaultClient, store: UnlockedStore): ActivityModel {
  const entries = computed(() => {
    const data = store.data.value;
    const newest = data?.activity ?? [];
    return data?.activityOlder ? [...newest, ...data.activityOlder.entries] : newest;
  });
  const older = computed(() => {
    const read = store.data.value?.activityOlder;
    return read && { more: read.more, damaged: read.damaged };
  });
  // The newest entry the worker has told of, and whether a catching up is under way (it reads
  // until it has that one, so a push that comes meanwhile needs no second one).
  let told = -1;
  let catching = false;

  async function catchUp(): Promise<void> {
    for (;;) {
      const shown = store.data.value?.activity;
      // Never read here (the view was not opened), or locked: nothing to keep up to date.
      if (!shown) return;
      const newest = shown[0]?.seq ?? -1;
      if (told <= newest) return;
      const fresh = await client.call('activity.list', { after: newest });
      // A whole reading landed meanwhile: catch up from it instead.
      if (store.data.value?.activity !== shown) continue;
      const kept = [...fresh, ...shown];
      // Bounded as the worker's log is, unless older ones are shown below: they would part.
      store.update({ activity: store.data.value?.activityOlder ? kept : kept.slice(0, ACTIVITY_LIMIT) });
      // Told of entries that are not there (a new session numbers from 0): nothing more to ask.
      if (fresh.length === 0) return;
    }
  }

  return {
    entries,
    older,
    loadOlder: () =>
      attempt(async () => {
        const before = entries.value.at(-1)?.seq ?? BELOW_ALL;
        const shownOlder = store.data.value?.activityOlder;
        const read = await client.call('activity.older', { before });
        // A lock, or another reading, came meanwhile: this page does not belong below.
        if (store.data.value?.activityOlder !== shownOlder) return;
        store.update({
          activityOlder: {
            entries: [...(shownOlder?.entries ?? []), ...read.entries],
            more: read.more,
            damaged: (shownOlder?.damaged ?? 0) + read.damaged,
          },
        });
      }),
    applyPush(push) {
      told = push.latest;
      if (catching) return;
      catching = true;
      void catchUp()
        .catch(() => {})
        .finally(() => {
          catching = false;
        });
    },
  };
}
