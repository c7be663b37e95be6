import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../../src/core/password-strength';

describe('password strength', () => {
  it('calls anything below the minimum length too short, whatever its characters', () => {
    expect(passwordStrength('')).toMatchObject({ level: 0, label: 'Too short' });
    expect(passwordStrength('xK9#mQ2')).toMatchObject({ level: 0, label: 'Too short' });
    expect(passwordStrength('xK9#mQ2').hints).toContain('Use at least 8 characters.');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordStrength('🔑🔑🔑🔑🔑🔑🔑').level).toBe(0);
  });

  it('calls common passwords weak, even decorated', () => {
    for (const password of ['password', 'Password1!', 'P@ssw0rd2024!', 'qwertyuiop123', 'letmein12']) {
      expect(passwordStrength(password), password).toMatchObject({ level: 1, label: 'Weak' });
    }
    expect(passwordStrength('Password1!').hints).toContain('Avoid common passwords and words built on them.');
  });

  it('sees through repeated and sequential characters', () => {
    expect(passwordStrength('aaaaaaaaaaaa').level).toBe(1);
    expect(passwordStrength('abcdefgh12345678').level).toBe(1);
    expect(passwordStrength('abcdefgh12345678').hints).toContain('Avoid repeated or sequential characters.');
  });

  it('rewards length and mixed character classes', () => {
    expect(passwordStrength('xK9#mQ2$vL').level).toBe(3);
    expect(passwordStrength('gH7!kP2@zQ9#wL4$')).toMatchObject({ level: 4, label: 'Strong', hints: [] });
    expect(passwordStrength('correct horse battery staple')).toMatchObject({ level: 4, hints: [] });
  });

  it('grows with the password being typed', () => {
    const levels = ['corr', 'correct h', 'correct horse b', 'correct horse battery staple'].map(
      (p) => passwordStrength(p).level,
    );
    expect(levels).toEqual([...levels].sort());
    expect(levels[0]).toBe(0);
    expect(levels.at(-1)).toBe(4);
  });
});
