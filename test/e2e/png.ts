// Reads a PNG's size from its header, for tests that check icons and screenshots.
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(data: Uint8Array | undefined): { width: number; height: number } | undefined {
  if (!data || data.length < 24 || SIGNATURE.some((byte, i) => data[i] !== byte)) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
