// How much of the activity log the vault keeps: nothing, this session's requests in memory, or
// also a sealed copy in the vault for some days. The setting's values and bounds, said once for
// the settings record, the message validators and the popup. Pure.

/**
 * - `off`: no request is logged, and what was logged goes.
 * - `session`: the newest entries in memory (storage.session) until the vault locks.
 * - `kept`: that, and every entry sealed with the data key in IndexedDB for `activityKeepDays`.
 */
export const ACTIVITY_LOG_MODES = ['off', 'session', 'kept'] as const;
export type ActivityLogMode = (typeof ACTIVITY_LOG_MODES)[number];

export const DEFAULT_ACTIVITY_LOG_MODE: ActivityLogMode = 'session';

/** For how many days a kept log keeps an entry. */
export const ACTIVITY_KEEP_DAYS = { min: 1, max: 365, default: 30 } as const;

/**
 * Entries a kept log holds at most, the oldest dropped first, whatever their age: 10,000 requests
 * a day for a month would otherwise be some 70 MB sealed in the profile.
 */
export const KEPT_ACTIVITY_LIMIT = 50_000;

/** Entries one reading of the older ones returns at most. */
export const OLDER_ACTIVITY_PAGE = 500;

export function isActivityLogMode(value: unknown): value is ActivityLogMode {
  return (ACTIVITY_LOG_MODES as readonly unknown[]).includes(value);
}
