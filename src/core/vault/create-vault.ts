// Creating a vault: a new data key wrapped by the password's KEK, default settings sealed,
// all written in one transaction. Imported by the worker through src/core/vault/index.ts.

import type { Bytes } from '../crypto/bytes';
import { generateDataKey, importDataKey, wrapDataKey } from '../crypto/data-key';
import { deriveKeyEncryptionKey, encodePassword, newKdfSettings } from '../crypto/kdf';
import type { KdfChoice } from '../crypto/params';
import { VaultError } from '../errors';
import { HEADER_KEY, inTransaction, type VaultDb } from './db';
import { HEADER_FORMAT, type VaultHeader, vaultExists } from './header';
import { DEFAULT_SETTINGS, RECORD_KINDS } from './model';
import { assertNewPassword } from './password-policy';
import { sealRecord } from './sealed-record';
import { SETTINGS_ID } from './validate';

function alreadyInitialized(): VaultError {
  return new VaultError('ALREADY_INITIALIZED', 'A vault already exists here.');
}

/** Returns the raw data key, for the caller to keep in memory while unlocked. */
export async function createVault(db: VaultDb, password: string, kdf?: KdfChoice): Promise<Bytes> {
  encodePassword(password);
  assertNewPassword(password);
  const kdfSettings = newKdfSettings(kdf);
  // Checked again in the write transaction; this early check spares a needless derivation.
  if (await vaultExists(db)) throw alreadyInitialized();

  // All crypto first: the transaction below must not await anything but its own requests.
  const kek = await deriveKeyEncryptionKey(password, kdfSettings);
  const rawKey = generateDataKey();
  const wrappedKey = await wrapDataKey(kek, rawKey);
  const settings = await sealRecord(await importDataKey(rawKey), 'settings', {
    id: SETTINGS_ID,
    ...DEFAULT_SETTINGS,
  });
  const now = Date.now();
  const header: VaultHeader = {
    format: HEADER_FORMAT,
    kdf: kdfSettings,
    wrappedKey,
    createdAt: now,
    updatedAt: now,
  };

  await inTransaction(db.transaction(['meta', ...RECORD_KINDS], 'readwrite'), async (tx) => {
    if ((await tx.objectStore('meta').count(HEADER_KEY)) > 0) throw alreadyInitialized();
    // Records left without a header were sealed with a key nobody has: a new vault starts empty.
    await Promise.all(RECORD_KINDS.map((kind) => tx.objectStore(kind).clear()));
    await tx.objectStore('meta').put(header, HEADER_KEY);
    await tx.objectStore('settings').put(settings);
  });
  return rawKey;
}
