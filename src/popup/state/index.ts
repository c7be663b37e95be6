// Popup state: one model per domain (vault, apps, credentials, connections, exports, backup,
// settings), each from a factory with read-only signals and named actions that report an
// Outcome; everything unlocked sits in one store that a lock empties in one assignment.
//
// `PopupState` is the flat face the components use today: it reports failures as they expect
// (a boolean or undefined, with the reason in `error`) and keeps one `busy` signal. New code uses
// `domains`, whose actions keep their errors to the form that started them.
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { ExportRecipient } from '../../core/export';
import type { ExportRecord, Settings } from '../../core/vault/model';
import type { VaultClient } from '../../shared/client';
import type { VaultError } from '../../shared/errors';
import type {
  AppInput,
  AppView,
  ConnectionInput,
  ConnectionTestResult,
  CredentialInput,
  CredentialView,
  ExportInput,
  ExportOutput,
  ResponseOf,
  StatusPush,
  VaultStatus,
} from '../../shared/messages';
import { type AppsModel, createAppsModel } from './apps';
import { type BackupModel, createBackupModel } from './backup';
import { type ConnectionsModel, createConnectionsModel } from './connections';
import { type CredentialsModel, createCredentialsModel } from './credentials';
import { createExportsModel, type ExportsModel } from './exports';
import type { Outcome } from './outcome';
import { createSettingsModel, type SettingsModel } from './settings';
import { type ConnectionRow, createUnlockedStore, type UnlockedStore } from './unlocked';
import { createVaultModel, type VaultBusy, type VaultModel } from './vault';

export { tokenPending } from './connections';
export type { Outcome } from './outcome';
export type { ConnectionRow, UnlockedData } from './unlocked';

export type Busy = VaultBusy | 'saving' | 'exporting' | 'backing-up' | 'restoring';

export interface Domains {
  vault: VaultModel;
  apps: AppsModel;
  credentials: CredentialsModel;
  connections: ConnectionsModel;
  exports: ExportsModel;
  backup: BackupModel;
  settings: SettingsModel;
}

