// The little of DER (X.690) that reading private keys needs: one element at a time, the children
// of a SEQUENCE, object identifiers, and writing the few wrappers PKCS#8 puts around a PKCS#1 or
// SEC1 key. No cipher lives here. Imported by src/core/keys only.
import type { Bytes } from '../crypto/bytes';

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  /** `[0]` and `[1]`, constructed: SEC1's parameters and public key. */
  context0: 0xa0,
  context1: 0xa1,
} as const;

export interface Element {
  tag: number;
  body: Bytes;
}

/** Thrown for bytes that are not the DER expected; callers turn it into a message about the key. */
export class DerError extends Error {
  constructor() {
    super('not DER');
    this.name = 'DerError';
  }
}

/** The element at `offset` and where the next one starts. */
function readAt(bytes: Bytes, offset: number): { element: Element; next: number } {
  if (offset + 2 > bytes.length) throw new DerError();
  const tag = bytes[offset]!;
  let length = bytes[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // Indefinite lengths are BER, not DER; four length bytes are far more than any key needs.
    if (count === 0 || count > 4 || start + count > bytes.length) throw new DerError();
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  if (start + length > bytes.length) throw new DerError();
  return { element: { tag, body: bytes.subarray(start, start + length) }, next: start + length };
}

/** The one element that `bytes` holds, with nothing after it. */
export function readElement(bytes: Bytes, tag?: number): Element {
  const { element, next } = readAt(bytes, 0);
  if (next !== bytes.length || (tag !== undefined && element.tag !== tag)) throw new DerError();
  return element;
}

/** The elements of a constructed element's body, in order. */
export function childrenOf(body: Bytes): Element[] {
  const children: Element[] = [];
  for (let offset = 0; offset < body.length; ) {
    const { element, next } = readAt(body, offset);
    children.push(element);
    offset = next;
  }
  return children;
}

export function expectTag(element: Element | undefined, tag: number): Element {
  if (!element || element.tag !== tag) throw new DerError();
  return element;
}

/** An OBJECT IDENTIFIER's body as dotted text, e.g. `1.2.840.113549.1.1.1`. */
export function oidText(body: Bytes): string {
  if (body.length === 0) throw new DerError();
  const arcs: number[] = [];
  let value = 0;
  for (const byte of body) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** A small non-negative INTEGER's value (iteration counts, key lengths, versions). */
export function smallInteger(element: Element): number {
  expectTag(element, TAG.integer);
  if (element.body.length === 0 || element.body.length > 6) throw new DerError();
  let value = 0;
  for (const byte of element.body) value = value * 256 + byte;
  return value;
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** One element: tag, length, body. */
export function encode(tag: number, ...parts: Bytes[]): Bytes {
  const length = parts.reduce((total, part) => total + part.length, 0);
  const head = [tag, ...lengthBytes(length)];
  const out = new Uint8Array(head.length + length);
  out.set(head, 0);
  let offset = head.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** An OBJECT IDENTIFIER element from dotted text. */
export function encodeOid(dotted: string): Bytes {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const body: number[] = [];
  for (const arc of [first! * 40 + second!, ...rest]) {
    const base128 = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      base128.unshift(0x80 | (value & 0x7f));
    body.push(...base128);
  }
  return encode(TAG.oid, new Uint8Array(body));
}
