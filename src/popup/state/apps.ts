// The registered apps (client IDs): saved, deleted, and a client secret shown on request.
import { computed, type ReadonlySignal } from '@preact/signals';
import type { VaultClient } from '../../shared/client';
import type { AppInput, AppView, Proof } from '../../shared/messages';
import { attempt, type Outcome } from './outcome';
import type { UnlockedStore } from './unlocked';

export interface AppsModel {
  list: ReadonlySignal<AppView[]>;
  /** `proof`: the master password or a passkey, when the worker asked for it (CONFIRMATION_REQUIRED). */
  save(app: AppInput, proof?: Proof): Promise<Outcome<void>>;
  /** IN_USE while a connection uses it. */
  remove(id: string): Promise<Outcome<void>>;
  /** The client secret for Reveal or Copy. */
  secret(id: string, proof?: Proof): Promise<Outcome<string>>;
}

export function createAppsModel(client: VaultClient, store: UnlockedStore): AppsModel {
  // The connections show their app's name: read them again too.
  const reload = () => store.reread(['apps', 'connections']);
  return {
    list: computed(() => store.data.value?.apps ?? []),
    save: (app, proof) =>
      attempt(async () => {
        await client.call('apps.save', { app, ...proof });
        await reload();
      }),
    remove: (id) =>
      attempt(async () => {
        await client.call('apps.delete', { id });
        await reload();
      }),
    secret: (id, proof) =>
      attempt(async () => (await client.call('apps.secret', { id, ...proof })).clientSecret),
  };
}
