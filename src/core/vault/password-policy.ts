// What a new password must be: the master password (create, change) and a backup's password.
// Checked by the vault when one is set and by the popup's forms before they ask; unlocking
// never applies it (old vaults still open).
import { InvalidInputError } from '../errors';

export const MIN_PASSWORD_LENGTH = 8;

/** Which password a form sets: the first master password, a replacement for it, or a backup's. */
export type NewPasswordKind = 'master' | 'new' | 'backup';

/** How each kind is named in the problem texts. */
const NAMED: { [K in NewPasswordKind]: string } = { master: '', new: 'new ', backup: 'backup ' };

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
  if (tooShort(password)) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters${kind === 'backup' ? ' for the backup password' : ''}.`;
  }
  if (password !== confirmation) return `The two ${NAMED[kind]}passwords are not the same.`;
  return undefined;
}

export function assertNewPassword(password: string): void {
  if (tooShort(password)) {
    throw new InvalidInputError(`The master password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}
