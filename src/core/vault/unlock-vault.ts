// Unlocking: the header's KDF turns the password into the KEK, which unwraps the data key.
// Imported by the worker through src/core/vault/index.ts.
import type { Bytes } from '../crypto/bytes';
import { unwrapDataKey } from '../crypto/data-key';
import { deriveKeyEncryptionKey } from '../crypto/kdf';
import type { VaultDb } from './db';
import { readHeader } from './header';

/**
 * Returns the raw data key. NOT_INITIALIZED without a vault; UNSUPPORTED_VERSION, INTEGRITY or
 * KDF_BELOW_FLOOR for a header it will not derive from; WRONG_PASSWORD otherwise.
 */
export async function unlockVault(db: VaultDb, password: string): Promise<Bytes> {
  const header = await readHeader(db);
  const kek = await deriveKeyEncryptionKey(password, header.kdf);
  return unwrapDataKey(kek, header.wrappedKey);
}
