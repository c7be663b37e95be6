// Opening a backup: parse the envelope, check the password against the verifier, then open
// the ciphertext with the header as associated data. Imported by src/core/backup.

import { openBytes } from '../crypto/aead';
import { fromUtf8 } from '../crypto/bytes';
import { IntegrityError, VaultError } from '../errors';
import { type BackupContents, validateContents } from './contents';
import { headerAad, parseBackup } from './format';
import { unlockBackup } from './keys';

/**
 * WRONG_PASSWORD when the verifier does not match; INTEGRITY when it does but the ciphertext
 * or a header field was changed. A changed salt or KDF field derives another verifier, so it
 * reads as a wrong password: without the right key nothing can tell the two apart.
 */
export async function openBackup(content: string, password: string): Promise<BackupContents> {
  const parsed = parseBackup(content);
  const key = await unlockBackup(password, parsed.kdf, parsed.salt, parsed.verifier);
  const plaintext = await openBytes(
    key,
    { iv: parsed.iv, ct: parsed.ciphertext },
    headerAad(parsed.createdAt, parsed.kdf, parsed.salt),
  ).catch(() => {
    throw new IntegrityError('The backup file is damaged or was changed after it was made.');
  });
  try {
    return validateContents(JSON.parse(fromUtf8(plaintext)));
  } catch (error) {
    // Authenticated yet unreadable: written by a build with other record rules.
    if (error instanceof VaultError) {
      throw new VaultError(
        'UNSUPPORTED_VERSION',
        `The backup holds a record this version cannot read: ${error.message}`,
      );
    }
    throw new IntegrityError('The backup file is damaged or was changed after it was made.');
  }
}
