// Popup state: read-only signals, changed only through the named actions below. Created by a
// factory so each test (and each popup) gets its own.
import { computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { ExportRecipient } from '../core/export';
import type { ExportRecord, Settings } from '../core/vault/model';
import type { VaultClient } from '../shared/client';
import { VaultError } from '../shared/errors';
import type {
  AppInput,
  AppView,
  ConnectionInput,
  ConnectionStatusView,
  ConnectionTestResult,
  CredentialInput,
  CredentialView,
  ExportInput,
  ExportOutput,
  ResponseOf,
  StatusPush,
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

/** A token request is under way (or about to start) for this connection: its status will change. */
export function tokenPending({ status }: ConnectionRow): boolean {
  return (
    status.enabled &&
    !status.notAllowed &&
    (status.state === 'idle' || status.state === 'exchanging' || status.state === 'refreshing')
  );
}

/** The listed connections with their status and credential label; one without a status is left out. */
function connectionRows(
  list: ResponseOf<'connections.list'>,
  statuses: ConnectionStatusView[],
  credentialList: CredentialView[],
): ConnectionRow[] {
  const labels = new Map(credentialList.map((c) => [c.id, c.label]));
  const byId = new Map(statuses.map((s) => [s.connectionId, s]));
  return list.flatMap((c) => {
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

export type Busy =
  | 'none'
  | 'loading'
  | 'creating'
  | 'unlocking'
  | 'locking'
  | 'saving'
  | 'exporting'
  | 'rekeying'
  | 'backing-up'
  | 'restoring';

/** A backup action's result: errors stay with the backup panel, which words them itself. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: VaultError };

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
  /**
   * Reads the connections again, then waits, for at most 10 s, until no token exchange is under
   * way and `until` holds: the worker finishes token work and reacts to a granted permission on
   * its own time, and pushes each change. Quiet: a failure shows on the next action instead.
   */
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
  /**
   * Reads the vault's state without counting as use; when it locked meanwhile (shortcut,
   * auto-lock, another page), shows the locked view and drops everything unlocked.
   */
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

/** What the popup shows for a failure: a VaultError as is, anything else as INTERNAL. */
function asVaultError(caught: unknown): VaultError {
  return caught instanceof VaultError ? caught : new VaultError('INTERNAL', 'Something went wrong.');
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
  // The worker's last push. It posts after every change, so its statuses are at least as new as
  // any reading's, whose answer may arrive after a later push: rows take the pushed status.
  let pushed: StatusPush | undefined;
  // A vault action of this page (unlock, lock…) owns the status until it finishes.
  let vaultAction = false;

  /** A reading's statuses, each replaced by the pushed one where the worker pushed one. */
  function latest(statuses: ConnectionStatusView[]): ConnectionStatusView[] {
    const byId = new Map(pushed?.connections.map((s) => [s.connectionId, s]));
    return statuses.map((s) => byId.get(s.connectionId) ?? s);
  }

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
    // Locked while reading (a push came): what was read must not fill a locked page.
    if (status.value?.state !== 'unlocked') return;
    exportLog.value = log;
    settings.value = saved;
    credentials.value = credentialList;
    apps.value = appList;
    connections.value = connectionRows(list, latest(statuses), credentialList);
  }

  /** Reads the connections and their status again (the rest of the vault is unchanged). */
  async function loadConnections(): Promise<void> {
    const [list, statuses] = await Promise.all([
      client.call('connections.list', {}),
      client.call('connections.status', {}),
    ]);
    if (status.value?.state !== 'unlocked') return;
    connections.value = connectionRows(list, latest(statuses), credentials.value);
  }

  async function syncStatus(): Promise<void> {
    // An action of this page (lock, unlock…) owns the status while it runs; a reading taken
    // before it finished must not undo what it set.
    if (busy.value !== 'none') return;
    const before = status.value;
    const next = await client.call('vault.status', {}).catch(() => undefined);
    if (!next || status.value !== before || busy.value !== 'none') return;
    if (next.state === before?.state) return;
    status.value = next;
    await loadUnlocked().catch(() => {});
  }

  /** Takes the pushed vault state unless an action of this page is changing it. */
  async function adoptPushedVault(): Promise<void> {
    const next = pushed?.vault;
    if (!next || vaultAction) return;
    const before = status.value;
    status.value = next;
    if (next.state !== before?.state) await loadUnlocked().catch(() => {});
  }

  async function run(kind: Busy, work: () => Promise<VaultStatus>): Promise<void> {
    busy.value = kind;
    error.value = undefined;
    vaultAction = true;
    try {
      status.value = await work();
      await loadUnlocked();
    } catch (caught) {
      error.value = asVaultError(caught);
      // A failed unlock may have started throttling: show the countdown at once.
      status.value = await client.call('vault.status', {}).catch(() => status.value);
    } finally {
      busy.value = 'none';
      vaultAction = false;
    }
    // A push that came meanwhile says otherwise: a lock made elsewhere in between, or a reading
    // the worker took before this action. One reading, newer than both, settles it.
    if (pushed && pushed.vault.state !== status.value?.state) await syncStatus();
  }

  /** Runs a change that leaves the vault's state as it is; reports success. */
  async function change(work: () => Promise<unknown>): Promise<boolean> {
    busy.value = 'saving';
    error.value = undefined;
    try {
      await work();
      return true;
    } catch (caught) {
      error.value = asVaultError(caught);
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
    saveApp: (app, password) =>
      change(async () => {
        await client.call('apps.save', password === undefined ? { app } : { app, password });
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
        error.value = asVaultError(caught);
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
        error.value = asVaultError(caught);
        // A wrong master password may have started throttling.
        status.value = await client.call('vault.status', {}).catch(() => status.value);
      } finally {
        busy.value = 'none';
      }
      return output;
    },
    saveConnection: (connection, password) =>
      change(async () => {
        await client.call(
          'connections.save',
          password === undefined ? { connection } : { connection, password },
        );
        await loadConnections();
      }),
    deleteConnection: (id) =>
      change(async () => {
        await client.call('connections.delete', { id });
        await loadConnections();
      }),
    refreshConnection: (id) =>
      change(async () => {
        await client.call('connections.refresh', { id });
        await loadConnections();
      }),
    testConnection: async (id) => {
      let result: ConnectionTestResult | undefined;
      const done = await change(async () => {
        result = await client.call('connections.test', { id });
        // The test may have fetched the first token: show it.
        await loadConnections();
      });
      return done ? result : undefined;
    },
    deleteApp: (id) =>
      change(async () => {
        await client.call('apps.delete', { id });
        apps.value = await client.call('apps.list', {});
      }),
    appSecret: async (id, password) => {
      error.value = undefined;
      try {
        return (await client.call('apps.secret', password === undefined ? { id } : { id, password }))
          .clientSecret;
      } catch (caught) {
        error.value = asVaultError(caught);
        return undefined;
      }
    },
    rekey: async (password, kdf) => {
      busy.value = 'rekeying';
      error.value = undefined;
      try {
        await client.call('vault.changePassword', { oldPassword: password, newPassword: password, kdf });
        status.value = await client.call('vault.status', {});
        return true;
      } catch (caught) {
        error.value = asVaultError(caught);
        // A wrong master password may have started throttling.
        status.value = await client.call('vault.status', {}).catch(() => status.value);
        return false;
      } finally {
        busy.value = 'none';
      }
    },
    syncStatus,
    settleConnections: async (until = () => true) => {
      try {
        await loadConnections();
      } catch {
        return;
      }
      // No polling: the rows change with the worker's pushes. Bounded, for a token request that
      // hangs: the caller's next step must not wait for it.
      await new Promise<void>((resolve) => {
        let settled = false;
        let stop: (() => void) | undefined;
        const finish = () => {
          settled = true;
          clearTimeout(timer);
          stop?.();
          resolve();
        };
        const timer = setTimeout(finish, 10_000);
        stop = effect(() => {
          const rows = connections.value;
          if (!settled && !rows.some(tokenPending) && until(rows)) finish();
        });
        if (settled) stop();
      });
    },
    applyStatusPush: (push) => {
      pushed = push;
      const byId = new Map(push.connections.map((s) => [s.connectionId, s]));
      const rows = connections.value;
      if (rows.some((row) => byId.has(row.id) && byId.get(row.id) !== row.status)) {
        connections.value = rows.map((row) => ({ ...row, status: byId.get(row.id) ?? row.status }));
      }
      void adoptPushedVault().then(() => {
        // A connection this page has not listed (added by a restore or another page): read the list.
        const listed = new Set(connections.value.map((row) => row.id));
        const unlisted = push.connections.some((s) => !listed.has(s.connectionId));
        if (unlisted && pushed === push && status.value?.state === 'unlocked' && !vaultAction) {
          void loadConnections().catch(() => {});
        }
      });
    },
    createBackup: (password, backupPassword) =>
      backupStep('backing-up', async () => {
        try {
          return await client.call('backup.create', { password, backupPassword });
        } finally {
          // A wrong master password may have started throttling.
          status.value = await client.call('vault.status', {}).catch(() => status.value);
        }
      }),
    previewBackup: (content, backupPassword) =>
      backupStep('restoring', () => client.call('backup.preview', { content, password: backupPassword })),
    restoreBackup: (content, backupPassword, onConflict, masterPassword) =>
      backupStep('restoring', async () => {
        const result = await client.call('backup.restore', {
          content,
          password: backupPassword,
          onConflict,
          ...(masterPassword === undefined ? {} : { masterPassword }),
        });
        await loadUnlocked();
        return result;
      }),
  };

  async function backupStep<T>(kind: Busy, work: () => Promise<T>): Promise<Outcome<T>> {
    busy.value = kind;
    try {
      return { ok: true, value: await work() };
    } catch (caught) {
      return {
        ok: false,
        error: asVaultError(caught),
      };
    } finally {
      busy.value = 'none';
    }
  }
}
