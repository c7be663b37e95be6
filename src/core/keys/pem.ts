// PEM blocks as users paste them: `-----BEGIN <label>-----`, optional RFC 1421 headers (the old
// OpenSSL encryption), base64 lines, `-----END <label>-----`. Text around the blocks (a key file's
// comments, a certificate before the key) is ignored. Imported by src/core/keys only.
import type { Bytes } from '../crypto/bytes';

export interface PemBlock {
  label: string;
  /** RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED`, by name. */
  headers: Record<string, string>;
  /** Undefined when the base64 between the lines does not decode. */
  der: Bytes | undefined;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

function decode(base64: string): Bytes | undefined {
  const text = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const [, label, inner] of text.matchAll(BLOCK)) {
    const headers: Record<string, string> = {};
    const lines = inner!.split(/\r?\n/);
    const body: string[] = [];
    for (const line of lines) {
      const header = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
      if (header) headers[header[1]!] = header[2]!;
      else body.push(line);
    }
    blocks.push({ label: label!, headers, der: decode(body.join('')) });
  }
  return blocks;
}

/** DER bytes as a PEM block, base64 in 64-character lines: how a key is stored once read. */
export function toPem(label: string, der: Bytes): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
