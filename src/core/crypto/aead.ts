// AES-256-GCM seal and open with associated data: the one cipher of the vault. Imported by
// src/core/crypto and src/core/vault.
import { IntegrityError } from '../errors';
import { type Bytes, copyBytes, randomBytes } from './bytes';

export const AES_GCM = { name: 'AES-GCM', keyBits: 256, ivBytes: 12, tagBytes: 16 } as const;

/** A ciphertext with its IV. The tag is the last 16 bytes of ct, as WebCrypto returns it. */
export interface Sealed {
  iv: Bytes;
  ct: Bytes;
}

/**
 * A fresh random 96-bit IV per seal. With random IVs one key stays safe for about 2^32 seals
 * (NIST SP 800-38D); a vault writes orders of magnitude fewer.
 */
export async function sealBytes(
  key: CryptoKey,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
): Promise<Sealed> {
  const iv = randomBytes(AES_GCM.ivBytes);
  const ct = await crypto.subtle.encrypt(
    { name: AES_GCM.name, iv, additionalData: copyBytes(associatedData), tagLength: AES_GCM.tagBytes * 8 },
    key,
    copyBytes(plaintext),
  );
  return { iv, ct: new Uint8Array(ct) };
}

/**
 * Any failure (wrong key, changed byte, other associated data, bad IV length) is one
 * IntegrityError that says nothing about which: that would only help an attacker.
 */
export async function openBytes(key: CryptoKey, sealed: Sealed, associatedData: Uint8Array): Promise<Bytes> {
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: AES_GCM.name,
        iv: copyBytes(sealed.iv),
        additionalData: copyBytes(associatedData),
        tagLength: AES_GCM.tagBytes * 8,
      },
      key,
      copyBytes(sealed.ct),
    );
    return new Uint8Array(plaintext);
  } catch {
    throw new IntegrityError();
  }
}
