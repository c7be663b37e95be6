import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/core/errors';
import {
  assertNewPassword,
  MIN_PASSWORD_LENGTH,
  newPasswordProblem,
} from '../../../../src/core/vault/password-policy';

const LONG = 'correct horse';

describe('new password rule', () => {
  it('accepts a long enough password typed the same twice', () => {
    for (const kind of ['master', 'new', 'backup'] as const) {
      expect(newPasswordProblem(kind, LONG, LONG)).toBeUndefined();
    }
  });

  it('refuses one character short of the minimum, counted as a person counts (an emoji is one)', () => {
    const short = '🔑'.repeat(MIN_PASSWORD_LENGTH - 1);
    expect(short.length).toBeGreaterThan(MIN_PASSWORD_LENGTH);
    expect(newPasswordProblem('master', short, short)).toBe('Use at least 8 characters.');
    const enough = '🔑'.repeat(MIN_PASSWORD_LENGTH);
    expect(newPasswordProblem('master', enough, enough)).toBeUndefined();
  });

  it('speaks of the password the form asks for', () => {
    expect(newPasswordProblem('new', 'short', 'short')).toBe('Use at least 8 characters.');
    expect(newPasswordProblem('backup', 'short', 'short')).toBe(
      'Use at least 8 characters for the backup password.',
    );
    expect(newPasswordProblem('master', LONG, `${LONG}!`)).toBe('The two passwords are not the same.');
    expect(newPasswordProblem('new', LONG, '')).toBe('The two new passwords are not the same.');
    expect(newPasswordProblem('backup', LONG, 'other')).toBe('The two backup passwords are not the same.');
  });

  it('reports the length before a mismatch: the first field is the one to fix', () => {
    expect(newPasswordProblem('backup', 'short', 'other')).toBe(
      'Use at least 8 characters for the backup password.',
    );
  });

  it('holds the vault to the same length as the forms', () => {
    expect(() => assertNewPassword('x'.repeat(MIN_PASSWORD_LENGTH - 1))).toThrow(InvalidInputError);
    expect(() => assertNewPassword('x'.repeat(MIN_PASSWORD_LENGTH))).not.toThrow();
  });
});
