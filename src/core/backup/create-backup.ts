// Making a backup: every record of the unlocked vault, sealed under a key derived from a
// backup password, in one JSON file. Imported by the worker through src/core/backup.

import { sealBytes } from '../crypto/aead';
import { randomBytes, toBase64, utf8 } from '../crypto/bytes';
import { encodePassword } from '../crypto/kdf';
import { type KdfChoice, resolveKdfChoice, SALT_BYTES } from '../crypto/params';
import { InvalidInputError } from '../errors';
import type { VaultRecords } from '../vault';
import { MIN_PASSWORD_LENGTH } from '../vault/password-policy';
import { type BackupContents, readContents } from './contents';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile, headerAad } from './format';
import { deriveBackupKeys } from './keys';

export interface BackupOutput {
  fileName: string;
  content: string;
}

/** The same length rule as a master password: the file may be copied anywhere. */
function assertBackupPassword(password: string): void {
  encodePassword(password);
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(`The backup password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}

function fileName(createdAt: number): string {
  return `jwt-vault-backup-${new Date(createdAt).toISOString().slice(0, 10)}.json`;
}

/** Seals given contents; split from createBackup so tests can build any backup they need. */
export async function sealBackup(
  contents: BackupContents,
  password: string,
  kdfChoice?: KdfChoice,
  createdAt = Date.now(),
): Promise<BackupOutput> {
  assertBackupPassword(password);
  const kdf = resolveKdfChoice(kdfChoice);
  const salt = randomBytes(SALT_BYTES);
  const { verifier, key } = await deriveBackupKeys(password, kdf, salt);
  const sealed = await sealBytes(key, utf8(JSON.stringify(contents)), headerAad(createdAt, kdf, salt));
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    kdf: { ...kdf, salt: toBase64(salt) },
    verifier: toBase64(verifier),
    iv: toBase64(sealed.iv),
    ciphertext: toBase64(sealed.ct),
  };
  return { fileName: fileName(createdAt), content: `${JSON.stringify(file, null, 2)}\n` };
}

export async function createBackup(
  records: VaultRecords,
  password: string,
  kdfChoice?: KdfChoice,
): Promise<BackupOutput> {
  // Checked before reading the records: a refused password never decrypts the vault.
  assertBackupPassword(password);
  return sealBackup(await readContents(records), password, kdfChoice);
}
