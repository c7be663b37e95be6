// The one way a popup action reports how it went: a value, or the error to show where the action
// was started. Nothing else (no boolean plus a page-wide error, no `undefined` meaning "failed").
import { VaultError } from '../../core/errors';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: VaultError };

/** What the popup shows for a failure: a VaultError as is, anything else as INTERNAL (no raw text). */
export function asVaultError(caught: unknown): VaultError {
  return caught instanceof VaultError ? caught : new VaultError('INTERNAL', 'Something went wrong.');
}

/** Runs `work` and reports it as an outcome; never rejects. */
export async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (caught) {
    return { ok: false, error: asVaultError(caught) };
  }
}
