// Everything the popup shows of an unlocked vault, held in one signal: locking empties it in one
// assignment, so no list, label or setting can stay on screen because a reset was forgotten.
// Every domain model reads its part from here and writes through `update`.
import { type ReadonlySignal, signal } from '@preact/signals';
import type { ExportRecord, Settings } from '../../core/vault/model';
import type { VaultClient } from '../../shared/client';
import type {
  AppView,
  ConnectionStatusView,
  CredentialView,
  ResponseOf,
  StatusPush,
} from '../../shared/messages';

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

export interface UnlockedData {
  connections: ConnectionRow[];
  credentials: CredentialView[];
  apps: AppView[];
  settings: Settings;
  /** What left the vault, newest first. */
  exportLog: ExportRecord[];
}

export interface UnlockedStore {
  /** Undefined while locked (and until the first reading after an unlock). */
  readonly data: ReadonlySignal<UnlockedData | undefined>;
  /** Reads everything the unlocked views show, in one go; empties everything when locked. */
  load(): Promise<void>;
  /** Replaces some parts; ignored while locked, so a late answer never fills a locked page. */
  update(patch: Partial<UnlockedData>): void;
  /** The connections read again with their status (the rest of the vault is unchanged). */
  loadConnections(): Promise<void>;
  /** The worker's last push: its statuses are at least as new as any reading's. */
  setPushed(push: StatusPush): void;
  pushed(): StatusPush | undefined;
  /** At lock: one assignment empties every domain. */
  clear(): void;
}

/** The listed connections with their status and credential label; one without a status is left out. */
export function connectionRows(
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

/**
 * `isOpen`: whether the worker last said the vault is unlocked; a reading that ends after a lock
 * is dropped.
 */
export function createUnlockedStore(client: VaultClient, isOpen: () => boolean): UnlockedStore {
  const data = signal<UnlockedData | undefined>(undefined);
  let pushed: StatusPush | undefined;

  /** A reading's statuses, each replaced by the pushed one where the worker pushed one. */
  function latest(statuses: ConnectionStatusView[]): ConnectionStatusView[] {
    const byId = new Map(pushed?.connections.map((s) => [s.connectionId, s]));
    return statuses.map((s) => byId.get(s.connectionId) ?? s);
  }

  return {
    data,
    async load() {
      if (!isOpen()) {
        data.value = undefined;
        return;
      }
      const [list, credentials, apps, statuses, settings, exportLog] = await Promise.all([
        client.call('connections.list', {}),
        client.call('credentials.list', {}),
        client.call('apps.list', {}),
        client.call('connections.status', {}),
        client.call('settings.get', {}),
        client.call('exports.list', {}),
      ]);
      // Locked while reading (a push came): what was read must not fill a locked page.
      if (!isOpen()) return;
      data.value = {
        connections: connectionRows(list, latest(statuses), credentials),
        credentials,
        apps,
        settings,
        exportLog,
      };
    },
    update(patch) {
      if (!isOpen() || !data.value) return;
      data.value = { ...data.value, ...patch };
    },
    async loadConnections() {
      const [list, statuses] = await Promise.all([
        client.call('connections.list', {}),
        client.call('connections.status', {}),
      ]);
      const current = data.value;
      if (!isOpen() || !current) return;
      data.value = { ...current, connections: connectionRows(list, latest(statuses), current.credentials) };
    },
    setPushed(push) {
      pushed = push;
    },
    pushed: () => pushed,
    clear() {
      data.value = undefined;
    },
  };
}
