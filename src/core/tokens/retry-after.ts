// Reads a Retry-After header (delta seconds or an HTTP date) into an epoch-ms instant.
// Imported by the token client's error mapping.

/** Wait this long when a 429 or 503 says nothing: the protocol's floor. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

export function retryAtFrom(header: string | null, now: number): number {
  const value = header?.trim() ?? '';
  if (/^\d{1,9}$/.test(value)) return now + Number(value) * 1000;
  const date = Date.parse(value);
  // A date in the past (or a skewed clock) still means "not yet": fall back to the floor.
  if (!Number.isNaN(date) && date > now) return date;
  return now + DEFAULT_RETRY_AFTER_MS;
}
