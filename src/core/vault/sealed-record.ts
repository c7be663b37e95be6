// One record sealed with the data key, as stored: {id, v, iv, ct}. The associated data binds
// kind, id and version, so a record copied under another id or kind fails to open. A record of
// an older version opens and is brought up to date (record-versions.ts). Imported by
// src/core/vault.

import { openBytes, sealBytes } from '../crypto/aead';
import { type Bytes, fromUtf8, isBytes, utf8 } from '../crypto/bytes';
import { IntegrityError, VaultError } from '../errors';
import type { RecordKind, RecordTypes } from './model';
import { isReadableVersion, RECORD_VERSION, upgradeRecord } from './record-versions';

export interface SealedRecord {
  id: string;
  /** Schema version of the sealed plaintext. */
  v: number;
  iv: Bytes;
  ct: Bytes;
}

/** Kinds contain no ":" and ids are [A-Za-z0-9_-]: the string is unambiguous. */
export function recordAssociatedData(kind: RecordKind, id: string, version: number = RECORD_VERSION): Bytes {
  return utf8(`jwt-vault:record:v${version}:${kind}:${id}`);
}

export async function sealRecord<K extends RecordKind>(
  key: CryptoKey,
  kind: K,
  record: RecordTypes[K],
): Promise<SealedRecord> {
  const { iv, ct } = await sealBytes(
    key,
    utf8(JSON.stringify(record)),
    recordAssociatedData(kind, record.id),
  );
  return { id: record.id, v: RECORD_VERSION, iv, ct };
}

export async function openRecord<K extends RecordKind>(
  key: CryptoKey,
  kind: K,
  stored: unknown,
): Promise<RecordTypes[K]> {
  if (typeof stored !== 'object' || stored === null) throw new IntegrityError();
  const { id, v, iv, ct } = stored as Partial<SealedRecord>;
  if (typeof id !== 'string' || typeof v !== 'number' || !isBytes(iv) || !isBytes(ct))
    throw new IntegrityError();
  if (!isReadableVersion(v)) {
    throw new VaultError('UNSUPPORTED_VERSION', 'A stored record was written by a newer version.');
  }
  const plaintext = await openBytes(key, { iv, ct }, recordAssociatedData(kind, id, v));
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(plaintext));
  } catch {
    // Never rethrow the parser's error: its message quotes the plaintext.
    throw new IntegrityError();
  }
  if (typeof value !== 'object' || value === null || (value as { id?: unknown }).id !== id) {
    throw new IntegrityError();
  }
  return upgradeRecord(kind, value as Record<string, unknown>, v) as unknown as RecordTypes[K];
}
