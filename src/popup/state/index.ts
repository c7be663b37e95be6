// Popup state: one model per domain (vault, apps, credentials, connections, exports, backup,
// settings), each from a factory with read-only signals and named actions that report an
// Outcome; everything unlocked sits in one store that a lock empties in one assignment.
//
// Components run the domain actions through `useAction` (hooks/use-action.ts): each form keeps
// its own busy state and its own error. Only the vault transitions (create, unlock, lock) have a
// page-wide error, `domains.vault.error`: they replace the whole view.
import { computed, type ReadonlySignal } from '@preact/signals';
import type { Settings } from '../../core/vault/model';
import type { VaultClient } from '../../shared/client';
import type { ActivityPush, AppView, CredentialView, StatusPush, VaultStatus } from '../../shared/messages';
import { type ActivityModel, createActivityModel } from './activity';
import { type AppsModel, createAppsModel } from './apps';
import { type BackupModel, createBackupModel } from './backup';
import { type ConnectionsModel, createConnectionsModel } from './connections';
import { type CredentialsModel, createCredentialsModel } from './credentials';
import { createExportsModel, type ExportsModel } from './exports';
import { createPasskeysModel, type PasskeysModel } from './passkeys';
import { createSettingsModel, type SettingsModel } from './settings';
import { type ConnectionRow, createUnlockedStore, type Part, type UnlockedStore } from './unlocked';
import { createVaultModel, type VaultBusy, type VaultModel } from './vault';

export { tokenPending } from './connections';
export type { Outcome } from './outcome';
export type { ConnectionRow, Part, UnlockedData } from './unlocked';
export { PARTS } from './unlocked';

export interface Domains {
  vault: VaultModel;
  apps: AppsModel;
  credentials: CredentialsModel;
  connections: ConnectionsModel;
  exports: ExportsModel;
  passkeys: PasskeysModel;
  backup: BackupModel;
  settings: SettingsModel;
  activity: ActivityModel;
}

export interface PopupState {
  domains: Domains;
  /** Everything unlocked, in one place; undefined while locked. */
  unlocked: UnlockedStore['data'];
  status: ReadonlySignal<VaultStatus | undefined>;
  /** The vault transition under way (create, unlock, lock, re-key), if any. */
  busy: ReadonlySignal<VaultBusy>;
  isLocked: ReadonlySignal<boolean>;
  connections: ReadonlySignal<ConnectionRow[]>;
  credentials: ReadonlySignal<CredentialView[]>;
  apps: ReadonlySignal<AppView[]>;
  settings: ReadonlySignal<Settings | undefined>;
  /** How many apps, credentials and connections there are, from whichever reading has them. */
  counts: ReadonlySignal<{ apps: number; credentials: number; connections: number }>;
  /** Reads the parts a view shows, unless read already (see UnlockedStore.need). */
  need(parts: readonly Part[]): Promise<void>;
  refresh(): Promise<void>;
  create(password: string): Promise<void>;
  unlock(password: string): Promise<void>;
  lock(): Promise<void>;
  /**
   * The worker's push (status-feed.ts): the connections' status, and the vault's state, which
   * empties the page when the vault locked elsewhere (shortcut, auto-lock, another page).
   */
  applyStatusPush(push: StatusPush): void;
  /** The worker has new activity entries (see ActivityModel.applyPush). */
  applyActivityPush(push: ActivityPush): void;
  /** See VaultModel.syncStatus. */
  syncStatus(): Promise<void>;
}

export function createPopupState(client: VaultClient): PopupState {
  let store!: UnlockedStore;
  const vault = createVaultModel(client, () => store);
  store = createUnlockedStore(client, () => vault.status.value?.state === 'unlocked');
  const domains: Domains = {
    vault,
    apps: createAppsModel(client, store),
    credentials: createCredentialsModel(client, store),
    connections: createConnectionsModel(client, store),
    exports: createExportsModel(client, store, vault.recheck),
    passkeys: createPasskeysModel(client, store, vault.recheck),
    backup: createBackupModel(client, store, vault.recheck),
    settings: createSettingsModel(client, store, vault.recheck),
    activity: createActivityModel(client, store),
  };

  return {
    domains,
    unlocked: store.data,
    status: vault.status,
    busy: vault.busy,
    isLocked: vault.isLocked,
    connections: domains.connections.rows,
    credentials: domains.credentials.list,
    apps: domains.apps.list,
    settings: domains.settings.current,
    counts: computed(() => {
      const data = store.data.value;
      return {
        apps: data?.apps?.length ?? data?.counts?.apps ?? 0,
        credentials: data?.credentials?.length ?? data?.counts?.credentials ?? 0,
        connections: data?.connections?.length ?? 0,
      };
    }),
    need: store.need,
    // What this page had read is read again with the vault's state; parts asked for meanwhile
    // (the first view's, at start) are being read already.
    refresh: async () => {
      const shown = store.readSoFar();
      await vault.refresh();
      if (vault.status.value?.state === 'unlocked' && shown.length > 0) await store.reread(shown);
    },
    create: vault.create,
    unlock: vault.unlock,
    lock: vault.lock,
    applyStatusPush: (push) => {
      store.setPushed(push);
      domains.connections.applyPush(push, () => false);
      void vault.adoptPush(push).then(() => {
        const current =
          store.pushed() === push && vault.status.value?.state === 'unlocked' && !vault.acting();
        if (current) domains.connections.applyPush(push, () => true);
      });
    },
    applyActivityPush: domains.activity.applyPush,
    syncStatus: vault.syncStatus,
  };
}
