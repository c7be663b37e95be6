// Popup state: read-only signals, changed only through the named actions below. Created by a
// factory so each test (and each popup) gets its own.
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { Settings } from '../core/vault/model';
import type { VaultClient } from '../shared/client';
import { VaultError } from '../shared/errors';
import type {
  AppInput,
  AppView,
  ConnectionStatusView,
  CredentialInput,
  CredentialView,
  VaultStatus,
} from '../shared/messages';

/** One auto-auth connection as the popup lists it. */
export interface ConnectionRow {
  id: string;
  credentialLabel: string;
  apiBaseUrl: string;
  toolOrigins: string[];
  status: ConnectionStatusView;
}

export type Busy = 'none' | 'loading' | 'creating' | 'unlocking' | 'locking' | 'saving';

export interface PopupState {
  status: ReadonlySignal<VaultStatus | undefined>;
  busy: ReadonlySignal<Busy>;
  error: ReadonlySignal<VaultError | undefined>;
  isLocked: ReadonlySignal<boolean>;
  connections: ReadonlySignal<ConnectionRow[]>;
  credentials: ReadonlySignal<CredentialView[]>;
  apps: ReadonlySignal<AppView[]>;
  settings: ReadonlySignal<Settings | undefined>;
  refresh(): Promise<void>;
  create(password: string): Promise<void>;
  unlock(password: string): Promise<void>;
  lock(): Promise<void>;
  /** Resolve true when saved; a failure is in `error`. */
  saveSettings(settings: Settings): Promise<boolean>;
  saveApp(app: AppInput): Promise<boolean>;
  saveCredential(credential: CredentialInput): Promise<boolean>;
  changePassword(oldPassword: string, newPassword: string): Promise<boolean>;
  dismissError(): void;
}

export function createPopupState(client: VaultClient): PopupState {
  const status = signal<VaultStatus | undefined>(undefined);
  const busy = signal<Busy>('none');
  const error = signal<VaultError | undefined>(undefined);
  const connections = signal<ConnectionRow[]>([]);
  const settings = signal<Settings | undefined>(undefined);
  const credentials = signal<CredentialView[]>([]);
  const apps = signal<AppView[]>([]);

  /** Loads what the unlocked views show; empties everything when locked. */
  async function loadUnlocked(): Promise<void> {
    if (status.value?.state !== 'unlocked') {
      connections.value = [];
      credentials.value = [];
      apps.value = [];
      settings.value = undefined;
      return;
    }
    const [list, credentialList, appList, statuses, saved] = await Promise.all([
      client.call('connections.list', {}),
      client.call('credentials.list', {}),
      client.call('apps.list', {}),
      client.call('connections.status', {}),
      client.call('settings.get', {}),
    ]);
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
    changePassword: (oldPassword, newPassword) =>
      change(() => client.call('vault.changePassword', { oldPassword, newPassword })),
    dismissError: () => {
      error.value = undefined;
    },
  };
}
