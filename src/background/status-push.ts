// Pushes the vault's state and the connections' status to the extension pages that are open, so
// a popup never keeps showing a state the worker has left (an "exchanging" that became
// "active"). Imported by the worker entry, which hands it the ports and tells it of changes.
//
// Why a port rather than storage.session change events: the session area holds the data key
// and the tokens, and a page listening to its changes would receive them; a port carries only
// the views built here. Only a page that is open holds a port, so nothing is computed while no
// popup is open, and nothing polls: the worker posts after a change. When Chromium stops the
// idle worker the ports disconnect; the page reconnects, which wakes the worker and brings a
// fresh snapshot (see popup/status-feed.ts).
import type { Port } from '../platform/ports';
import {
  type ActivityPush,
  type ConnectionStatusView,
  STATUS_PORT,
  type StatusPush,
  type VaultStatus,
} from '../shared/messages';
import { latestOnly } from './latest-only';
import { isTrustedSender, type Self } from './sender';

/** After telling of new activity entries, how long the next ones wait to be told together. */
const ACTIVITY_MS = 100;

export interface StatusPushDeps {
  vaultStatus(): Promise<VaultStatus>;
  /** Must not count as use of the vault: a push must not hold off auto-lock. */
  statuses(): Promise<ConnectionStatusView[]>;
  self(): Self;
}

export function createStatusPush(deps: StatusPushDeps) {
  // Each open port with what it was last sent, so an unchanged state is not posted again.
  const ports = new Map<Port, string | undefined>();

  // The statuses last read, posted again when only the vault's state changed: each use of the
  // vault moves its auto-lock time, and reading every connection's status for that would cost a
  // popup's open two readings more.
  let statuses: ConnectionStatusView[] | undefined;
  let statusesChanged = true;

  async function snapshot(): Promise<StatusPush> {
    const kept = statusesChanged ? undefined : statuses;
    statusesChanged = false;
    try {
      const [vault, connections] = await Promise.all([deps.vaultStatus(), kept ?? deps.statuses()]);
      statuses = connections;
      return { type: 'status', vault, connections: vault.state === 'unlocked' ? connections : [] };
    } catch (error) {
      statusesChanged = true;
      throw error;
    }
  }

  function post(port: Port, push: StatusPush, text: string): void {
    if (ports.get(port) === text) return;
    try {
      port.postMessage(push);
      ports.set(port, text);
    } catch {
      // Posting on a port whose page has gone throws: forget it.
      ports.delete(port);
    }
  }

  // New activity entries are told at once, then at most every ACTIVITY_MS while more come: a
  // lone request shows as it ends, a tool's burst costs a push per interval, not one per request.
  let waiting: number | undefined;
  let quietUntil = 0;
  const postActivity = (latest: number) => {
    const push: ActivityPush = { type: 'activity', latest };
    quietUntil = Date.now() + ACTIVITY_MS;
    for (const port of [...ports.keys()]) {
      try {
        port.postMessage(push);
      } catch {
        ports.delete(port);
      }
    }
  };

  // One reading at a time, the last one after the last change: no page gets an older reading
  // after a newer one.
  const run = latestOnly(
    async () => {
      const push = await snapshot();
      const text = JSON.stringify(push);
      for (const port of [...ports.keys()]) post(port, push, text);
    },
    () => ports.size > 0,
  );

  return {
    /** A page opened a port: keep it if it is the status port of one of our own pages. */
    connect(port: Port): void {
      if (port.name !== STATUS_PORT) return;
      if (!port.sender || !isTrustedSender(port.sender, deps.self())) {
        port.disconnect();
        return;
      }
      ports.set(port, undefined);
      port.onDisconnect.addListener(() => ports.delete(port));
      // The page's first reading, in the same queue as the changes' (a new port has been sent
      // nothing, so it gets the reading even when the other pages already have it), read afresh.
      statusesChanged = true;
      run();
    },

    /** Something the pages show may have changed: read it once and post it where it differs. */
    notify(): void {
      statusesChanged = true;
      run();
    },

    /** Only the vault's state may have changed (its auto-lock time): the statuses are posted as last read. */
    notifyVault(): void {
      run();
    },

    /** A new activity entry: the pages hear of it at once, or within ACTIVITY_MS in a burst. */
    notifyActivity(latest: number): void {
      if (ports.size === 0) return;
      if (waiting !== undefined) {
        waiting = Math.max(waiting, latest);
        return;
      }
      const wait = quietUntil - Date.now();
      if (wait <= 0) {
        postActivity(latest);
        return;
      }
      waiting = latest;
      setTimeout(() => {
        const newest = waiting;
        waiting = undefined;
        if (newest !== undefined) postActivity(newest);
      }, wait);
    },
  };
}
