// The VaultError a promise is refused with, for the kinds' tests: a test fails when the promise
// succeeds, or is refused with anything else (which would hide a message that was never written).
import { VaultError } from '../../../../src/core/errors';

export async function failure(promise: Promise<unknown>): Promise<VaultError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('it succeeded');
}
