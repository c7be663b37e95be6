// The vault header: format, KDF settings with salt, and the wrapped data key. Parsing checks
// it in a fixed order: unknown format, malformed, unknown KDF, costlier than the ceiling, weaker
// than the floor.
// Imported by src/core/vault.

import type { Sealed } from '../crypto/aead';
import { copyBytes, isBytes } from '../crypto/bytes';
import { DATA_KEY_BYTES } from '../crypto/data-key';
import {
  assertDerivable,
  type KdfParams,
  SALT_LIMITS,
  type SaltedKdfParams,
  validateKdfParams,
} from '../crypto/params';
import { IntegrityError, VaultError } from '../errors';
import { HEADER_KEY, type VaultDb } from './db';

export const HEADER_FORMAT = 1;
const WRAPPED_KEY = { ivBytes: 12, ctBytes: DATA_KEY_BYTES + 16 } as const;

export interface VaultHeader {
  format: typeof HEADER_FORMAT;
  kdf: SaltedKdfParams;
  wrappedKey: Sealed;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Returns a clean header or throws: UNSUPPORTED_VERSION for a newer format or unknown KDF,
 * INTEGRITY for anything malformed, KDF_TOO_COSTLY for parameters over the cost ceiling and
 * KDF_BELOW_FLOOR for weak ones (checked last, and before any derivation).
 */
export function parseHeader(value: unknown): VaultHeader {
  if (!isRecord(value) || typeof value.format !== 'number') throw new IntegrityError();
  if (value.format !== HEADER_FORMAT) {
    throw new VaultError('UNSUPPORTED_VERSION', 'The vault was written by a newer version of JWT Vault.');
  }
  const { kdf, wrappedKey, createdAt, updatedAt } = value;
  if (!isRecord(kdf) || !isRecord(wrappedKey)) throw new IntegrityError();
  let params: KdfParams;
  try {
    params = validateKdfParams(kdf);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'UNSUPPORTED_VERSION') throw error;
    // Stored parameters out of range are corruption, not a user's input mistake.
    throw new IntegrityError();
  }
  const { salt } = kdf;
  const { iv, ct } = wrappedKey;
  const wellFormed =
    isBytes(salt) &&
    salt.length >= SALT_LIMITS.min &&
    salt.length <= SALT_LIMITS.max &&
    isBytes(iv) &&
    iv.length === WRAPPED_KEY.ivBytes &&
    isBytes(ct) &&
    ct.length === WRAPPED_KEY.ctBytes &&
    typeof createdAt === 'number' &&
    Number.isFinite(createdAt) &&
    typeof updatedAt === 'number' &&
    Number.isFinite(updatedAt);
  if (!wellFormed) throw new IntegrityError();
  assertDerivable(params, 'The vault on this device');
  return {
    format: HEADER_FORMAT,
    kdf: { ...params, salt: copyBytes(salt) },
    wrappedKey: { iv: copyBytes(iv), ct: copyBytes(ct) },
    createdAt,
    updatedAt,
  };
}

export async function vaultExists(db: VaultDb): Promise<boolean> {
  return (await db.count('meta', HEADER_KEY)) > 0;
}

/** The parsed header; NOT_INITIALIZED when there is none. */
export async function readHeader(db: VaultDb): Promise<VaultHeader> {
  const stored: unknown = await db.get('meta', HEADER_KEY);
  if (stored === undefined)
    throw new VaultError('NOT_INITIALIZED', 'There is no vault yet. Create one first.');
  return parseHeader(stored);
}