export interface PopupState {
  domains: Domains;
  /** Everything unlocked, in one place; undefined while locked. */
  unlocked: UnlockedStore['data'];
  status: ReadonlySignal<VaultStatus | undefined>;
  busy: ReadonlySignal<Busy>;
  error: ReadonlySignal<VaultError | undefined>;
  isLocked: ReadonlySignal<boolean>;
  connections: ReadonlySignal<ConnectionRow[]>;
  credentials: ReadonlySignal<CredentialView[]>;
  apps: ReadonlySignal<AppView[]>;
  settings: ReadonlySignal<Settings | undefined>;
  /** What left the vault, newest first. */
  exportLog: ReadonlySignal<ExportRecord[]>;
  refresh(): Promise<void>;
  create(password: string): Promise<void>;
  unlock(password: string): Promise<void>;
  lock(): Promise<void>;
  /** Resolve true when saved; a failure is in `error`. */
  saveSettings(settings: Settings): Promise<boolean>;
  /** `password`: the master password, when the worker asked for it (CONFIRMATION_REQUIRED). */
  saveApp(app: AppInput, password?: string): Promise<boolean>;
  saveCredential(credential: CredentialInput): Promise<boolean>;
  /** Saves an edit, then reloads everything: connections may have stopped or started. */
  editCredential(credential: CredentialInput): Promise<boolean>;
  deleteCredential(id: string): Promise<boolean>;
  /** `.env` import: registers the app unless `app` is undefined (already registered), then the credential. */
  importCredential(app: AppInput | undefined, credential: CredentialInput): Promise<boolean>;
  changePassword(oldPassword: string, newPassword: string): Promise<boolean>;
  dismissError(): void;
  /** The apps this credential may be exported to; empty on failure (shown in `error`). */
  exportRecipients(credentialId: string): Promise<ExportRecipient[]>;
  /** The finished export, or undefined when refused (the reason is in `error`). */
  createExport(input: ExportInput): Promise<ExportOutput | undefined>;
  /** Creates or updates a connection (enable/disable is an update), then reloads the list. */
  saveConnection(connection: ConnectionInput, password?: string): Promise<boolean>;
  deleteConnection(id: string): Promise<boolean>;
  /** A new token now (the refresh token when there is one). */
  refreshConnection(id: string): Promise<boolean>;
  /** The worker's test request, or undefined when it could not be made (the reason is in `error`). */
  testConnection(id: string): Promise<ConnectionTestResult | undefined>;
  /** See ConnectionsModel.settle. */
  settleConnections(until?: (rows: ConnectionRow[]) => boolean): Promise<void>;
  /**
   * The worker's push (status-feed.ts): the connections' status, and the vault's state, which
   * empties the page when the vault locked elsewhere (shortcut, auto-lock, another page).
   */
  applyStatusPush(push: StatusPush): void;
  /** Deletes an app; IN_USE (in `error`) while a connection uses it. */
  deleteApp(id: string): Promise<boolean>;
  /** The app's client secret for Reveal or Copy, or undefined (the reason is in `error`). */
  appSecret(id: string, password?: string): Promise<string | undefined>;
  /** Re-wraps the data key under a KEK from the chosen KDF preset; the password stays the same. */
  rekey(password: string, kdf: string): Promise<boolean>;
  /** See VaultModel.syncStatus. */
  syncStatus(): Promise<void>;
  /** The backup file; `password` is the master password, asked again. */
  createBackup(password: string, backupPassword: string): Promise<Outcome<ResponseOf<'backup.create'>>>;
  /** Opens the file and says what a restore would add and where it meets duplicates. */
  previewBackup(content: string, backupPassword: string): Promise<Outcome<ResponseOf<'backup.preview'>>>;
  /** Restores, then reloads everything the popup shows. */
  restoreBackup(
    content: string,
    backupPassword: string,
    onConflict: 'keep' | 'replace',
    masterPassword?: string,
  ): Promise<Outcome<ResponseOf<'backup.restore'>>>;
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
    backup: createBackupModel(client, store, vault.recheck),
    settings: createSettingsModel(client, store, vault.recheck),
  };

  // The flat face's own busy and error, for the actions that are not vault transitions.
  const working = signal<Busy>('none');
  const failed = signal<VaultError | undefined>(undefined);

  /** Runs a domain action the old way: busy while it runs, the error page-wide. */
  async function flat<T>(kind: Busy, action: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    working.value = kind;
    failed.value = undefined;
    try {
      const outcome = await action();
      if (!outcome.ok) failed.value = outcome.error;
      return outcome;
    } finally {
      working.value = 'none';
    }
  }
  const saved = async (action: () => Promise<Outcome<unknown>>) => (await flat('saving', action)).ok;
  const valueOr = async <T>(kind: Busy, action: () => Promise<Outcome<T>>): Promise<T | undefined> => {
    const outcome = await flat(kind, action);
    return outcome.ok ? outcome.value : undefined;
  };
  /** A vault transition: it clears the page-wide error of an earlier action, as it starts. */
  const transition = (action: () => Promise<void>) => {
    failed.value = undefined;
    return action();
  };
  /** The backup panel words its own errors: they stay out of the page-wide error. */
  async function quiet<T>(kind: Busy, action: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    working.value = kind;
    try {
      return await action();
    } finally {
      working.value = 'none';
    }
  }

  return {
    domains,
    unlocked: store.data,
    status: vault.status,
    busy: computed(() => (vault.busy.value !== 'none' ? vault.busy.value : working.value)),
    error: computed(() => failed.value ?? vault.error.value),
    isLocked: vault.isLocked,
    connections: domains.connections.rows,
    credentials: domains.credentials.list,
    apps: domains.apps.list,
    settings: domains.settings.current,
    exportLog: domains.exports.log,
    refresh: () => transition(vault.refresh),
    create: (password) => transition(() => vault.create(password)),
    unlock: (password) => transition(() => vault.unlock(password)),
    lock: () => transition(vault.lock),
    dismissError: () => {
      failed.value = undefined;
      vault.dismissError();
    },
    saveSettings: (next) => saved(() => domains.settings.save(next)),
    saveApp: (app, password) => saved(() => domains.apps.save(app, password)),
    saveCredential: (credential) => saved(() => domains.credentials.add(credential)),
    editCredential: (credential) => saved(() => domains.credentials.edit(credential)),
    deleteCredential: (id) => saved(() => domains.credentials.remove(id)),
    importCredential: (app, credential) => saved(() => domains.credentials.importFromEnv(app, credential)),
    changePassword: (oldPassword, newPassword) => saved(() => vault.changePassword(oldPassword, newPassword)),
    exportRecipients: async (credentialId) =>
      (await valueOr('none', () => domains.exports.recipients(credentialId))) ?? [],
    createExport: (input) => valueOr('exporting', () => domains.exports.create(input)),
    saveConnection: (connection, password) => saved(() => domains.connections.save(connection, password)),
    deleteConnection: (id) => saved(() => domains.connections.remove(id)),
    refreshConnection: (id) => saved(() => domains.connections.refresh(id)),
    testConnection: (id) => valueOr('saving', () => domains.connections.test(id)),
    settleConnections: (until) => domains.connections.settle(until),
    applyStatusPush: (push) => {
      store.setPushed(push);
      domains.connections.applyPush(push, () => false);
      void vault.adoptPush(push).then(() => {
        const current =
          store.pushed() === push && vault.status.value?.state === 'unlocked' && !vault.acting();
        if (current) domains.connections.applyPush(push, () => true);
      });
    },
    deleteApp: (id) => saved(() => domains.apps.remove(id)),
    appSecret: (id, password) => valueOr('none', () => domains.apps.secret(id, password)),
    rekey: async (password, kdf) => {
      failed.value = undefined;
      const outcome = await vault.rekey(password, kdf);
      if (!outcome.ok) failed.value = outcome.error;
      return outcome.ok;
    },
    syncStatus: vault.syncStatus,
    createBackup: (password, backupPassword) =>
      quiet('backing-up', () => domains.backup.create(password, backupPassword)),
    previewBackup: (content, backupPassword) =>
      quiet('restoring', () => domains.backup.preview(content, backupPassword)),
    restoreBackup: (content, backupPassword, onConflict, masterPassword) =>
      quiet('restoring', () => domains.backup.restore(content, backupPassword, onConflict, masterPassword)),
  };
}
