// The recipient app's public key for an export: a JWK, checked before anything is encrypted to
// it. Refuses private keys (and says why), symmetric keys, weak RSA and unsupported curves.
// Imported by src/core/export.
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { VaultError } from '../errors';
import { PROTECTIONS } from './format';

export interface RecipientKey {
  protection: 'ec-public-key' | 'rsa-public-key';
  key: CryptoKey;
  /** RFC 7638 SHA-256 thumbprint: the JWE's `kid` and what the vault records. */
  thumbprint: string;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

function unusable(why: string): VaultError {
  return new VaultError('UNUSABLE_KEY', why);
}

function parseJson(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw unusable("This is not a JSON Web Key (JWK). Paste the app's public key as JSON.");
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw unusable("This is not a JSON Web Key (JWK). Paste the app's public key as JSON.");
  }
  // A JWK Set with exactly one key is what many apps publish: take that key.
  const { keys } = parsed as { keys?: unknown };
  if (Array.isArray(keys)) {
    if (keys.length !== 1 || typeof keys[0] !== 'object' || keys[0] === null) {
      throw unusable('This key set holds several keys. Paste the one public key the app encrypts with.');
    }
    return keys[0] as Record<string, unknown>;
  }
  return parsed as Record<string, unknown>;
}

function modulusBits(n: unknown): number {
  if (typeof n !== 'string') return 0;
  const bytes = Uint8Array.from(atob(n.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const first = bytes.findIndex((b) => b !== 0);
  if (first < 0) return 0;
  return (bytes.length - first - 1) * 8 + (32 - Math.clz32(bytes[first] ?? 0));
}

/** Checks and imports the key; every refusal is UNUSABLE_KEY or PRIVATE_KEY with a reason. */
export async function parseRecipientKey(text: string): Promise<RecipientKey> {
  const jwk = parseJson(text.trim());
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) {
    throw new VaultError(
      'PRIVATE_KEY',
      'This is a private key. Only the app may hold it: anyone who has it can open every export made ' +
        'for the app, and impersonate it. Paste the public key instead, and treat this private key as exposed.',
    );
  }
  if (jwk.use !== undefined && jwk.use !== 'enc') {
    throw unusable(`This key is for "${String(jwk.use)}", not for encryption ("use": "enc").`);
  }

  let protection: RecipientKey['protection'];
  if (jwk.kty === 'EC') {
    if (jwk.crv !== 'P-256') {
      throw unusable(`Keys on the curve "${String(jwk.crv)}" are not supported. Use an EC P-256 key.`);
    }
    protection = 'ec-public-key';
  } else if (jwk.kty === 'RSA') {
    const bits = modulusBits(jwk.n);
    const { minModulusBits } = PROTECTIONS['rsa-public-key'];
    if (bits < minModulusBits) {
      throw unusable(`This RSA key has ${bits} bits; at least ${minModulusBits} are needed.`);
    }
    protection = 'rsa-public-key';
  } else if (jwk.kty === 'oct') {
    throw unusable(
      'This is a shared secret key, not a public key. Paste the app’s EC P-256 or RSA public key.',
    );
  } else {
    throw unusable('Only EC P-256 and RSA (2048 bits or more) public keys are supported.');
  }

  const { alg } = PROTECTIONS[protection];
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    throw unusable(`This key is meant for "${String(jwk.alg)}"; exports use "${alg}".`);
  }
  let key: CryptoKey;
  try {
    key = (await importJWK({ ...(jwk as JWK), ext: true }, alg)) as CryptoKey;
  } catch {
    throw unusable('This key could not be used: some of its values are missing or invalid.');
  }
  const thumbprint = await calculateJwkThumbprint(jwk as JWK, 'sha256');
  return { protection, key, thumbprint };
}
