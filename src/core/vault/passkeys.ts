// The passkeys enrolled for a vault: each keeps its own wrap of the data key (passkey-wrap.ts)
// in the `passkeys` store, beside the password's wrap in the header, which they never replace —
// the master password always opens the vault, and changing it or re-keying rewrites the header
// only. Their credential ids and PRF salts are not secret: the popup needs them to ask the
// authenticator while the vault is locked. Imported by the worker through src/core/vault.
import type { Bytes } from '../crypto/bytes';
import {
  newPrfSalt,
  PasskeyRefusedError,
  parsePasskeyWrap,
  unwrapWithPasskey,
  wrapForPasskey,
} from '../crypto/passkey-wrap';
import { InvalidInputError, VaultError } from '../errors';
import { inTransaction, type VaultDb } from './db';
import { LIMITS } from './limits';

/** What the popup shows of an enrolled passkey. */
export interface PasskeyView {
  credentialId: string;
  name: string;
  createdAt: number;
}

/** What the authenticator is asked to evaluate for each passkey at unlock. */
export interface PasskeyChallenge {
  credentialId: string;
  prfSalt: Bytes;
}

const CREDENTIAL_ID = /^[A-Za-z0-9_-]+$/;

function checkCredentialId(id: string): string {
  if (!CREDENTIAL_ID.test(id) || id.length > LIMITS.credentialId) {
    throw new InvalidInputError('A passkey credential id must be base64url.');
  }
  return id;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > LIMITS.name) {
    throw new InvalidInputError(`A passkey's name must be 1 to ${LIMITS.name} characters.`);
  }
  return trimmed;
}

async function stored(db: VaultDb) {
  return (await db.getAll('passkeys')).map(parsePasskeyWrap);
}

export async function listPasskeys(db: VaultDb): Promise<PasskeyView[]> {
  return (await stored(db))
    .map(({ credentialId, name, createdAt }) => ({ credentialId, name, createdAt }))
    .sort((a, b) => a.createdAt - b.createdAt);
}

export async function passkeyChallenges(db: VaultDb): Promise<PasskeyChallenge[]> {
  return (await stored(db)).map(({ credentialId, prfSalt }) => ({ credentialId, prfSalt }));
}

/** A new salt for the authenticator to evaluate at enrolment; the wrap is made with its output. */
export { newPrfSalt };

/**
 * Wraps the (unlocked) data key for a new passkey. DUPLICATE for a passkey already enrolled,
 * INVALID_INPUT past LIMITS.passkeys.
 */
export async function enrolPasskey(
  db: VaultDb,
  rawDataKey: Uint8Array,
  input: { credentialId: string; name: string; prfOutput: Uint8Array; prfSalt: Uint8Array; now: number },
): Promise<PasskeyView> {
  const credentialId = checkCredentialId(input.credentialId);
  const wrap = await wrapForPasskey({ ...input, credentialId, name: checkName(input.name), rawDataKey });
  // Sealed first: the transaction awaits only its own requests.
  await inTransaction(db.transaction('passkeys', 'readwrite'), async (tx) => {
    if ((await tx.store.count(credentialId)) > 0) {
      throw new VaultError('DUPLICATE', 'This passkey is already enrolled.');
    }
    if ((await tx.store.count()) >= LIMITS.passkeys) {
      throw new InvalidInputError(`A vault takes at most ${LIMITS.passkeys} passkeys; remove one first.`);
    }
    await tx.store.put(wrap);
  });
  return { credentialId, name: wrap.name, createdAt: wrap.createdAt };
}

export async function removePasskey(db: VaultDb, credentialId: string): Promise<void> {
  await inTransaction(db.transaction('passkeys', 'readwrite'), async (tx) => {
    if ((await tx.store.count(credentialId)) === 0) {
      throw new VaultError('NOT_FOUND', 'That passkey is not enrolled.');
    }
    await tx.store.delete(credentialId);
  });
}

/** The raw data key; PASSKEY_REFUSED for a passkey not enrolled, or another one's PRF output. */
export async function unlockWithPasskey(
  db: VaultDb,
  credentialId: string,
  prfOutput: Uint8Array,
): Promise<Bytes> {
  const wrap = CREDENTIAL_ID.test(credentialId) ? await db.get('passkeys', credentialId) : undefined;
  if (!wrap) throw new PasskeyRefusedError();
  return unwrapWithPasskey(wrap, prfOutput);
}
