// The stored credentials as views (never a JWT): added, edited, deleted, imported from `.env`.
import { computed, type ReadonlySignal } from '@preact/signals';
import type { VaultClient } from '../../shared/client';
import type { AppInput, CredentialInput, CredentialView } from '../../shared/messages';
import { attempt, type Outcome } from './outcome';
import type { UnlockedStore } from './unlocked';

export interface CredentialsModel {
  list: ReadonlySignal<CredentialView[]>;
  add(credential: CredentialInput): Promise<Outcome<void>>;
  /** Saves an edit, then reads everything again: connections may have stopped or started. */
  edit(credential: CredentialInput): Promise<Outcome<void>>;
  remove(id: string): Promise<Outcome<void>>;
  /** `.env` import: registers the app unless `app` is undefined (already registered), then the credential. */
  importFromEnv(app: AppInput | undefined, credential: CredentialInput): Promise<Outcome<void>>;
}

export function createCredentialsModel(client: VaultClient, store: UnlockedStore): CredentialsModel {
  return {
    list: computed(() => store.data.value?.credentials ?? []),
    add: (credential) =>
      attempt(async () => {
        await client.call('credentials.save', { credential });
        await store.reread(['credentials', 'connections']);
      }),
    edit: (credential) =>
      attempt(async () => {
        await client.call('credentials.save', { credential });
        await store.reread();
      }),
    remove: (id) =>
      attempt(async () => {
        await client.call('credentials.delete', { id });
        await store.reread();
      }),
    importFromEnv: (app, credential) =>
      attempt(async () => {
        if (app) await client.call('apps.save', { app });
        // Read again even when the credential fails: the app saved, and the form must now reuse it.
        try {
          await client.call('credentials.save', { credential });
        } finally {
          await store.reread();
        }
      }),
  };
}
