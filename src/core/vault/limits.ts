// The one table of size limits on what the vault stores and on what a page may send it. The
// vault's validators, the message validators (src/shared/request-validators.ts) and the popup's fields
// all read it, so no two of them can disagree. Imported by src/core, src/shared and the popup.
// It imports nothing: every view that checks a length would otherwise also load the module the
// limit came from (the KDF parameters, the JWT reader), whichever of their code it does not use.

/**
 * Longer passwords are refused before deriving (src/core/crypto/kdf.ts): they only make the KDF
 * slower to start.
 */
export const MAX_PASSWORD_LENGTH = 1024;
/** Far above any real personal JWT; the cap only bounds work and storage. */
export const MAX_JWT_LENGTH = 16_384;

/** A backup file as read, refused before parsing: a vault of a few hundred records is a few hundred kB. */
export const MAX_BACKUP_CHARS = 5 * 1024 * 1024;

export const LIMITS = {
  /** Record ids: UUIDs fit. They go into the associated data of sealed records. */
  id: 64,
  /** App names and credential labels. */
  name: 200,
  clientId: 256,
  clientSecret: 1024,
  /** An app's token and revoke paths. */
  path: 512,
  /** Server URLs, API base URLs and tool origins. */
  url: 2048,
  notes: 10_000,
  /** Client IDs one credential may list. */
  clientIds: 200,
  /** Tool origins one connection may list. */
  toolOrigins: 50,
  /** The credential's JWT (kept beside the other JWT rules). */
  jwt: MAX_JWT_LENGTH,
  /** Master and backup passwords (kept with the KDF parameters, which refuse longer ones). */
  password: MAX_PASSWORD_LENGTH,
  /** A provider's key file or a private key as pasted: a 4096-bit RSA key file is about 3.5 kB. */
  keyFile: 16_384,
  /** Scopes one credential may ask for, and the length of one. */
  scopes: 50,
  scope: 512,
  /** An export recipient's public key as pasted: a JWK or a JWK Set of one key. */
  recipientKey: 16_384,
  /** A KDF preset id, as a page names one. */
  presetId: 64,
  /** Passkeys one vault may have enrolled, and a WebAuthn credential id as base64url (1,023 bytes at most). */
  passkeys: 10,
  credentialId: 1400,
  /** A passkey's PRF salt or output as sent between page and worker: 32 bytes in base64. */
  prfBase64: 44,
  /** Minutes without use before the vault locks itself. */
  autoLockMinutes: { min: 1, max: 1440 },
} as const;
