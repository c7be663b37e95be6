// Byte helpers for the crypto modules: UTF-8 text, base64, random bytes and copies that
// WebCrypto accepts. Imported by src/core and the worker.

/** Bytes backed by a plain ArrayBuffer, the only kind WebCrypto's typings accept. */
export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();
// fatal: a stored plaintext that is not valid UTF-8 is corrupt, never silently repaired.
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** Throws a TypeError on invalid UTF-8; callers turn that into their own error. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function randomBytes(length: number): Bytes {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A copy on a fresh ArrayBuffer: input may come from a shared or larger buffer. */
export function copyBytes(bytes: Uint8Array): Bytes {
  return new Uint8Array(bytes);
}

/** True for a Uint8Array from any realm (structured clone may hand back another realm's). */
export function isBytes(value: unknown): value is Bytes {
  return Object.prototype.toString.call(value) === '[object Uint8Array]';
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

// Chunked: String.fromCharCode(...bytes) overflows the call stack on a megabyte.
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Undefined for anything that is not canonical base64, so a changed character is never ignored. */
export function fromBase64(text: unknown): Bytes | undefined {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    return undefined;
  }
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return toBase64(bytes) === text ? bytes : undefined;
}
