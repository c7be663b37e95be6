// The activity log as the popup shows it: read with the Activity view, then kept up to date by
// the worker's pushes (status-feed.ts) — each says which entry is the newest, and only the
// entries after the newest shown are read. Nothing polls; lock empties it with the rest.
import { computed, type ReadonlySignal } from '@preact/signals';
import { ACTIVITY_LIMIT, type ActivityEntry } from '../../core/activity/entry';
import type { VaultClient } from '../../shared/client';
import type { ActivityPush } from '../../shared/messages';
import type { UnlockedStore } from './unlocked';

export interface ActivityModel {
  /** Newest first; empty until the log is read. */
  entries: ReadonlySignal<ActivityEntry[]>;
  /** The worker has newer entries: read them, if this page shows the log. */
  applyPush(push: ActivityPush): void;
}

export function createActivityModel(client: VaultClient, store: UnlockedStore): ActivityModel {
  const entries = computed(() => store.data.value?.activity ?? []);
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
      store.update({ activity: [...fresh, ...shown].slice(0, ACTIVITY_LIMIT) });
      // Told of entries that are not there (a new session numbers from 0): nothing more to ask.
      if (fresh.length === 0) return;
    }
  }

  return {
    entries,
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
