// The backup file: one versioned JSON envelope around an AES-GCM ciphertext, and its parser.
// Parsing checks in a fixed order: not a backup, newer version, malformed, unknown KDF, costlier
// than the ceiling, weaker than the floor; nothing is derived before all of that passed.
// Imported by src/core/backup.

import { type Bytes, fromBase64, toBase64, utf8 } from '../crypto/bytes';
import { assertDerivable, type KdfParams, SALT_LIMITS, validateKdfParams } from '../crypto/params';
import { IntegrityError, InvalidInputError, VaultError } from '../errors';
import { MAX_BACKUP_CHARS } from '../vault/limits';

export const BACKUP_FORMAT = 'jwt-vault-backup';
export const BACKUP_VERSION = 1;
// Refused before parsing; kept with the other limits, where the popup reads it too.
export { MAX_BACKUP_CHARS };
export const VERIFIER_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The envelope as written to disk; bytes are standard base64. */
export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** Epoch milliseconds. */
  createdAt: number;
  kdf: KdfParams & { salt: string };
  verifier: string;
  iv: string;
  ciphertext: string;
}

/** The envelope with its bytes decoded and its KDF parameters checked. */
export interface ParsedBackup {
  createdAt: number;
  kdf: KdfParams;
  salt: Bytes;
  verifier: Bytes;
  iv: Bytes;
  ciphertext: Bytes;
}

/**
 * The associated data of the ciphertext: every header field except the verifier, in a fixed
 * order, so a changed date, version or KDF field fails the tag check even when the password is
 * right. KDF fields come from validateKdfParams, which orders them by the params table.
 */
export function headerAad(createdAt: number, kdf: KdfParams, salt: Uint8Array): Bytes {
  return utf8(JSON.stringify([BACKUP_FORMAT, BACKUP_VERSION, createdAt, kdf, toBase64(salt)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notABackup(): InvalidInputError {
  return new InvalidInputError('This file is not a JWT Vault backup.');
}

/**
 * INVALID_INPUT: not JSON or not a backup. UNSUPPORTED_VERSION: a newer version or an unknown
 * KDF. INTEGRITY: a backup with a damaged field. KDF_TOO_COSTLY: more work than the ceiling (a
 * crafted file could otherwise hold the worker for minutes). KDF_BELOW_FLOOR: weaker than this
 * version derives from (a crafted file could otherwise make guessing its password cheap).
 */
export function parseBackup(content: string): ParsedBackup {
  if (content.length > MAX_BACKUP_CHARS) throw new InvalidInputError('The backup file is too large.');
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    throw notABackup();
  }
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) throw notABackup();
  if (value.version !== BACKUP_VERSION) {
    if (typeof value.version === 'number' && value.version > BACKUP_VERSION) {
      throw new VaultError('UNSUPPORTED_VERSION', 'The backup was made by a newer version of JWT Vault.');
    }
    throw new VaultError('UNSUPPORTED_VERSION', 'This backup version is not supported.');
  }
  const { createdAt, kdf } = value;
  if (!isRecord(kdf)) throw new IntegrityError('The backup file is damaged.');
  let params: KdfParams;
  try {
    params = validateKdfParams(kdf);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'UNSUPPORTED_VERSION') throw error;
    throw new IntegrityError('The backup file is damaged.');
  }
  const salt = fromBase64(kdf.salt);
  const verifier = fromBase64(value.verifier);
  const iv = fromBase64(value.iv);
  const ciphertext = fromBase64(value.ciphertext);
  const wellFormed =
    typeof createdAt === 'number' &&
    Number.isSafeInteger(createdAt) &&
    salt !== undefined &&
    salt.length >= SALT_LIMITS.min &&
    salt.length <= SALT_LIMITS.max &&
    verifier?.length === VERIFIER_BYTES &&
    iv?.length === IV_BYTES &&
    ciphertext !== undefined &&
    ciphertext.length >= TAG_BYTES;
  if (!wellFormed) throw new IntegrityError('The backup file is damaged.');
  assertDerivable(params, 'This backup file');
  return { createdAt, kdf: params, salt, verifier, iv, ciphertext };
}
