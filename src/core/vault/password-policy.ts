// What a new password must be: the master password (create, change) and a backup's password.
// Checked by the vault when one is set and by the popup's forms before they ask; unlocking
// never applies it (old vaults still open).
import { InvalidInputError } from '../../shared/errors';

export const MIN_PASSWORD_LENGTH = 8;

/** Which password a form sets: the first master password, a replacement for it, or a backup's. */
export type NewPasswordKind = 'master' | 'new' | 'backup';

/** Each kind's words, so a form speaks of the password it asks for. */
const WORDING: { [K in NewPasswordKind]: { short: string; differ: string } } = {
  master: {
    short: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
    differ: 'The two passwords are not the same.',
  },
  new: {
    short: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
    differ: 'The two new passwords are not the same.',
  },
  backup: {
    short: `Use at least ${MIN_PASSWORD_LENGTH} characters for the backup password.`,
    differ: 'The two backup passwords are not the same.',
  },
};

/** Counted in code points, as a person counts characters (an emoji is one). */
function tooShort(password: string): boolean {
  return [...password].length < MIN_PASSWORD_LENGTH;
}

/** Why this new password, typed twice, cannot be set; undefined when it can. */
export function newPasswordProblem(
  kind: NewPasswordKind,
  password: string,
  confirmation: string,
): string | undefined {
  if (tooShort(password)) return WORDING[kind].short;
  if (password !== confirmation) return WORDING[kind].differ;
  return undefined;
}

export function assertNewPassword(password: string): void {
  if (tooShort(password)) {
    throw new InvalidInputError(`The master password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}
