// The key-derivation functions the vault accepts, described once as data: fields with their
// structural limits, defaults, security floors and the named presets the UI offers. Imported by
// src/core, the popup (preset names) and the benchmarks; nothing else enumerates KDFs again.
import { InvalidInputError, VaultError } from '../errors';

export interface Argon2idParams {
  id: 'argon2id';
  /** Memory in KiB (Argon2's m). */
  memoryKiB: number;
  /** Passes over memory (Argon2's t). */
  iterations: number;
  /** Lanes (Argon2's p). hash-wasm runs them on one thread, so p costs nothing extra here. */
  parallelism: number;
}

export interface Pbkdf2Params {
  id: 'pbkdf2-sha256';
  iterations: number;
}

export type KdfParams = Argon2idParams | Pbkdf2Params;
export type KdfId = KdfParams['id'];
export type SaltedKdfParams = KdfParams & { salt: Uint8Array<ArrayBuffer> };

type Fields<P extends KdfParams> = Omit<P, 'id'>;

interface KdfSpec<P extends KdfParams> {
  name: string;
  /**
   * Structural limits: outside them the parameters are malformed, not merely weak. The upper
   * bounds keep a tampered header from making unlock run for minutes or exhaust memory.
   */
  limits: { [F in keyof Fields<P>]: { min: number; max: number } };
  defaults: Fields<P>;
  /**
   * Accepted minimums. A parameter set is above the floor when it is at or above every field
   * of at least one entry: OWASP lists Argon2id settings that trade memory for passes.
   */
  floors: readonly Fields<P>[];
  /**
   * The most work one derivation may ask for, in `unit`s. Checked before deriving from a backup
   * file or a vault header (and before creating one): a crafted file asking for 1 GiB × 4 passes
   * would otherwise hold the worker for ten seconds per attempt, lock and refreshes waiting.
   */
  ceiling: {
    cost: (params: Fields<P>) => number;
    max: number;
    unit: string;
    /** The asked-for work in words, for the refusal: "1,024 MiB × 4 passes". */
    explain: (params: Fields<P>) => string;
  };
}

