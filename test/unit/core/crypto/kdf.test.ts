import { argon2id } from 'hash-wasm';
import { describe, expect, it, vi } from 'vitest';
import { deriveKeyBytes, deriveKeyEncryptionKey, newKdfSettings } from '../../../../src/core/crypto/kdf';
import type { SaltedKdfParams } from '../../../../src/core/crypto/params';
import { expectCode, hex } from '../support';

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const filled = (length: number, byte: number) => new Uint8Array(length).fill(byte);

describe('Argon2id test vectors', () => {
  // RFC 9106 §5.3 publishes one Argon2id vector, and it uses both a secret K and associated
  // data X. hash-wasm 4.13 accepts a secret but always hashes an empty X (see argon2Internal:
  // `blake512.update(int32LE(0))`), so the published tag 0d640df5…e659 cannot be reproduced
  // through it. The vector below is the RFC's inputs without X; its tag was computed with the
  // reference C library (libargon2 1, argon2_ctx, Argon2_id, version 0x13), which in the same
  // harness returns the RFC's published tag when X is supplied.
  it('matches RFC 9106 §5.3 inputs without associated data (tag from the reference library)', async () => {
    const tag = await argon2id({
      password: filled(32, 0x01),
      salt: filled(16, 0x02),
      secret: filled(8, 0x03),
      iterations: 3,
      memorySize: 32,
      parallelism: 4,
      hashLength: 32,
      outputType: 'hex',
    });
    expect(tag).toBe('0034de3c8a75efc1148100eaf5ba9b1ce6d50ba5cdf6ae4018c54a4fc03ac10d');
  });

  // Published in the reference implementation's src/test.c (phc-winner-argon2, Argon2id,
  // version 0x13, 32-byte tags, no secret and no associated data), run through the vault's
  // own derivation.
  it.each([
    [256, 2, 1, 'password', 'somesalt', '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe'],
    [256, 2, 2, 'password', 'somesalt', '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037'],
    [
      65_536,
      2,
      1,
      'password',
      'somesalt',
      '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7',
    ],
    [
      65_536,
      1,
      1,
      'password',
      'somesalt',
      'f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98',
    ],
    [
      65_536,
      2,
      1,
      'differentpassword',
      'somesalt',
      '0b84d652cf6b0c4beaef0dfe278ba6a80df6696281d7e0d2891b817d8c458fde',
    ],
    [
      65_536,
      2,
      1,
      'password',
      'diffsalt',
      'bdf32b05ccc42eb15d58fd19b1f856b113da1e9a5874fdcc544308565aa8141c',
    ],
  ])(
    'matches the reference test.c vector m=%i KiB t=%i p=%i (%s, %s)',
    async (memoryKiB, iterations, parallelism, password, salt, tag) => {
      const kdf: SaltedKdfParams = { id: 'argon2id', memoryKiB, iterations, parallelism, salt: ascii(salt) };
      expect(hex(await deriveKeyBytes(password, kdf))).toBe(tag);
    },
  );
});

describe('PBKDF2-HMAC-SHA256 test vectors (RFC 7914 §11)', () => {
  it.each([
    [
      'passwd',
      'salt',
      1,
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    ],
    [
      'Password',
      'NaCl',
      80_000,
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d',
    ],
  ])('P=%s S=%s c=%i dkLen=64', async (password, salt, iterations, dk) => {
    const kdf: SaltedKdfParams = { id: 'pbkdf2-sha256', iterations, salt: ascii(salt) };
    expect(hex(await deriveKeyBytes(password, kdf, 64))).toBe(dk);
  });
});

describe('password to key-encryption key', () => {
  const cheap: SaltedKdfParams = {
    id: 'argon2id',
    memoryKiB: 256,
    iterations: 1,
    parallelism: 1,
    salt: filled(16, 9),
  };

  it('normalises the password to NFC before deriving', async () => {
    const composed = 'caf\u00e9 cr\u00e8me';
    const decomposed = 'cafe\u0301 cre\u0300me';
    expect(composed).not.toBe(decomposed);
    expect(hex(await deriveKeyBytes(decomposed, cheap))).toBe(hex(await deriveKeyBytes(composed, cheap)));
  });

  it('refuses an empty password', async () => {
    await expectCode(deriveKeyBytes('', cheap), 'INVALID_INPUT');
  });

  it('returns a non-extractable AES-GCM key', async () => {
    const kek = await deriveKeyEncryptionKey('correct horse', newKdfSettings('argon2id-19m-t2'));
    expect(kek.extractable).toBe(false);
    expect(kek.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...kek.usages].sort()).toEqual(['decrypt', 'encrypt']);
  });

  it('refuses parameters below the floor without deriving', async () => {
    const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits');
    try {
      await expectCode(
        deriveKeyEncryptionKey('pw', { id: 'pbkdf2-sha256', iterations: 1_000, salt: filled(16, 1) }),
        'KDF_BELOW_FLOOR',
      );
      expect(deriveBits).not.toHaveBeenCalled();
    } finally {
      deriveBits.mockRestore();
    }
  });

  it('refuses a salt shorter than 16 bytes', async () => {
    await expectCode(
      deriveKeyEncryptionKey('pw', { id: 'pbkdf2-sha256', iterations: 600_000, salt: filled(8, 1) }),
      'INTEGRITY',
    );
  });

  it('gives each new vault settings a fresh 16-byte salt', () => {
    const a = newKdfSettings('pbkdf2-600k');
    const b = newKdfSettings('pbkdf2-600k');
    expect(a.salt).toHaveLength(16);
    expect(hex(a.salt)).not.toBe(hex(b.salt));
  });
});
