// Master password -> key-encryption key (KEK). Argon2id through hash-wasm (WebCrypto has none),
// PBKDF2-HMAC-SHA256 through WebCrypto. Imported by src/core/vault and the benchmarks.
import { argon2id } from 'hash-wasm';
import { IntegrityError, InvalidInputError } from '../../shared/errors';
import { type Bytes, copyBytes, isBytes, randomBytes, utf8 } from './bytes';
import {
  assertAboveFloor,
  type KdfChoice,
  type KdfId,
  type KdfParams,
  resolveKdfChoice,
  SALT_BYTES,
  SALT_LIMITS,
  type SaltedKdfParams,
  validateKdfParams,
} from './params';

/** Bytes of key material the vault derives: one AES-256 key. */
export const KEK_BYTES = 32;
/** Longer passwords are refused before deriving: they only make the KDF slower to start. */
export const MAX_PASSWORD_LENGTH = 1024;

type Derive<I extends KdfId> = (
  password: Bytes,
  params: Extract<KdfParams, { id: I }>,
  salt: Bytes,
  length: number,
) => Promise<Bytes>;

// Keyed by KDF id: adding a KDF to params.ts without a derivation here fails to compile.
const DERIVE: { readonly [I in KdfId]: Derive<I> } = {
  argon2id: async (password, params, salt, length) =>
    copyBytes(
      await argon2id({
        password,
        salt,
        iterations: params.iterations,
        memorySize: params.memoryKiB,
        parallelism: params.parallelism,
        hashLength: length,
        outputType: 'binary',
      }),
    ),
  'pbkdf2-sha256': async (password, params, salt, length) => {
    const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: params.iterations },
      base,
      length * 8,
    );
    return new Uint8Array(bits);
  },
};

/**
 * The same password typed on two systems may arrive composed or decomposed (é as one code point
 * or two); NFC makes both derive the same key.
 */
export function encodePassword(password: string): Bytes {
  if (typeof password !== 'string' || password.length === 0) {
    throw new InvalidInputError('The password must not be empty.');
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new InvalidInputError(`The password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  return utf8(password.normalize('NFC'));
}

/**
 * Raw derivation with no policy: no floor and no salt rule, so published test vectors and
 * benchmarks can run. Production code derives through deriveKeyEncryptionKey.
 */
export async function deriveKeyBytes(
  password: string,
  kdf: SaltedKdfParams,
  length = KEK_BYTES,
): Promise<Bytes> {
  const derive = DERIVE[kdf.id] as Derive<KdfId>;
  return derive(encodePassword(password), kdf as never, copyBytes(kdf.salt), length);
}

/** Fresh KDF settings for a new vault or a new password: the chosen params and a new salt. */
export function newKdfSettings(choice?: KdfChoice): SaltedKdfParams {
  return { ...resolveKdfChoice(choice), salt: randomBytes(SALT_BYTES) };
}

/**
 * The non-extractable AES-GCM key that wraps the data key. Checks the params first: a
 * malformed salt is INTEGRITY, weak params are KDF_BELOW_FLOOR, and neither ever derives.
 */
export async function deriveKeyEncryptionKey(password: string, kdf: SaltedKdfParams): Promise<CryptoKey> {
  const params = validateKdfParams(kdf);
  if (!isBytes(kdf.salt) || kdf.salt.length < SALT_LIMITS.min || kdf.salt.length > SALT_LIMITS.max) {
    throw new IntegrityError();
  }
  assertAboveFloor(params);
  const raw = await deriveKeyBytes(password, { ...params, salt: kdf.salt });
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    // Best effort: the CryptoKey holds its own copy; this one need not linger on the heap.
    raw.fill(0);
  }
}
