// The vault's random 256-bit data key: generated once, wrapped by the password's KEK, imported
// as a non-extractable AES-GCM key to seal records. Imported by src/core/vault and the worker.
import { WrongPasswordError } from '../errors';
import { openBytes, type Sealed, sealBytes } from './aead';
import { type Bytes, copyBytes, randomBytes, utf8 } from './bytes';

export const DATA_KEY_BYTES = 32;
const WRAP_AAD = utf8('jwt-vault:data-key:v1');

export function generateDataKey(): Bytes {
  return randomBytes(DATA_KEY_BYTES);
}

/** Non-extractable: code that gets hold of the CryptoKey still cannot read the key bytes. */
export async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== DATA_KEY_BYTES) {
    throw new RangeError(`A data key is ${DATA_KEY_BYTES} bytes.`);
  }
  return crypto.subtle.importKey('raw', copyBytes(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export function wrapDataKey(kek: CryptoKey, raw: Uint8Array): Promise<Sealed> {
  return sealBytes(kek, raw, WRAP_AAD);
}

/**
 * A wrong password and a tampered wrapped key fail the same GCM tag check and cannot be told
 * apart, so both are reported as WRONG_PASSWORD: the likely cause, and the one the user can fix.
 */
export async function unwrapDataKey(kek: CryptoKey, wrapped: Sealed): Promise<Bytes> {
  let raw: Bytes;
  try {
    raw = await openBytes(kek, wrapped, WRAP_AAD);
  } catch {
    throw new WrongPasswordError();
  }
  if (raw.length !== DATA_KEY_BYTES) throw new WrongPasswordError();
  return raw;
}
