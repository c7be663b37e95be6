// The auto-auth connections with their live status: saved, deleted, refreshed and tested here;
// the worker pushes every status change (status-feed.ts), nothing polls.
import { computed, effect, type ReadonlySignal } from '@preact/signals';
import type { VaultClient } from '../../shared/client';
import type {
  ConnectionInput,
  ConnectionTestResult,
  Proof,
  StatusPush,
  TokenInspectionView,
} from '../../shared/messages';
import { attempt, type Outcome } from './outcome';
import type { ConnectionRow, UnlockedStore } from './unlocked';

/** A token request is under way (or about to start) for this connection: its status will change. */
export function tokenPending({ status }: ConnectionRow): boolean {
  return (
    status.enabled &&
    !status.notAllowed &&
    (status.state === 'idle' || status.state === 'exchanging' || status.state === 'refreshing')
  );
}

export interface ConnectionsModel {
  rows: ReadonlySignal<ConnectionRow[]>;
  /** Creates or updates one (enable/disable is an update); `proof` when the worker asked for it. */
  save(connection: ConnectionInput, proof?: Proof): Promise<Outcome<void>>;
  remove(id: string): Promise<Outcome<void>>;
  /** A new token now (the refresh token when there is one). */
  refresh(id: string): Promise<Outcome<void>>;
  /** The worker's test request with the connection's token. */
  test(id: string): Promise<Outcome<ConnectionTestResult>>;
  /** What the token inspector shows of the connection's token session. */
  inspect(id: string): Promise<Outcome<TokenInspectionView>>;
  /**
   * Reads the connections again, then waits, for at most 10 s, until no token exchange is under
   * way and `until` holds. Quiet: a failure shows on the next action instead.
   */
  settle(until?: (rows: ConnectionRow[]) => boolean): Promise<void>;
  /** The statuses of a worker push; reads the list when it names a connection not listed here. */
  applyPush(push: StatusPush, stillCurrent: () => boolean): void;
}

const SETTLE_LIMIT_MS = 10_000;

export function createConnectionsModel(client: VaultClient, store: UnlockedStore): ConnectionsModel {
  const rows = computed(() => store.data.value?.connections ?? []);

  /** Runs a change, then reads the connections again: one may have started or stopped. */
  const thenReload = (work: () => Promise<unknown>): Promise<Outcome<void>> =>
    attempt(async () => {
      await work();
      await store.reread(['connections']);
    });

  return {
    rows,
    save: (connection, proof) => thenReload(() => client.call('connections.save', { connection, ...proof })),
    remove: (id) => thenReload(() => client.call('connections.delete', { id })),
    refresh: (id) => thenReload(() => client.call('connections.refresh', { id })),
    test: (id) =>
      attempt(async () => {
        const result = await client.call('connections.test', { id });
        // The test may have fetched the first token: show it.
        await store.reread(['connections']);
        return result;
      }),
    inspect: (id) => attempt(() => client.call('connections.token', { id })),
    settle: async (until = () => true) => {
      try {
        await store.reread(['connections']);
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
        const timer = setTimeout(finish, SETTLE_LIMIT_MS);
        stop = effect(() => {
          const current = rows.value;
          if (!settled && !current.some(tokenPending) && until(current)) finish();
        });
        if (settled) stop();
      });
    },
    applyPush: (push, stillCurrent) => {
      const byId = new Map(push.connections.map((s) => [s.connectionId, s]));
      const current = rows.value;
      if (current.some((row) => byId.has(row.id) && byId.get(row.id) !== row.status)) {
        store.update({
          connections: current.map((row) => ({ ...row, status: byId.get(row.id) ?? row.status })),
        });
      }
      // A connection this page has not listed (added by a restore or another page): read the list,
      // unless it has not been read yet (the first reading will have it).
      const listed = new Set(rows.value.map((row) => row.id));
      const read = store.data.value?.connections !== undefined;
      if (read && stillCurrent() && push.connections.some((s) => !listed.has(s.connectionId))) {
        void store.reread(['connections']).catch(() => {});
      }
    },
  };
}
