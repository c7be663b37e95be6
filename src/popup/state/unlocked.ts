// Everything the popup shows of an unlocked vault, held in one signal: locking empties it in one
// assignment, so no list, label or setting can stay on screen because a reset was forgotten.
// It is read in parts, each when a view first needs it: the home view shows its connections
// without waiting for a thousand credentials. Every domain model reads its part from here and
// writes through `update` or `reread`.
import { type ReadonlySignal, signal } from '@preact/signals';
import type { ActivityEntry } from '../../core/activity/entry';
import type { PasskeyView } from '../../core/vault';
import type { OlderActivity } from '../../core/vault/activity-history';
import type { ExportRecord, Settings } from '../../core/vault/model';
import type { VaultClient } from '../../shared/client';
import type {
  AppView,
  ConnectionOverview,
  ConnectionStatusView,
  ConnectionsOverview,
  CredentialView,
  StatusPush,
} from '../../shared/messages';

/** One auto-auth connection as the popup lists it. */
export type ConnectionRow = ConnectionOverview;

export interface UnlockedData {
  connections?: ConnectionRow[];
  /** How many apps and credentials there are, read with the connections (for the first steps). */
  counts?: ConnectionsOverview['counts'];
  credentials?: CredentialView[];
  apps?: AppView[];
  settings?: Settings;
  /** What left the vault, newest first. */
  exportLog?: ExportRecord[];
  /** The tools' requests to the connections' APIs, newest first. */
  activity?: ActivityEntry[];
  /** The passkeys that open the vault besides the master password. */
  passkeys?: PasskeyView[];
  /** Older requests read on asking, below those of `activity`: earlier sessions' from the kept log. */
  activityOlder?: OlderActivity;
}

/** What is read in one request (the connections come with their counts). */
export type Part =
  | 'connections'
  | 'credentials'
  | 'apps'
  | 'settings'
  | 'exportLog'
  | 'activity'
  | 'passkeys';

export const PARTS: readonly Part[] = [
  'connections',
  'credentials',
  'apps',
  'settings',
  'exportLog',
  'activity',
  'passkeys',
];

export interface UnlockedStore {
  /** Undefined while locked; the parts read so far while unlocked. */
  readonly data: ReadonlySignal<UnlockedData | undefined>;
  /**
   * Reads the parts not yet read (or joins their reading under way). Callable before the vault's
   * state is known: what is read then is kept until `open` (unlocked) or `clear` (not).
   */
  need(parts: readonly Part[]): Promise<void>;
  /** Reads the given parts again (after a change), or every part read so far. */
  reread(parts?: readonly Part[]): Promise<void>;
  /** The parts read, or being read, since the last lock. */
  readSoFar(): Part[];
  /** The vault is unlocked: show what has been read for it. */
  open(): void;
  /** Replaces some parts; ignored while locked, so a late answer never fills a locked page. */
  update(patch: Partial<UnlockedData>): void;
  /** The worker's last push: its statuses are at least as new as any reading's. */
  setPushed(push: StatusPush): void;
  pushed(): StatusPush | undefined;
  /** At lock: one assignment empties every domain, and readings under way are dropped. */
  clear(): void;
}

/**
 * `isOpen`: whether the worker last said the vault is unlocked; a reading that ends after a lock
 * is dropped.
 */
export function createUnlockedStore(client: VaultClient, isOpen: () => boolean): UnlockedStore {
  const data = signal<UnlockedData | undefined>(undefined);
  let pushed: StatusPush | undefined;
  // Each lock starts a new epoch: a reading from before it is dropped when it ends.
  let epoch = 0;
  // The latest reading of each part in this epoch; a part whose reading failed is read again.
  const reading = new Map<Part, Promise<void>>();
  // Readings are numbered; one that ends after a later one of the same part landed is dropped.
  let readings = 0;
  const landed = new Map<Part, number>();
  // Read before the vault's state was known: shown at `open`.
  let early: UnlockedData = {};

  /** A reading's statuses, each replaced by the pushed one where the worker pushed one. */
  function latest(statuses: ConnectionStatusView[]): Map<string, ConnectionStatusView> {
    const byId = new Map(pushed?.connections.map((s) => [s.connectionId, s]));
    return new Map(statuses.map((s) => [s.connectionId, byId.get(s.connectionId) ?? s]));
  }

  const readers: Record<Part, () => Promise<UnlockedData>> = {
    connections: async () => {
      const { connections, counts } = await client.call('connections.overview', {});
      const statuses = latest(connections.map((row) => row.status));
      return {
        connections: connections.map((row) => ({ ...row, status: statuses.get(row.id) ?? row.status })),
        counts,
      };
    },
    credentials: async () => ({ credentials: await client.call('credentials.list', {}) }),
    apps: async () => ({ apps: await client.call('apps.list', {}) }),
    settings: async () => ({ settings: await client.call('settings.get', {}) }),
    exportLog: async () => ({ exportLog: await client.call('exports.list', {}) }),
    activity: async () => ({ activity: await client.call('activity.list', {}) }),
    passkeys: async () => ({ passkeys: await client.call('passkeys.list', {}) }),
  };

  function merge(patch: UnlockedData): void {
    if (isOpen()) data.value = { ...(data.value ?? {}), ...patch };
    else early = { ...early, ...patch };
  }

  function read(part: Part): Promise<void> {
    const since = epoch;
    readings += 1;
    const number = readings;
    const run: Promise<void> = readers[part]().then(
      (patch) => {
        // Dropped: a lock came, or a later reading of the part landed first.
        if (epoch !== since || (landed.get(part) ?? 0) > number) return;
        landed.set(part, number);
        merge(patch);
      },
      (error: unknown) => {
        if (reading.get(part) === run) reading.delete(part);
        throw error;
      },
    );
    reading.set(part, run);
    return run;
  }

  return {
    data,
    need: (parts) => Promise.all(parts.map((part) => reading.get(part) ?? read(part))).then(() => {}),
    reread: (parts) => Promise.all((parts ?? [...reading.keys()]).map(read)).then(() => {}),
    readSoFar: () => [...reading.keys()],
    open() {
      if (!isOpen()) return;
      if (!data.value || Object.keys(early).length > 0) data.value = { ...(data.value ?? {}), ...early };
      early = {};
    },
    update(patch) {
      if (!isOpen() || !data.value) return;
      data.value = { ...data.value, ...patch };
    },
    setPushed(push) {
      pushed = push;
    },
    pushed: () => pushed,
    clear() {
      epoch += 1;
      reading.clear();
      landed.clear();
      early = {};
      data.value = undefined;
    },
  };
}
