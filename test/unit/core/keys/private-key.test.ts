// Signing keys in every format users paste, made with OpenSSL and committed
// (test/fixtures/keys/README.md says how): each one imports to the same key as its PKCS#8 form,
// or is refused with the code and the message that names it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../src/core/errors';
import { readPrivateKey } from '../../../../src/core/keys';

const PASSPHRASE = 'fixture passphrase';
const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../fixtures/keys', name), 'utf8');
/** The PEM body's bytes, as OpenSSL wrote them. */
const der = (name: string) =>
  new Uint8Array(Buffer.from(fixture(name).replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
/** The thumbprint of the public key as Node exported it: an independent reading of the same key. */
const thumbprintOf = (name: string) => calculateJwkThumbprint(JSON.parse(fixture(name)) as JWK);

async function refusal(text: string, passphrase?: string): Promise<{ code: ErrorCode; message: string }> {
  try {
    await readPrivateKey(text, passphrase);
  } catch (error) {
    return error as { code: ErrorCode; message: string };
  }
  throw new Error('the key was accepted');
}

describe('reading a private key', () => {
  it.each([
    ['PKCS#8', 'rsa-2048-pkcs8.pem', undefined],
    ['PKCS#1 (BEGIN RSA PRIVATE KEY)', 'rsa-2048-pkcs1.pem', undefined],
    ['encrypted PKCS#8, AES-256 and HMAC-SHA256', 'rsa-2048-encrypted-aes256-sha256.pem', PASSPHRASE],
    ['encrypted PKCS#8, AES-128 and HMAC-SHA1', 'rsa-2048-encrypted-aes128-sha1.pem', PASSPHRASE],
    ['a private JWK', 'rsa-2048.jwk.json', undefined],
  ])('imports the RSA key as %s', async (_format, name, passphrase) => {
    const key = await readPrivateKey(fixture(name), passphrase);
    expect(key).toMatchObject({ alg: 'RS256', description: 'RSA 2048-bit' });
    expect(key.thumbprint).toBe(await thumbprintOf('rsa-2048.public.jwk.json'));
    // The one form kept is OpenSSL's own PKCS#8 of that key, byte for byte.
    expect(key.pkcs8).toEqual(der('rsa-2048-pkcs8.pem'));
  });

  it.each([
    ['SEC1 (BEGIN EC PRIVATE KEY)', 'ec-p256-sec1.pem', undefined],
    ['PKCS#8', 'ec-p256-pkcs8.pem', undefined],
    ['encrypted PKCS#8', 'ec-p256-encrypted.pem', PASSPHRASE],
    ['a private JWK', 'ec-p256.jwk.json', undefined],
  ])('imports the P-256 key as %s', async (_format, name, passphrase) => {
    const key = await readPrivateKey(fixture(name), passphrase);
    expect(key).toMatchObject({ alg: 'ES256', description: 'EC P-256' });
    expect(key.thumbprint).toBe(await thumbprintOf('ec-p256.public.jwk.json'));
  });

  it('takes a P-384 key for ES384', async () => {
    expect(await readPrivateKey(fixture('ec-p384-sec1.pem'))).toMatchObject({
      alg: 'ES384',
      description: 'EC P-384',
    });
  });

  it('finds the key in a file that also holds a certificate, with text around them', async () => {
    const bundle = `Bag Attributes\n${fixture('rsa-2048-certificate.pem')}\n${fixture('rsa-2048-pkcs1.pem')}\n`;
    expect((await readPrivateKey(bundle)).thumbprint).toBe(await thumbprintOf('rsa-2048.public.jwk.json'));
  });

  it.each<[string, string, ErrorCode, string]>([
    ['a public key', 'rsa-2048-public.pem', 'UNSUPPORTED_KEY', 'This is a public key'],
    ['a public JWK', 'rsa-2048.public.jwk.json', 'UNSUPPORTED_KEY', 'This is a public key'],
    ['a certificate', 'rsa-2048-certificate.pem', 'UNSUPPORTED_KEY', 'This is a certificate'],
    ['an OpenSSH key', 'openssh-ed25519.key', 'UNSUPPORTED_KEY', 'ssh-keygen -p -m PKCS8'],
    [
      "OpenSSL's old encryption",
      'rsa-2048-pkcs1-legacy-encrypted.pem',
      'UNSUPPORTED_KEY',
      "OpenSSL's old format",
    ],
    ['a 1024-bit RSA key', 'rsa-1024-pkcs8.pem', 'UNSUPPORTED_KEY', 'This RSA key has 1024 bits'],
    ['an Ed25519 key', 'ed25519-pkcs8.pem', 'UNSUPPORTED_KEY', 'This is an Ed25519 key'],
    ['a secp256k1 key', 'ec-secp256k1-sec1.pem', 'UNSUPPORTED_KEY', 'secp256k1'],
    [
      'an encrypted key without its passphrase',
      'rsa-2048-encrypted-aes256-sha256.pem',
      'KEY_PASSPHRASE_NEEDED',
      'enter its passphrase',
    ],
  ])('refuses %s and says so', async (_what, name, code, words) => {
    const refused = await refusal(fixture(name));
    expect(refused.code).toBe(code);
    expect(refused.message).toContain(words);
  });

  it('names the old encryption scheme (PBES1, triple DES) it cannot open, and how to convert', async () => {
    const refused = await refusal(fixture('rsa-2048-encrypted-pbes1.pem'), PASSPHRASE);
    expect(refused.code).toBe('UNSUPPORTED_KEY');
    expect(refused.message).toContain('an old scheme (PBES1)');
    expect(refused.message).toContain('openssl pkcs8 -topk8 -v2 aes-256-cbc');
  });

  it('refuses a wrong passphrase', async () => {
    for (const name of ['rsa-2048-encrypted-aes256-sha256.pem', 'ec-p256-encrypted.pem']) {
      expect((await refusal(fixture(name), 'not the passphrase')).code).toBe('WRONG_KEY_PASSPHRASE');
    }
  });

  it.each([
    ['text that is no key', 'my key is in the other file'],
    [
      'a PEM block whose body is not base64',
      '-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----',
    ],
    ['a PEM block that is not DER', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'],
    ['a truncated key', fixture('rsa-2048-pkcs8.pem').replace(/\n[A-Za-z0-9+/=]+\n-----END/, '\n-----END')],
    ['JSON that is not a key', '{"type": "service_account"}'],
  ])('refuses %s with a message about the key', async (_what, text) => {
    const refused = await refusal(text);
    expect(['UNSUPPORTED_KEY', 'INVALID_INPUT']).toContain(refused.code);
    expect(refused.message.length).toBeGreaterThan(20);
  });

  it('never puts the key in a message', async () => {
    const pem = fixture('rsa-2048-pkcs8.pem');
    const body = pem.split('\n')[5]!;
    const broken = pem.replace(/\n[A-Za-z0-9+/=]+\n-----END/, '\n-----END');
    for (const [text, passphrase] of [
      [broken, undefined],
      [fixture('rsa-2048-encrypted-aes256-sha256.pem'), 'wrong'],
    ] as const) {
      const { message } = await refusal(text, passphrase);
      expect(message).not.toContain(body.slice(0, 16));
      expect(message).not.toContain('wrong');
    }
  });
});
