// The vault's settings (auto-lock, revoke on lock, confirmation grace period, the activity log).
import { computed, type ReadonlySignal } from '@preact/signals';
import type { Settings } from '../../core/vault/model';
import type { VaultClient } from '../../shared/client';
import type { SettingsInput } from '../../shared/messages';
import { attempt, type Outcome } from './outcome';
import type { UnlockedStore } from './unlocked';

export interface SettingsModel {
  current: ReadonlySignal<Settings | undefined>;
  /** Saves the settings given (the others stay), then reads the vault's state again: the auto-lock time may have moved. */
  save(settings: SettingsInput): Promise<Outcome<void>>;
}

export function createSettingsModel(
  client: VaultClient,
  store: UnlockedStore,
  recheck: () => Promise<void>,
): SettingsModel {
  return {
    current: computed(() => store.data.value?.settings),
    save: (next) =>
      attempt(async () => {
        const before = store.data.value?.settings?.activityLog;
        const saved = await client.call('settings.save', { settings: next });
        store.update({ settings: saved });
        // Switched off, or no longer kept, the worker forgot entries: show what it has now.
        if (saved.activityLog !== before && store.readSoFar().includes('activity')) {
          store.update({ activityOlder: undefined });
          await store.reread(['activity']);
        }
        await recheck();
      }),
  };
}