/** A number as people read it: 1,024; 1.5. */
function count(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export const KDFS: { readonly [I in KdfId]: KdfSpec<Extract<KdfParams, { id: I }>> } = {
  argon2id: {
    name: 'Argon2id',
    // Memory floor of 128 KiB keeps Argon2's m >= 8p true for every allowed p.
    limits: {
      memoryKiB: { min: 128, max: 1_048_576 },
      iterations: { min: 1, max: 64 },
      parallelism: { min: 1, max: 16 },
    },
    // Bitwarden's default.
    defaults: { memoryKiB: 65_536, iterations: 3, parallelism: 4 },
    // OWASP Password Storage Cheat Sheet: 19 MiB with 2 passes, or 46 MiB with 1 pass. Its
    // lower-memory equivalents (12 MiB t=3 and below) are not accepted.
    floors: [
      { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
      { memoryKiB: 47_104, iterations: 1, parallelism: 1 },
    ],
    // Memory × passes: the work grows with both. 1,024 MiB × passes (1 GiB once, 256 MiB four
    // times) is 5.3 times the default's 192 (64 MiB × 3, measured at 0.27–0.48 s in Chromium),
    // so about 1.5–2.6 s; the other presets sit 22 (46 MiB × 1) and 27 (19 MiB × 2) times under.
    ceiling: {
      cost: (p) => (p.memoryKiB / 1024) * p.iterations,
      max: 1024,
      unit: 'MiB × passes',
      explain: (p) => `${count(p.memoryKiB / 1024)} MiB × ${count(p.iterations)} passes`,
    },
  },
  'pbkdf2-sha256': {
    name: 'PBKDF2-HMAC-SHA256',
    limits: { iterations: { min: 1, max: 10_000_000 } },
    // OWASP's figure for PBKDF2-HMAC-SHA256.
    defaults: { iterations: 600_000 },
    floors: [{ iterations: 600_000 }],
    // Ten times the default, about 1.3 s at the measured 0.13 s for 600,000 (WebCrypto runs it
    // off the worker's thread, but an unlock still waits for it).
    ceiling: {
      cost: (p) => p.iterations,
      max: 6_000_000,
      unit: 'iterations',
      explain: (p) => `${count(p.iterations)} iterations`,
    },
  },
};

/** Salt length in bytes for new vaults, and the range accepted in a stored header. */
export const SALT_BYTES = 16;
export const SALT_LIMITS = { min: 16, max: 64 } as const;

export interface KdfPreset {
  label: string;
  params: KdfParams;
}

export const KDF_PRESETS = {
  'argon2id-64m-t3': {
    label: 'Argon2id, 64 MiB, 3 passes, 4 lanes (default)',
    params: { id: 'argon2id', ...KDFS.argon2id.defaults },
  },
  'argon2id-46m-t1': {
    label: 'Argon2id, 46 MiB, 1 pass',
    params: { id: 'argon2id', memoryKiB: 47_104, iterations: 1, parallelism: 1 },
  },
  'argon2id-19m-t2': {
    label: 'Argon2id, 19 MiB, 2 passes (minimum)',
    params: { id: 'argon2id', memoryKiB: 19_456, iterations: 2, parallelism: 1 },
  },
  'pbkdf2-600k': {
    label: 'PBKDF2-HMAC-SHA256, 600,000 iterations',
    params: { id: 'pbkdf2-sha256', ...KDFS['pbkdf2-sha256'].defaults },
  },
} as const satisfies Record<string, KdfPreset>;

export type KdfPresetId = keyof typeof KDF_PRESETS;
export const DEFAULT_PRESET: KdfPresetId = 'argon2id-64m-t3';

/** What a caller may ask for: a preset id (typed loosely: it arrives in messages) or params. */
export type KdfChoice = KdfPresetId | (string & {}) | KdfParams;

function isKdfId(value: unknown): value is KdfId {
  return typeof value === 'string' && Object.hasOwn(KDFS, value);
}

function specOf(id: KdfId): KdfSpec<KdfParams> {
  return KDFS[id] as unknown as KdfSpec<KdfParams>;
}

/**
 * Checks that params name a known KDF and that every field is an integer within its
 * structural limits; returns a clean copy without unknown fields. Unknown id:
 * UNSUPPORTED_VERSION (a newer vault); anything else: INVALID_INPUT naming the field.
 */
export function validateKdfParams(value: unknown): KdfParams {
  if (typeof value !== 'object' || value === null) {
    throw new InvalidInputError('The KDF parameters must be an object.');
  }
  const record = value as Record<string, unknown>;
  if (!isKdfId(record.id)) {
    throw new VaultError(
      'UNSUPPORTED_VERSION',
      'The key-derivation function is not supported by this version.',
    );
  }
  const spec = specOf(record.id);
  const clean: Record<string, unknown> = { id: record.id };
  for (const [field, { min, max }] of Object.entries(spec.limits) as [
    string,
    { min: number; max: number },
  ][]) {
    const n = record[field];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidInputError(
        `The ${spec.name} parameter "${field}" must be an integer from ${min} to ${max}.`,
      );
    }
    clean[field] = n;
  }
  return clean as unknown as KdfParams;
}

export function isAboveFloor(params: KdfParams): boolean {
  const fields = params as unknown as Record<string, number>;
  return specOf(params.id).floors.some((floor) =>
    Object.entries(floor as unknown as Record<string, number>).every(
      ([field, min]) => (fields[field] ?? 0) >= min,
    ),
  );
}

export function describeKdf(params: KdfParams): string {
  const fields = Object.keys(specOf(params.id).limits).map(
    (field) => `${field}=${(params as unknown as Record<string, number>)[field]}`,
  );
  return `${specOf(params.id).name} (${fields.join(', ')})`;
}

/** Refuses parameters weaker than the floor: such a vault is never derived from. */
export function assertAboveFloor(params: KdfParams): void {
  if (!isAboveFloor(params)) {
    throw new VaultError(
      'KDF_BELOW_FLOOR',
      `The key-derivation settings ${describeKdf(params)} are weaker than this version accepts.`,
    );
  }
}

export function kdfCost(params: KdfParams): number {
  return specOf(params.id).ceiling.cost(params);
}

/**
 * Refuses parameters that ask for more work than the ceiling, before any derivation.
 * `subject` names what asked, for the message: "This backup file", "The vault's header".
 */
export function assertWithinCeiling(params: KdfParams, subject = 'These key-derivation settings'): void {
  const spec = specOf(params.id);
  const { max, unit, explain } = spec.ceiling;
  const cost = kdfCost(params);
  if (cost > max) {
    throw new VaultError(
      'KDF_TOO_COSTLY',
      `${subject} asks for more key-derivation work than JWT Vault allows: ${spec.name} with ` +
        `${explain(params)} is ${count(cost)} ${unit}, and the limit is ${count(max)}. ` +
        'It was refused before any of that work, so nothing changed.',
    );
  }
}

/** The one check before deriving: at or above the floor, and within the ceiling. */
export function assertDerivable(params: KdfParams, subject?: string): void {
  assertWithinCeiling(params, subject);
  assertAboveFloor(params);
}

/** Turns a preset id or explicit params into validated params within the floor and ceiling. */
export function resolveKdfChoice(choice: KdfChoice = DEFAULT_PRESET): KdfParams {
  let params: KdfParams;
  if (typeof choice === 'string') {
    if (!Object.hasOwn(KDF_PRESETS, choice)) {
      throw new InvalidInputError('The KDF preset is not one of the offered presets.');
    }
    params = { ...KDF_PRESETS[choice as KdfPresetId].params };
  } else {
    params = validateKdfParams(choice);
  }
  assertDerivable(params);
  return params;
}
