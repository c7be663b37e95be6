// The grace period after the master password was given: one confirmation covers further
// sensitive actions (reveal, copy, a new destination) for a few minutes. Pure functions over the
// stamp the worker keeps in storage.session. Imported by the worker and src/core/vault.

/** The setting's bounds: 0 asks every time; an hour at most keeps the walk-up window short. */
export const CONFIRM_GRACE_MINUTES = { min: 0, max: 60, default: 2 } as const;

/** When the password was last given, and until when that covers sensitive actions. */
export interface ConfirmationStamp {
  at: number;
  until: number;
}

export function stampConfirmation(at: number, graceMinutes: number): ConfirmationStamp {
  return { at, until: at + graceMinutes * 60_000 };
}

/**
 * Whether the stamp still covers an action now. The grace in force is the shorter of the one set
 * when the password was given and the one set now: lowering the setting takes effect at once,
 * and raising it (by someone at the unlocked browser) does not reopen a grace that has ended. A
 * clock that went backwards covers nothing.
 */
export function graceCovers(
  stamp: ConfirmationStamp | undefined,
  graceMinutes: number,
  now: number,
): boolean {
  if (!stamp || now < stamp.at) return false;
  return now < Math.min(stamp.until, stamp.at + graceMinutes * 60_000);
}
