// Popup state: read-only signals, changed only through the named actions below. Created by a
// factory so each test (and each popup) gets its own.
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { ExportRecipient } from '../core/export';
import type { ExportRecord, Settings } from '../core/vault/model';
import type { VaultClient } from '../shared/client';
import { VaultError } from '../shared/errors';
import type {
  AppInput,
  AppView,
  ConnectionStatusView,
  CredentialInput,
  CredentialView,
  ExportInput,
  ExportOutput,
  VaultStatus,
} from '../shared/messages';

/** One auto-auth connection as the popup lists it. */
export interface ConnectionRow {
  id: string;
  credentialId: string;
  appId: string;
  credentialLabel: string;
  apiBaseUrl: string;
  toolOrigins: string[];
  status: ConnectionStatusView;
}

export type Busy = 'none' | 'loading' | 'creating' | 'unlocking' | 'locking' | 'saving' | 'exporting';

export interface PopupState {
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
  saveApp(app: AppInput): Promise<boolean>;
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
}

export function createPopupState(client: VaultClient): PopupState {
  const status = signal<VaultStatus | undefined>(undefined);
  const busy = signal<Busy>('none');
  const error = signal<VaultError | undefined>(undefined);
  const connections = signal<ConnectionRow[]>([]);
  const settings = signal<Settings | undefined>(undefined);
  const credentials = signal<CredentialView[]>([]);
  const apps = signal<AppView[]>([]);
  const exportLog = signal<ExportRecord[]>([]);

  /** Loads what the unlocked views show; empties everything when locked. */
  async function loadUnlocked(): Promise<void> {
    if (status.value?.state !== 'unlocked') {
      connections.value = [];
      credentials.value = [];
      apps.value = [];
      settings.value = undefined;
      exportLog.value = [];
      return;
    }
    const [list, credentialList, appList, statuses, saved, log] = await Promise.all([
      client.call('connections.list', {}),
      client.call('credentials.list', {}),
      client.call('apps.list', {}),
      client.call('connections.status', {}),
      client.call('settings.get', {}),
      client.call('exports.list', {}),
    ]);
    exportLog.value = log;
    settings.value = saved;
    credentials.value = credentialList;
    apps.value = appList;
    const labels = new Map(credentialList.map((c) => [c.id, c.label]));
    const byId = new Map(statuses.map((s) => [s.connectionId, s]));
    connections.value = list.flatMap((c) => {
      const connectionStatus = byId.get(c.id);
      if (!connectionStatus) return [];
      return [
        {
          id: c.id,
          credentialId: c.credentialId,
          appId: c.appId,
          credentialLabel: labels.get(c.credentialId) ?? 'Unknown credential',
          apiBaseUrl: c.apiBaseUrl,
          toolOrigins: c.toolOrigins,
          status: connectionStatus,
        },
      ];
    });
  }

  async function run(kind: Busy, work: () => Promise<VaultStatus>): Promise<void> {
    busy.value = kind;
    error.value = undefined;
    try {
      status.value = await work();
      await loadUnlocked();
    } catch (caught) {
      error.value =
        caught instanceof VaultError ? caught : new VaultError('INTERNAL', 'Something went wrong.');
      // A failed unlock may have started throttling: show the countdown at once.
      status.value = await client.call('vault.status', {}).catch(() => status.value);
    } finally {
      busy.value = 'none';
    }
  }

  /** Runs a change that leaves the vault's state as it is; reports success. */
  async function change(work: () => Promise<unknown>): Promise<boolean> {
    busy.value = 'saving';
    error.value = undefined;
    try {
      await work();
      return true;
    } catch (caught) {
      error.value =
        caught instanceof VaultError ? caught : new VaultError('INTERNAL', 'Something went wrong.');
      return false;
    } finally {
      busy.value = 'none';
    }
  }

  return {
    status,
    busy,
    error,
    isLocked: computed(() => status.value?.state !== 'unlocked'),
    connections,
    credentials,
    apps,
    settings,
    exportLog,
    refresh: () => run('loading', () => client.call('vault.status', {})),
    create: (password) => run('creating', () => client.call('vault.create', { password })),
    unlock: (password) => run('unlocking', () => client.call('vault.unlock', { password })),
    lock: () => run('locking', () => client.call('vault.lock', {})),
    saveSettings: (next) =>
      change(async () => {
        settings.value = await client.call('settings.save', { settings: next });
        status.value = await client.call('vault.status', {});
      }),
    saveApp: (app) =>
      change(async () => {
        await client.call('apps.save', { app });
        apps.value = await client.call('apps.list', {});
      }),
    saveCredential: (credential) =>
      change(async () => {
        await client.call('credentials.save', { credential });
        credentials.value = await client.call('credentials.list', {});
      }),
    editCredential: (credential) =>
      change(async () => {
        await client.call('credentials.save', { credential });
        await loadUnlocked();
      }),
    deleteCredential: (id) =>
      change(async () => {
        await client.call('credentials.delete', { id });
        await loadUnlocked();
      }),
    importCredential: (app, credential) =>
      change(async () => {
        if (app) await client.call('apps.save', { app });
        // Reload even when the credential fails: the app saved, and the form must now reuse it.
        try {
          await client.call('credentials.save', { credential });
        } finally {
          await loadUnlocked();
        }
      }),
    changePassword: (oldPassword, newPassword) =>
      change(() => client.call('vault.changePassword', { oldPassword, newPassword })),
    dismissError: () => {
      error.value = undefined;
    },
    exportRecipients: async (credentialId) => {
      try {
        return await client.call('exports.recipients', { credentialId });
      } catch (caught) {
        error.value =
          caught instanceof VaultError ? caught : new VaultError('INTERNAL', 'Something went wrong.');
        return [];
      }
    },
    createExport: async (input) => {
      let output: ExportOutput | undefined;
      busy.value = 'exporting';
      error.value = undefined;
      try {
        output = await client.call('exports.create', input);
        exportLog.value = await client.call('exports.list', {});
      } catch (caught) {
        error.value =
          caught instanceof VaultError ? caught : new VaultError('INTERNAL', 'Something went wrong.');
        // A wrong master password may have started throttling.
        status.value = await client.call('vault.status', {}).catch(() => status.value);
      } finally {
        busy.value = 'none';
      }
      return output;
    },
  };
}
