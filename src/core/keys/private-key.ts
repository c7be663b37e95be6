// Reads a signing key as users have it — PKCS#8, PKCS#1 (`BEGIN RSA PRIVATE KEY`), SEC1
// (`BEGIN EC PRIVATE KEY`), encrypted PKCS#8, or a JWK — into one form, PKCS#8, checked by
// importing it with WebCrypto. Every format it refuses is named in the message, with what to do.
// The key never appears in a message. Imported by core and the worker.
import { calculateJwkThumbprint, type JWK } from 'jose';
import { type Bytes, copyBytes } from '../crypto/bytes';
import { InvalidInputError, VaultError } from '../errors';
import { childrenOf, DerError, encode, encodeOid, expectTag, oidText, readElement, TAG } from './der';
import { decryptPkcs8, wrongPassphrase } from './encrypted-pkcs8';
import { pemBlocks, toPem } from './pem';

const RSA = '1.2.840.113549.1.1.1';
const EC = '1.2.840.10045.2.1';
/** The curves the providers' algorithms name: ES256, ES384, ES512. */
const CURVES: Record<string, { alg: SigningAlg }> = {
  '1.2.840.10045.3.1.7': { alg: 'ES256' },
  '1.3.132.0.34': { alg: 'ES384' },
  '1.3.132.0.35': { alg: 'ES512' },
};
const NAMED_ELSEWHERE: Record<string, string> = {
  '1.3.132.0.10': 'an EC key on the secp256k1 curve',
  '1.3.101.112': 'an Ed25519 key',
  '1.3.101.113': 'an Ed448 key',
  '1.2.840.113549.1.1.10': 'an RSA-PSS key',
  '1.2.840.10040.4.1': 'a DSA key',
};
export const MIN_RSA_BITS = 2048;

export type SigningAlg = 'RS256' | 'ES256' | 'ES384' | 'ES512';

/** How WebCrypto imports a key for each algorithm it signs with. */
export const IMPORT_PARAMS: Record<SigningAlg, RsaHashedImportParams | EcKeyImportParams> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
  ES512: { name: 'ECDSA', namedCurve: 'P-521' },
};

/** A private key the vault can sign with; `pkcs8` is the secret. */
export interface PrivateKey {
  pkcs8: Bytes;
  /** The algorithm its kind of key signs with by default. */
  alg: SigningAlg;
  /** What the popup shows: `RSA 2048-bit` or `EC P-256`. */
  description: string;
  /** RFC 7638 thumbprint of its public key (SHA-256, base64url): shown, and safe to show. */
  thumbprint: string;
}

const refuse = (message: string) => new VaultError('UNSUPPORTED_KEY', message);
const ACCEPTED = 'The vault signs with RSA (2048 bits or more) or EC P-256, P-384 and P-521 keys.';

/** PKCS#8 PrivateKeyInfo around a key in its own format. */
function privateKeyInfo(algorithm: Bytes, key: Bytes): Bytes {
  return encode(
    TAG.sequence,
    encode(TAG.integer, new Uint8Array([0])),
    encode(TAG.sequence, algorithm),
    encode(TAG.octetString, key),
  );
}

function fromPkcs1(der: Bytes): Bytes {
  return privateKeyInfo(new Uint8Array([...encodeOid(RSA), ...encode(TAG.null)]), der);
}

/** SEC1 names its curve in `[0] parameters`, which PKCS#8 moves into the algorithm identifier. */
function fromSec1(der: Bytes): Bytes {
  const fields = childrenOf(readElement(der, TAG.sequence).body);
  const parameters = fields.find((field) => field.tag === TAG.context0);
  if (!parameters) throw refuse(`This EC key does not name its curve. ${ACCEPTED}`);
  const curve = readElement(parameters.body, TAG.oid);
  return privateKeyInfo(new Uint8Array([...encodeOid(EC), ...encode(TAG.oid, curve.body)]), der);
}

/** The algorithm of a PKCS#8 key, from its identifier. */
function algorithmOf(pkcs8: Bytes): { oid: string; curve?: string } {
  const [, algorithm] = childrenOf(readElement(pkcs8, TAG.sequence).body);
  const [oid, parameters] = childrenOf(expectTag(algorithm, TAG.sequence).body);
  const id = oidText(expectTag(oid, TAG.oid).body);
  return parameters?.tag === TAG.oid ? { oid: id, curve: oidText(parameters.body) } : { oid: id };
}

async function checked(pkcs8: Bytes): Promise<PrivateKey> {
  let algorithm: { oid: string; curve?: string };
  try {
    algorithm = algorithmOf(pkcs8);
  } catch (error) {
    if (error instanceof DerError) throw refuse('This key is damaged: it does not read as a private key.');
    throw error;
  }
  const elsewhere = NAMED_ELSEWHERE[algorithm.curve ?? ''] ?? NAMED_ELSEWHERE[algorithm.oid];
  if (elsewhere) throw refuse(`This is ${elsewhere}. ${ACCEPTED}`);
  let alg: SigningAlg;
  if (algorithm.oid === RSA) {
    alg = 'RS256';
  } else if (algorithm.oid === EC) {
    const curve = CURVES[algorithm.curve ?? ''];
    if (!curve) throw refuse(`This EC key is on a curve the vault does not sign with. ${ACCEPTED}`);
    alg = curve.alg;
  } else {
    throw refuse(`This is a key of a type the vault does not sign with. ${ACCEPTED}`);
  }
  const params = IMPORT_PARAMS[alg];
  let key: CryptoKey;
  try {
    // Extractable only here, for its public half's thumbprint; the vault signs with a fresh,
    // non-extractable import.
    key = await crypto.subtle.importKey('pkcs8', pkcs8, params, true, ['sign']);
  } catch {
    throw refuse('This key is damaged: the browser cannot import it.');
  }
  const jwk = (await crypto.subtle.exportKey('jwk', key)) as JWK;
  if (algorithm.oid === RSA) {
    const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
    if (bits < MIN_RSA_BITS) throw refuse(`This RSA key has ${bits} bits. ${ACCEPTED}`);
    return { pkcs8, alg, description: `RSA ${bits}-bit`, thumbprint: await calculateJwkThumbprint(jwk) };
  }
  return {
    pkcs8,
    alg,
    description: `EC ${(params as EcKeyImportParams).namedCurve}`,
    thumbprint: await calculateJwkThumbprint(jwk),
  };
}

