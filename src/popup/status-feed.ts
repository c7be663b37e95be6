// Keeps the popup's status port to the worker open and hands each push on (to the popup state).
// Imported by main.tsx; the port is opened by the function it is given, so tests need no browser.
import type { Port } from '../platform/ports';
import { type ActivityPush, isActivityPush, isStatusPush, type StatusPush } from '../shared/messages';

/** After a port that brought nothing, wait this long before the next, doubling up to the cap. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Opens a port and reopens it when it drops. Chromium stops an idle worker, which disconnects
 * the port: reopening at once wakes the worker, whose first push is the page's one reading.
 * A port that drops before any push (a worker that refuses it or cannot start) is retried
 * later and later, not in a loop. Returns a function that closes the feed.
 */
export function followStatus(
  open: () => Port,
  onPush: (push: StatusPush) => void,
  onActivity: (push: ActivityPush) => void = () => {},
): () => void {
  let port: Port | undefined;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    timer = undefined;
    if (closed) return;
    let heard = false;
    const current = open();
    port = current;
    current.onMessage.addListener((message) => {
      if (isActivityPush(message)) return onActivity(message);
      if (!isStatusPush(message)) return;
      heard = true;
      retryMs = FIRST_RETRY_MS;
      onPush(message);
    });
    current.onDisconnect.addListener(() => {
      if (closed || port !== current) return;
      if (heard) return connect();
      timer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  };
  connect();

  return () => {
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    port?.disconnect();
  };
}
