// Times as the popup writes them, each format built once: `toLocaleTimeString` builds a new
// formatter on every call, a measurable part of painting a home view of 20 connections.
const SECONDS = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const MINUTES = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });

/** "14:05:09": when a token expires or a retry comes. */
export function clockTime(epochMs: number): string {
  return SECONDS.format(epochMs);
}

/** "14:05": when the vault locks itself. */
export function shortTime(epochMs: number): string {
  return MINUTES.format(epochMs);
}

const DAY_AND_TIME = new Intl.DateTimeFormat([], {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "14:05:09" today, "9 Dec, 14:05" on another day: a refresh token's end can be a week away. */
export function whenTime(epochMs: number, now: number = Date.now()): string {
  return new Date(epochMs).toDateString() === new Date(now).toDateString()
    ? SECONDS.format(epochMs)
    : DAY_AND_TIME.format(epochMs);
}