async function fromJwk(text: string): Promise<PrivateKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw new InvalidInputError('This looks like JSON but does not parse: paste the whole key file.');
  }
  if (typeof jwk !== 'object' || jwk === null || typeof jwk.kty !== 'string')
    throw refuse('This JSON is not a key (a JWK has a "kty"). Paste a PEM key or a private JWK.');
  if (jwk.d === undefined) throw refuse('This is a public key: paste the private key it belongs to.');
  const params =
    jwk.kty === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : jwk.kty === 'EC' && typeof jwk.crv === 'string'
        ? { name: 'ECDSA', namedCurve: jwk.crv }
        : undefined;
  if (!params) throw refuse(`This is a ${jwk.kty} key. ${ACCEPTED}`);
  let key: CryptoKey;
  try {
    const { alg: _alg, key_ops: _ops, use: _use, ...material } = jwk;
    key = await crypto.subtle.importKey('jwk', material, params, true, ['sign']);
  } catch {
    throw refuse(`This JWK does not import as a private key. ${ACCEPTED}`);
  }
  return checked(new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)));
}

/**
 * The private key in `text`: a PEM block (the first private key when there are several, as in a
 * file with its certificate) or a JWK. `passphrase` opens an encrypted PKCS#8 key.
 */
export async function readPrivateKey(text: string, passphrase?: string): Promise<PrivateKey> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return fromJwk(trimmed);
  const blocks = pemBlocks(trimmed);
  if (blocks.length === 0)
    throw refuse('Paste the key as it is in its file, from "-----BEGIN" to the "-----END" line.');
  const block =
    blocks.find((b) => /PRIVATE KEY$/.test(b.label)) ??
    blocks.find((b) => b.label !== 'CERTIFICATE') ??
    blocks[0]!;
  const der = block.der;
  switch (block.label) {
    case 'PUBLIC KEY':
    case 'RSA PUBLIC KEY':
      throw refuse('This is a public key: paste the private key it belongs to.');
    case 'CERTIFICATE':
      throw refuse(
        'This is a certificate, which holds only the public key: paste the private key it was made from.',
      );
    case 'OPENSSH PRIVATE KEY':
      throw refuse(
        'This is an OpenSSH key. Convert it with `ssh-keygen -p -m PKCS8 -f <file>` (it rewrites the file) and paste that.',
      );
  }
  if (!der) throw refuse('This key is damaged: the text between its BEGIN and END lines is not base64.');
  try {
    switch (block.label) {
      case 'PRIVATE KEY':
        return await checked(copyBytes(der));
      case 'RSA PRIVATE KEY':
        if (block.headers['Proc-Type']?.includes('ENCRYPTED'))
          throw refuse(
            "This key is encrypted in OpenSSL's old format. Convert it with " +
              '`openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-pkcs8.pem` and paste that.',
          );
        return await checked(fromPkcs1(copyBytes(der)));
      case 'EC PRIVATE KEY':
        return await checked(fromSec1(copyBytes(der)));
      case 'ENCRYPTED PRIVATE KEY': {
        if (!passphrase)
          throw new VaultError('KEY_PASSPHRASE_NEEDED', 'This is an encrypted key: enter its passphrase.');
        const opened = await decryptPkcs8(copyBytes(der), passphrase);
        try {
          return await checked(opened);
        } catch (error) {
          // Bytes that are not a key came out: the passphrase was wrong and the padding held by chance.
          if (error instanceof VaultError && error.code === 'UNSUPPORTED_KEY') throw wrongPassphrase();
          throw error;
        }
      }
      default:
        throw refuse(`This is a "${block.label}" block, not a private key. ${ACCEPTED}`);
    }
  } catch (error) {
    if (error instanceof DerError) throw refuse('This key is damaged: it does not read as a private key.');
    throw error;
  }
}

/** A key read by readPrivateKey, as the vault stores it: PKCS#8 PEM. */
export function pkcs8Pem(key: Pick<PrivateKey, 'pkcs8'>): string {
  return toPem('PRIVATE KEY', key.pkcs8);
}

/**
 * A key the vault stored (pkcs8Pem), ready to sign with: it was checked when saved, so only its
 * algorithm is read again, without importing it twice.
 */
export function storedSigningKey(pem: string): Pick<PrivateKey, 'pkcs8' | 'alg'> {
  const der = pemBlocks(pem).find((block) => block.label === 'PRIVATE KEY')?.der;
  if (!der) throw refuse('The stored key is damaged: it does not read as a private key.');
  let algorithm: { oid: string; curve?: string };
  try {
    algorithm = algorithmOf(der);
  } catch {
    throw refuse('The stored key is damaged: it does not read as a private key.');
  }
  const alg = algorithm.oid === RSA ? 'RS256' : CURVES[algorithm.curve ?? '']?.alg;
  if (!alg) throw refuse(`The stored key is of a type the vault does not sign with. ${ACCEPTED}`);
  return { pkcs8: der, alg };
}
