// Opens an encrypted PKCS#8 key (`BEGIN ENCRYPTED PRIVATE KEY`, RFC 8018 PBES2: PBKDF2 and
// AES-CBC, as OpenSSL and Box's config.json write them) with WebCrypto: the parameters are read
// from the DER here, the key derivation and the decryption are the browser's. Imported by
// private-key.ts.
import { type Bytes, copyBytes, utf8 } from '../crypto/bytes';
import { VaultError } from '../errors';
import { childrenOf, DerError, expectTag, oidText, readElement, smallInteger, TAG } from './der';

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};
const CIPHERS: Record<string, number> = {
  '2.16.840.1.101.3.4.1.2': 128,
  '2.16.840.1.101.3.4.1.22': 192,
  '2.16.840.1.101.3.4.1.42': 256,
};
/** Far above what key tools write (OpenSSL: 2,048), low enough that a crafted file cannot hold the worker for minutes. */
export const MAX_KEY_ITERATIONS = 10_000_000;

const unsupported = (what: string) =>
  new VaultError(
    'UNSUPPORTED_KEY',
    `This encrypted key uses ${what}, which the vault cannot open. Convert it with ` +
      '`openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-pkcs8.pem` and paste that.',
  );

interface Pbes2 {
  salt: Bytes;
  iterations: number;
  hash: string;
  keyBits: number;
  iv: Bytes;
  data: Bytes;
}

function parameters(der: Bytes): Pbes2 {
  const [algorithm, data] = childrenOf(readElement(der, TAG.sequence).body);
  const [scheme, params] = childrenOf(expectTag(algorithm, TAG.sequence).body);
  if (oidText(expectTag(scheme, TAG.oid).body) !== PBES2) throw unsupported('an old scheme (PBES1)');
  const [kdf, cipher] = childrenOf(expectTag(params, TAG.sequence).body);
  const [kdfId, kdfParams] = childrenOf(expectTag(kdf, TAG.sequence).body);
  if (oidText(expectTag(kdfId, TAG.oid).body) !== PBKDF2)
    throw unsupported('a key derivation other than PBKDF2');
  const [salt, iterations, ...rest] = childrenOf(expectTag(kdfParams, TAG.sequence).body);
  // keyLength (an INTEGER) may come before the PRF; without a PRF it is HMAC-SHA1 (RFC 8018).
  const prf = rest.find((element) => element.tag === TAG.sequence);
  const prfId = prf ? oidText(expectTag(childrenOf(prf.body)[0], TAG.oid).body) : '1.2.840.113549.2.7';
  const hash = PRFS[prfId];
  if (!hash) throw unsupported(`the PBKDF2 function ${prfId}`);
  const [cipherId, iv] = childrenOf(expectTag(cipher, TAG.sequence).body);
  const cipherOid = oidText(expectTag(cipherId, TAG.oid).body);
  const keyBits = CIPHERS[cipherOid];
  if (!keyBits) throw unsupported(`the cipher ${cipherOid}`);
  return {
    salt: copyBytes(expectTag(salt, TAG.octetString).body),
    iterations: smallInteger(iterations!),
    hash,
    keyBits,
    iv: copyBytes(expectTag(iv, TAG.octetString).body),
    data: copyBytes(expectTag(data, TAG.octetString).body),
  };
}

/** The PKCS#8 DER inside; WRONG_KEY_PASSPHRASE when the passphrase does not open it. */
export async function decryptPkcs8(der: Bytes, passphrase: string): Promise<Bytes> {
  let pbes2: Pbes2;
  try {
    pbes2 = parameters(der);
  } catch (error) {
    if (error instanceof DerError)
      throw new VaultError('UNSUPPORTED_KEY', 'This encrypted key is damaged: its parameters do not read.');
    throw error;
  }
  if (pbes2.iterations < 1 || pbes2.iterations > MAX_KEY_ITERATIONS)
    throw unsupported(`${pbes2.iterations.toLocaleString('en')} PBKDF2 iterations`);
  const base = await crypto.subtle.importKey('raw', utf8(passphrase), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: pbes2.salt, iterations: pbes2.iterations, hash: pbes2.hash },
    base,
    { name: 'AES-CBC', length: pbes2.keyBits },
    false,
    ['decrypt'],
  );
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: pbes2.iv }, key, pbes2.data));
  } catch {
    // Bad padding: almost always the wrong passphrase. (A wrong one that pads by chance gives
    // bytes that are not a key, which the caller reports the same way.)
    throw wrongPassphrase();
  }
}

export function wrongPassphrase(): VaultError {
  return new VaultError('WRONG_KEY_PASSPHRASE', 'The passphrase does not open this key.');
}
