// The signed assertions the emulated providers receive: read before they are trusted (to find the
// client and its key), then checked for their signature alone. Each provider checks the claims
// itself, against the sandbox clock and in its own words. For the provider modules.

import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import type { SandboxContext } from './context';

export interface UnverifiedJws {
  header: ProtectedHeaderParameters;
  claims: Record<string, unknown>;
}

/** Header and claims of a compact JWS, unverified; undefined when it is not one. */
export function peek(jws: string): UnverifiedJws | undefined {
  try {
    const header = decodeProtectedHeader(jws);
    const claims: unknown = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
    return { header, claims: claims as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/** Whether `key` made the signature with one of `algorithms`. */
export async function signedBy(jws: string, key: KeyObject, algorithms: string[]): Promise<boolean> {
  try {
    await compactVerify(jws, key, { algorithms });
    return true;
  } catch {
    return false;
  }
}

/** The sandbox clock in whole seconds, as JWT times are. */
export function nowSeconds(ctx: SandboxContext): number {
  return Math.floor(ctx.now() / 1000);
}

/** A claim that must be a non-empty string, or undefined. */
export function text(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const generateRsa = promisify(generateKeyPair);

/** A 2048-bit RSA pair for a demo client, made off the main thread (it takes a moment). */
export function rsaKeyPair(): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return generateRsa('rsa', { modulusLength: 2048 });
}
