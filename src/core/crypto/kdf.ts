// Master password -> key-encryption key (KEK). Argon2id through hash-wasm (WebCrypto has none),
// PBKDF2-HMAC-SHA256 through WebCrypto. Imported by src/core/vault, src/core/backup, the Argon2id
// worker script (src/platform) and the benchmarks; the worker entry picks where Argon2id runs.
import { argon2id } from 'hash-wasm';
import { IntegrityError, InvalidInputError } from '../errors';
import { MAX_PASSWORD_LENGTH } from '../vault/limits';
import { type Bytes, copyBytes, isBytes, randomBytes, utf8 } from './bytes';
import {
  assertDerivable,
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

/** One Argon2id derivation as plain data, so that it can be handed to another thread. */
export interface Argon2idJob {
  password: Bytes;
  salt: Bytes;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  length: number;
}

export type Argon2idRunner = (job: Argon2idJob) => Promise<Bytes>;

/**
 * hash-wasm on the calling thread. It is synchronous WebAssembly: for the whole derivation the
 * thread does nothing else. Node tests and the dedicated KDF worker run it as is.
 */
export async function argon2idHere(job: Argon2idJob): Promise<Bytes> {
  return copyBytes(
    await argon2id({
      password: job.password,
      salt: job.salt,
      iterations: job.iterations,
      memorySize: job.memoryKiB,
      parallelism: job.parallelism,
      hashLength: job.length,
      outputType: 'binary',
    }),
  );
}

let runArgon2id: Argon2idRunner = argon2idHere;

/**
 * Where Argon2id runs from now on. The worker entry passes a runner that uses a dedicated Worker
 * (src/platform/argon2id-thread.ts), so that lock and token refreshes are answered while a
 * derivation runs; without one, it runs here.
 */
export function useArgon2idRunner(runner: Argon2idRunner): void {
  runArgon2id = runner;
}

type Derive<I extends KdfId> = (
  password: Bytes,
  params: Extract<KdfParams, { id: I }>,
  salt: Bytes,
  length: number,
) => Promise<Bytes>;

// Keyed by KDF id: adding a KDF to params.ts without a derivation here fails to compile.
const DERIVE: { readonly [I in KdfId]: Derive<I> } = {
  argon2id: (password, params, salt, length) =>
    runArgon2id({
      password,
      salt,
      memoryKiB: params.memoryKiB,
      iterations: params.iterations,
      parallelism: params.parallelism,
      length,
    }),
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
 * malformed salt is INTEGRITY, costly params KDF_TOO_COSTLY, weak ones KDF_BELOW_FLOOR, and none
 * ever derives.
 */
export async function deriveKeyEncryptionKey(password: string, kdf: SaltedKdfParams): Promise<CryptoKey> {
  const params = validateKdfParams(kdf);
  if (!isBytes(kdf.salt) || kdf.salt.length < SALT_LIMITS.min || kdf.salt.length > SALT_LIMITS.max) {
    throw new IntegrityError();
  }
  assertDerivable(params);
  const raw = await deriveKeyBytes(password, { ...params, salt: kdf.salt });
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    // Best effort: the CryptoKey holds its own copy; this one need not linger on the heap.
    raw.fill(0);
  }
}
