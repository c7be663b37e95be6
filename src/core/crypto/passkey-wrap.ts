// The data key wrapped for a passkey: the authenticator's WebAuthn PRF output, evaluated over a
// random per-enrolment salt, is stretched by HKDF-SHA256 into two keys — an AES-256-GCM key that
// wraps the data key, its associated data binding the format and the passkey's credential id, and
// a check value stored beside the wrap. The check tells "another passkey" (refused, its own code)
// from "this wrap was changed" (INTEGRITY), which one GCM tag alone cannot. No key derivation
// from a password: opening costs two HKDF calls and one decryption. Pure; imported by the vault.
import { IntegrityError, VaultError } from '../errors';
import { openBytes, type Sealed, sealBytes } from './aead';
import { type Bytes, copyBytes, equalBytes, isBytes, randomBytes, utf8 } from './bytes';
import { DATA_KEY_BYTES } from './data-key';

export const PASSKEY_WRAP_FORMAT = 1;
/** The PRF salt per enrolment, and the PRF output WebAuthn returns (SHA-256 sized). */
export const PRF_BYTES = 32;
const CHECK_BYTES = 32;
const WRAPPED = { ivBytes: 12, ctBytes: DATA_KEY_BYTES + 16 } as const;

export interface PasskeyWrap {
  format: typeof PASSKEY_WRAP_FORMAT;
  /** The passkey's WebAuthn credential id, base64url, as the authenticator gave it. */
  credentialId: string;
  /** What the user called it ("YubiKey", "this laptop"). */
  name: string;
  /** Evaluated through PRF at every unlock; also the HKDF salt. Random, not secret. */
  prfSalt: Bytes;
  /** Derived from the PRF output apart from the wrapping key: tells another passkey from a changed wrap. */
  check: Bytes;
  wrappedKey: Sealed;
  createdAt: number;
}

function associatedData(format: number, credentialId: string): Bytes {
  return utf8(`jwt-vault:passkey-wrap:v${format}:${credentialId}`);
}

async function derived(prfOutput: Uint8Array, salt: Uint8Array) {
  if (prfOutput.length !== PRF_BYTES) throw new RangeError(`A PRF output is ${PRF_BYTES} bytes.`);
  const base = await crypto.subtle.importKey('raw', copyBytes(prfOutput), 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
  const params = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: copyBytes(salt),
    info: utf8(`jwt-vault:passkey:${info}:v${PASSKEY_WRAP_FORMAT}`),
  });
  const [key, check] = await Promise.all([
    crypto.subtle.deriveKey(params('kek'), base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
    crypto.subtle.deriveBits(params('check'), base, CHECK_BYTES * 8),
  ]);
  return { key, check: new Uint8Array(check) };
}

/** A fresh salt for a new enrolment, to be evaluated through PRF before wrapping. */
export function newPrfSalt(): Bytes {
  return randomBytes(PRF_BYTES);
}

export async function wrapForPasskey(input: {
  rawDataKey: Uint8Array;
  prfOutput: Uint8Array;
  prfSalt: Uint8Array;
  credentialId: string;
  name: string;
  now: number;
}): Promise<PasskeyWrap> {
  const { key, check } = await derived(input.prfOutput, input.prfSalt);
  const wrappedKey = await sealBytes(
    key,
    input.rawDataKey,
    associatedData(PASSKEY_WRAP_FORMAT, input.credentialId),
  );
  return {
    format: PASSKEY_WRAP_FORMAT,
    credentialId: input.credentialId,
    name: input.name,
    prfSalt: copyBytes(input.prfSalt),
    check,
    wrappedKey,
    createdAt: input.now,
  };
}

/** The passkey gave another PRF output than the one this wrap was made with: another passkey. */
export class PasskeyRefusedError extends VaultError {
  constructor() {
    super(
      'PASSKEY_REFUSED',
      'This passkey does not open this vault. Use the passkey you enrolled, or the master password.',
    );
    this.name = 'PasskeyRefusedError';
  }
}

/** A stored wrap as read back, checked field by field; INTEGRITY for anything malformed. */
export function parsePasskeyWrap(value: unknown): PasskeyWrap {
  if (typeof value !== 'object' || value === null) throw new IntegrityError();
  const wrap = value as Partial<PasskeyWrap> & { format?: unknown };
  if (typeof wrap.format === 'number' && wrap.format > PASSKEY_WRAP_FORMAT) {
    throw new VaultError('UNSUPPORTED_VERSION', 'A passkey was enrolled by a newer version of JWT Vault.');
  }
  const sealed = wrap.wrappedKey;
  const wellFormed =
    wrap.format === PASSKEY_WRAP_FORMAT &&
    typeof wrap.credentialId === 'string' &&
    wrap.credentialId.length > 0 &&
    typeof wrap.name === 'string' &&
    isBytes(wrap.prfSalt) &&
    wrap.prfSalt.length === PRF_BYTES &&
    isBytes(wrap.check) &&
    wrap.check.length === CHECK_BYTES &&
    typeof sealed === 'object' &&
    sealed !== null &&
    isBytes(sealed.iv) &&
    sealed.iv.length === WRAPPED.ivBytes &&
    isBytes(sealed.ct) &&
    sealed.ct.length === WRAPPED.ctBytes &&
    typeof wrap.createdAt === 'number';
  if (!wellFormed) throw new IntegrityError();
  return wrap as PasskeyWrap;
}

/**
 * The raw data key. PASSKEY_REFUSED when the PRF output is not the enrolled passkey's; INTEGRITY
 * when it is, and the wrap (its key, its credential id, its format) was changed.
 */
export async function unwrapWithPasskey(stored: unknown, prfOutput: Uint8Array): Promise<Bytes> {
  const wrap = parsePasskeyWrap(stored);
  const { key, check } = await derived(prfOutput, wrap.prfSalt);
  if (!equalBytes(check, wrap.check)) throw new PasskeyRefusedError();
  const raw = await openBytes(key, wrap.wrappedKey, associatedData(wrap.format, wrap.credentialId));
  if (raw.length !== DATA_KEY_BYTES) throw new IntegrityError();
  return raw;
}
