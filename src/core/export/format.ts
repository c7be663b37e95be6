// The trusted-app export format: what an export carries and how each protection is done. One
// table of protections; nothing else in the export code names an algorithm. Imported by
// src/core/export and by the open-export script.

/** Bumped when the payload changes shape; an opener refuses versions it does not know. */
export const EXPORT_FORMAT_VERSION = 1;
export const EXPORT_KIND = 'ringcentral-jwt-credential';
export const EXPORT_CONTENT_TYPE = 'jwt-vault-export+json';
export const DEFAULT_EXPORT_VALIDITY_SECONDS = 24 * 60 * 60;
export const MAX_EXPORT_VALIDITY_SECONDS = 30 * 24 * 60 * 60;

/** What the recipient app finds inside the JWE. */
export interface ExportPayload {
  v: typeof EXPORT_FORMAT_VERSION;
  kind: typeof EXPORT_KIND;
  label: string;
  jwt: string;
  serverUrl: string;
  /** The recipient app's client ID: the only app meant to open this. */
  aud: string;
  /** Which apps the credential allows: "organization" or the client IDs. */
  allowed: 'organization' | string[];
  iat: number;
  exp: number;
  jti: string;
}

export type ProtectionKind = 'ec-public-key' | 'rsa-public-key' | 'passphrase';

/** Each protection described once, as data: its JWE algorithms and parameters. */
export const PROTECTIONS = {
  'ec-public-key': { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' },
  'rsa-public-key': { alg: 'RSA-OAEP-256', enc: 'A256GCM', minModulusBits: 2048 },
  // OWASP's PBKDF2-HMAC-SHA512 figure is 210,000; the issue asks for at least 600,000, which
  // also covers the SHA-256 figure. jose's decrypt caps p2c at 10,000 unless raised.
  passphrase: { alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', p2c: 600_000, passphraseBits: 100 },
} as const satisfies Record<ProtectionKind, { alg: string; enc: string; [more: string]: unknown }>;
