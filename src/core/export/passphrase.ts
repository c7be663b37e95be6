// One-off export passphrases: random, shown once, easy to read out. Imported by
// src/core/export.
import { PROTECTIONS } from './format';

// Crockford's base32: no I, L, O or U, so nothing is misread when copied by hand.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BITS_PER_CHAR = 5;
const GROUP = 4;

/** 100 bits (20 characters) in groups of four: `K3F9-…`. */
export function generatePassphrase(): string {
  const length = Math.ceil(PROTECTIONS.passphrase.passphraseBits / BITS_PER_CHAR);
  // One byte per character, keeping only 5 bits: 256 is a multiple of 32, so no bias.
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (let i = 0; i < length; i += 1) {
    if (i > 0 && i % GROUP === 0) out += '-';
    out += ALPHABET[(bytes[i] ?? 0) & 0x1f];
  }
  return out;
}
