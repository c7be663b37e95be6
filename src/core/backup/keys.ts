// Backup password -> two keys: a verifier that tells a wrong password from a damaged file,
// and the AES-GCM key that seals the vault's records. Imported by src/core/backup.

import { type Bytes, equalBytes, utf8 } from '../crypto/bytes';
import { deriveKeyBytes } from '../crypto/kdf';
import { assertDerivable, type KdfParams } from '../crypto/params';
import { WrongPasswordError } from '../errors';
import { VERIFIER_BYTES } from './format';

// Distinct HKDF info strings make the verifier and the encryption key independent outputs of
// one password derivation: the verifier is written in the clear, and learning it must tell
// nothing about the key. Stored as is, a copy of the encryption key (or of KDF output used
// directly) would let anyone holding the file decrypt it.
const VERIFIER_INFO = utf8('jwt-vault-backup:v1:verifier');
const ENCRYPTION_INFO = utf8('jwt-vault-backup:v1:encryption');
const NO_SALT = new Uint8Array(32);

export interface BackupKeys {
  verifier: Bytes;
  key: CryptoKey;
}

/**
 * One slow derivation (the params table's KDF, within its floor and ceiling), then HKDF-SHA256 to
 * split it. The verifier costs an attacker nothing they lack: the GCM tag already confirms a
 * guess, and each guess still pays the full KDF.
 */
export async function deriveBackupKeys(password: string, kdf: KdfParams, salt: Bytes): Promise<BackupKeys> {
  assertDerivable(kdf, 'This backup file');
  const master = await deriveKeyBytes(password, { ...kdf, salt });
  try {
    const base = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveBits', 'deriveKey']);
    const verifier = new Uint8Array(
      await crypto.subtle.deriveBits(
        { name: 'HKDF', hash: 'SHA-256', salt: NO_SALT, info: VERIFIER_INFO },
        base,
        VERIFIER_BYTES * 8,
      ),
    );
    const key = await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: NO_SALT, info: ENCRYPTION_INFO },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
    return { verifier, key };
  } finally {
    master.fill(0);
  }
}

/** The encryption key when the password matches the file's verifier; WRONG_PASSWORD otherwise. */
export async function unlockBackup(
  password: string,
  kdf: KdfParams,
  salt: Bytes,
  expected: Uint8Array,
): Promise<CryptoKey> {
  const { verifier, key } = await deriveBackupKeys(password, kdf, salt);
  if (!equalBytes(verifier, expected)) {
    throw new WrongPasswordError('The backup password is not correct.');
  }
  return key;
}
