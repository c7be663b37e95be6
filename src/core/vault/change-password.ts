// Changing the master password: the data key is re-wrapped under a KEK from the new password
// (new salt, optionally new KDF strength). Records are untouched. Imported by the worker
// through src/core/vault/index.ts.

import { equalBytes } from '../crypto/bytes';
import { unwrapDataKey, wrapDataKey } from '../crypto/data-key';
import { deriveKeyEncryptionKey, encodePassword, newKdfSettings } from '../crypto/kdf';
import type { KdfChoice } from '../crypto/params';
import { WrongPasswordError } from '../errors';
import { HEADER_KEY, inTransaction, type VaultDb } from './db';
import { parseHeader, readHeader } from './header';
import { assertNewPassword } from './password-policy';

/**
 * Without kdf the current KDF parameters are kept (with a new salt). The header is replaced
 * in one transaction: a failure leaves the old password working and nothing lost.
 */
export async function changePassword(
  db: VaultDb,
  oldPassword: string,
  newPassword: string,
  kdf?: KdfChoice,
): Promise<void> {
  encodePassword(newPassword);
  assertNewPassword(newPassword);
  const header = await readHeader(db);
  // validateKdfParams drops the old salt; newKdfSettings adds a fresh one.
  const nextKdf = newKdfSettings(kdf ?? header.kdf);

  const rawKey = await unwrapDataKey(
    await deriveKeyEncryptionKey(oldPassword, header.kdf),
    header.wrappedKey,
  );
  const wrappedKey = await wrapDataKey(await deriveKeyEncryptionKey(newPassword, nextKdf), rawKey);
  rawKey.fill(0);

  await inTransaction(db.transaction('meta', 'readwrite'), async (tx) => {
    // Another change may have committed while this one derived: then the old password no
    // longer opens the vault, and overwriting that change would be wrong.
    const current = parseHeader(await tx.store.get(HEADER_KEY));
    if (!equalBytes(current.wrappedKey.ct, header.wrappedKey.ct)) throw new WrongPasswordError();
    await tx.store.put({ ...current, kdf: nextKdf, wrappedKey, updatedAt: Date.now() }, HEADER_KEY);
  });
}
