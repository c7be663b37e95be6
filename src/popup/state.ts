// Popup state: read-only signals, changed only through the named actions below. Created by a
// factory so each test (and each popup) gets its own.
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { VaultClient } from '../shared/client';
import { VaultError } from '../shared/errors';
import type { ConnectionStatusView, VaultStatus } from '../shared/messages';

/** One auto-auth connection as the popup lists it. */
export interface ConnectionRow {
  id: string;
  credentialLabel: string;
  apiBaseUrl: string;
  toolOrigins: string[];
  status: ConnectionStatusView;
}

export type Busy = 'none' | 'loading' | 'creating' | 'unlocking' | 'locking';

export interface PopupState {
  status: ReadonlySignal<VaultStatus | undefined>;
  busy: ReadonlySignal<Busy>;
  error: ReadonlySignal<VaultError | undefined>;
  isLocked: ReadonlySignal<boolean>;
  connections: ReadonlySignal<ConnectionRow[]>;
  refresh(): Promise<void>;
  create(password: string): Promise<void>;
  unlock(password: string): Promise<void>;
  lock(): Promise<void>;
  dismissError(): void;
}

export function createPopupState(client: VaultClient): PopupState {
  const status = signal<VaultStatus | undefined>(undefined);
  const busy = signal<Busy>('none');
  const error = signal<VaultError | undefined>(undefined);
  const connections = signal<ConnectionRow[]>([]);

  /** Loads the connections and their status while unlocked; empties the list when locked. */
  async function loadConnections(): Promise<void> {
    if (status.value?.state !== 'unlocked') {
      connections.value = [];
      return;
    }
    const [list, credentials, statuses] = await Promise.all([
      client.call('connections.list', {}),
      client.call('credentials.list', {}),
      client.call('connections.status', {}),
    ]);
    const labels = new Map(credentials.map((c) => [c.id, c.label]));
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
      await loadConnections();
    } catch (caught) {
      error.value =
        caught instanceof VaultError ? caught : new VaultError('INTERNAL', 'Something went wrong.');
      // A failed unlock may have started throttling: show the countdown at once.
      status.value = await client.call('vault.status', {}).catch(() => status.value);
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
    refresh: () => run('loading', () => client.call('vault.status', {})),
    create: (password) => run('creating', () => client.call('vault.create', { password })),
    unlock: (password) => run('unlocking', () => client.call('vault.unlock', { password })),
    lock: () => run('locking', () => client.call('vault.lock', {})),
    dismissError: () => {
      error.value = undefined;
    },
  };
}
