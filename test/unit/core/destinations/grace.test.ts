// The grace period after a confirmation: how long it covers further sensitive actions, and that
// changing the setting can shorten it but never reopen or lengthen it.
import { describe, expect, it } from 'vitest';
import { validateContents } from '../../../../src/core/backup/contents';
import { graceCovers, stampConfirmation } from '../../../../src/core/destinations';
import { validateSettings } from '../../../../src/core/vault/validate';

const AT = 1_700_000_000_000;
const MINUTE = 60_000;

describe('graceCovers', () => {
  it('covers actions within the grace period and not after it', () => {
    const stamp = stampConfirmation(AT, 2);
    expect(graceCovers(stamp, 2, AT)).toBe(true);
    expect(graceCovers(stamp, 2, AT + 2 * MINUTE - 1)).toBe(true);
    expect(graceCovers(stamp, 2, AT + 2 * MINUTE)).toBe(false);
  });

  it('covers nothing with 0 minutes, without a stamp, or when the clock went backwards', () => {
    expect(graceCovers(stampConfirmation(AT, 0), 0, AT)).toBe(false);
    expect(graceCovers(undefined, 2, AT)).toBe(false);
    expect(graceCovers(stampConfirmation(AT, 2), 2, AT - 1)).toBe(false);
  });

  it('shortens at once when the setting is lowered, and is not lengthened when it is raised', () => {
    const stamp = stampConfirmation(AT, 2);
    expect(graceCovers(stamp, 0, AT + 1)).toBe(false);
    expect(graceCovers(stamp, 60, AT + 3 * MINUTE)).toBe(false);
  });
});

describe('the grace setting in vaults and backups from before it', () => {
  it('reads as the default of 2 minutes', () => {
    const old = { autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true };
    expect(validateSettings(old).confirmGraceMinutes).toBe(2);
    const backup = validateContents({
      apps: [],
      credentials: [],
      connections: [],
      exports: [],
      settings: old,
    });
    expect(backup.settings.confirmGraceMinutes).toBe(2);
  });

  it('is refused outside 0 to 60 whole minutes', () => {
    for (const value of [-1, 61, 1.5, '2']) {
      expect(() =>
        validateSettings({
          autoLockMinutes: 15,
          lockOnSystemLock: true,
          revokeOnLock: true,
          confirmGraceMinutes: value,
        }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    expect(
      validateSettings({
        autoLockMinutes: 15,
        lockOnSystemLock: true,
        revokeOnLock: true,
        confirmGraceMinutes: 0,
      }).confirmGraceMinutes,
    ).toBe(0);
  });
});
