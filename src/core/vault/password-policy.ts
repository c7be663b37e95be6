// What a new master password must be. Checked by the vault when one is set (create, change)
// and shown by the popup before it asks; unlocking never applies it (old vaults still open).
import { InvalidInputError } from '../../shared/errors';

export const MIN_PASSWORD_LENGTH = 8;

export function assertNewPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(`The master password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}
