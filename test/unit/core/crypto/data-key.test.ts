import { describe, expect, it } from 'vitest';
import {
  DATA_KEY_BYTES,
  generateDataKey,
  importDataKey,
  unwrapDataKey,
  wrapDataKey,
} from '../../../../src/core/crypto/data-key';
import { deriveKeyEncryptionKey, newKdfSettings } from '../../../../src/core/crypto/kdf';
import { expectCode, FAST_KDF, hex } from '../support';

describe('data key', () => {
  it('is 256 random bits', () => {
    const a = generateDataKey();
    expect(a).toHaveLength(DATA_KEY_BYTES);
    expect(hex(a)).not.toBe(hex(generateDataKey()));
  });

  it('imports as a non-extractable AES-GCM key', async () => {
    const key = await importDataKey(generateDataKey());
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('unwraps with the same KEK and refuses another as a wrong password', async () => {
    const kdf = newKdfSettings(FAST_KDF);
    const kek = await deriveKeyEncryptionKey('right password', kdf);
    const raw = generateDataKey();
    const wrapped = await wrapDataKey(kek, raw);
    expect(hex(await unwrapDataKey(kek, wrapped))).toBe(hex(raw));
    const otherKek = await deriveKeyEncryptionKey('wrong password', kdf);
    await expectCode(unwrapDataKey(otherKek, wrapped), 'WRONG_PASSWORD');
  });

  it('reports a tampered wrapped key as a wrong password: the two cannot be told apart', async () => {
    const kek = await deriveKeyEncryptionKey('right password', newKdfSettings(FAST_KDF));
    const wrapped = await wrapDataKey(kek, generateDataKey());
    const ct = new Uint8Array(wrapped.ct);
    ct[5]! ^= 0x10;
    await expectCode(unwrapDataKey(kek, { iv: wrapped.iv, ct }), 'WRONG_PASSWORD');
  });

  it('refuses to import a key of the wrong length', async () => {
    await expect(importDataKey(new Uint8Array(16))).rejects.toThrow(RangeError);
  });
});
