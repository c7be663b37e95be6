import { describe, expect, it } from 'vitest';
import { openBytes, sealBytes } from '../../../../src/core/crypto/aead';
import { utf8 } from '../../../../src/core/crypto/bytes';
import { generateDataKey, importDataKey } from '../../../../src/core/crypto/data-key';
import { expectCode, hex } from '../support';

const aad = utf8('jwt-vault:record:v1:apps:app-1');

describe('AES-256-GCM seal and open', () => {
  it('opens what it sealed', async () => {
    const key = await importDataKey(generateDataKey());
    const sealed = await sealBytes(key, utf8('hello vault'), aad);
    expect(new TextDecoder().decode(await openBytes(key, sealed, aad))).toBe('hello vault');
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.ct).toHaveLength('hello vault'.length + 16);
  });

  it('uses a fresh IV for every seal', async () => {
    const key = await importDataKey(generateDataKey());
    const a = await sealBytes(key, utf8('same'), aad);
    const b = await sealBytes(key, utf8('same'), aad);
    expect(hex(a.iv)).not.toBe(hex(b.iv));
    expect(hex(a.ct)).not.toBe(hex(b.ct));
  });

  it('rejects a ciphertext with one flipped bit', async () => {
    const key = await importDataKey(generateDataKey());
    const sealed = await sealBytes(key, utf8('hello vault'), aad);
    for (const index of [0, sealed.ct.length - 1]) {
      const ct = new Uint8Array(sealed.ct);
      ct[index]! ^= 0x01;
      await expectCode(openBytes(key, { iv: sealed.iv, ct }, aad), 'INTEGRITY');
    }
    const iv = new Uint8Array(sealed.iv);
    iv[0]! ^= 0x80;
    await expectCode(openBytes(key, { iv, ct: sealed.ct }, aad), 'INTEGRITY');
  });

  it('rejects other associated data, another key and a truncated ciphertext', async () => {
    const key = await importDataKey(generateDataKey());
    const sealed = await sealBytes(key, utf8('hello vault'), aad);
    await expectCode(openBytes(key, sealed, utf8('jwt-vault:record:v1:apps:app-2')), 'INTEGRITY');
    await expectCode(openBytes(await importDataKey(generateDataKey()), sealed, aad), 'INTEGRITY');
    await expectCode(openBytes(key, { iv: sealed.iv, ct: sealed.ct.slice(0, 10) }, aad), 'INTEGRITY');
  });
});
