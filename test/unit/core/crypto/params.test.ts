import { describe, expect, it } from 'vitest';
import {
  assertAboveFloor,
  assertWithinCeiling,
  DEFAULT_PRESET,
  isAboveFloor,
  KDF_PRESETS,
  KDFS,
  type KdfParams,
  kdfCost,
  resolveKdfChoice,
  validateKdfParams,
} from '../../../../src/core/crypto/params';
import { expectCodeSync } from '../support';

describe('KDF parameter table', () => {
  it.each(Object.entries(KDF_PRESETS))('preset %s is well formed and at or above the floor', (_, preset) => {
    expect(validateKdfParams(preset.params)).toEqual(preset.params);
    expect(() => assertAboveFloor(preset.params)).not.toThrow();
  });

  it('defaults to Argon2id with 64 MiB, 3 passes and 4 lanes', () => {
    expect(KDF_PRESETS[DEFAULT_PRESET].params).toEqual({
      id: 'argon2id',
      memoryKiB: 65_536,
      iterations: 3,
      parallelism: 4,
    });
    expect(resolveKdfChoice()).toEqual(KDF_PRESETS[DEFAULT_PRESET].params);
  });

  it('holds every default at or above its own floor', () => {
    for (const [id, spec] of Object.entries(KDFS)) {
      expect(isAboveFloor({ id, ...spec.defaults } as KdfParams)).toBe(true);
    }
  });

  it('accepts the OWASP Argon2id minimums and nothing weaker', () => {
    const argon = (memoryKiB: number, iterations: number, parallelism = 1): KdfParams => ({
      id: 'argon2id',
      memoryKiB,
      iterations,
      parallelism,
    });
    expect(isAboveFloor(argon(19_456, 2))).toBe(true);
    expect(isAboveFloor(argon(47_104, 1))).toBe(true);
    expect(isAboveFloor(argon(19_455, 2))).toBe(false);
    expect(isAboveFloor(argon(19_456, 1))).toBe(false);
    expect(isAboveFloor(argon(47_103, 1))).toBe(false);
    expect(isAboveFloor(argon(12_288, 3))).toBe(false);
    expectCodeSync(() => assertAboveFloor(argon(8_192, 2)), 'KDF_BELOW_FLOOR');
  });

  it('accepts PBKDF2-SHA256 from 600,000 iterations', () => {
    expect(isAboveFloor({ id: 'pbkdf2-sha256', iterations: 600_000 })).toBe(true);
    expectCodeSync(() => assertAboveFloor({ id: 'pbkdf2-sha256', iterations: 599_999 }), 'KDF_BELOW_FLOOR');
  });

  it('reports an unknown KDF id as an unsupported version', () => {
    expectCodeSync(() => validateKdfParams({ id: 'scrypt', N: 1 << 17 }), 'UNSUPPORTED_VERSION');
  });

  it.each([
    ['a missing field', { id: 'argon2id', memoryKiB: 65_536, iterations: 3 }],
    ['a fractional value', { id: 'argon2id', memoryKiB: 65_536.5, iterations: 3, parallelism: 4 }],
    ['a string value', { id: 'pbkdf2-sha256', iterations: '600000' }],
    [
      'a value above the structural limit',
      { id: 'argon2id', memoryKiB: 4_194_304, iterations: 3, parallelism: 4 },
    ],
    ['zero iterations', { id: 'pbkdf2-sha256', iterations: 0 }],
    ['no object at all', 'argon2id'],
  ])('refuses %s as invalid input', (_, params) => {
    expectCodeSync(() => validateKdfParams(params), 'INVALID_INPUT');
  });

  it('drops fields that are not parameters', () => {
    expect(validateKdfParams({ id: 'pbkdf2-sha256', iterations: 600_000, extra: true })).toEqual({
      id: 'pbkdf2-sha256',
      iterations: 600_000,
    });
  });

  it('refuses an unknown preset name and explicit params below the floor', () => {
    expectCodeSync(() => resolveKdfChoice('argon2id-1m-t1'), 'INVALID_INPUT');
    expectCodeSync(() => resolveKdfChoice({ id: 'pbkdf2-sha256', iterations: 10_000 }), 'KDF_BELOW_FLOOR');
    expect(resolveKdfChoice('pbkdf2-600k')).toEqual({ id: 'pbkdf2-sha256', iterations: 600_000 });
  });

  it.each(Object.entries(KDF_PRESETS))(
    'preset %s asks for at most a fifth of the cost ceiling',
    (_, preset) => {
      expect(kdfCost(preset.params) * 5).toBeLessThanOrEqual(KDFS[preset.params.id].ceiling.max);
    },
  );

  it('refuses 1 GiB × 4 passes as too costly, and accepts 1 GiB × 1 and 256 MiB × 4', () => {
    const argon = (memoryKiB: number, iterations: number): KdfParams => ({
      id: 'argon2id',
      memoryKiB,
      iterations,
      parallelism: 4,
    });
    expectCodeSync(() => assertWithinCeiling(argon(1_048_576, 4)), 'KDF_TOO_COSTLY');
    expectCodeSync(() => assertWithinCeiling(argon(65_536, 17)), 'KDF_TOO_COSTLY');
    expect(() => assertWithinCeiling(argon(1_048_576, 1))).not.toThrow();
    expect(() => assertWithinCeiling(argon(262_144, 4))).not.toThrow();
  });

  it('refuses PBKDF2 above 6,000,000 iterations as too costly', () => {
    expect(() => assertWithinCeiling({ id: 'pbkdf2-sha256', iterations: 6_000_000 })).not.toThrow();
    expectCodeSync(
      () => assertWithinCeiling({ id: 'pbkdf2-sha256', iterations: 6_000_001 }),
      'KDF_TOO_COSTLY',
    );
  });

  it('says in words what was asked for, and the limit', () => {
    let message = '';
    try {
      assertWithinCeiling(
        { id: 'argon2id', memoryKiB: 1_048_576, iterations: 4, parallelism: 4 },
        'This backup file',
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'This backup file asks for more key-derivation work than JWT Vault allows: Argon2id with ' +
        '1,024 MiB × 4 passes is 4,096 MiB × passes, and the limit is 1,024. It was refused ' +
        'before any of that work, so nothing changed.',
    );
  });

  it('refuses explicit params over the ceiling when creating', () => {
    expectCodeSync(
      () => resolveKdfChoice({ id: 'argon2id', memoryKiB: 1_048_576, iterations: 4, parallelism: 4 }),
      'KDF_TOO_COSTLY',
    );
  });
});
