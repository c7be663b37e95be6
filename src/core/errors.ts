// Error classes with stable codes: thrown by core, answered by the worker, shown by the popup.
// Errors cross the message boundary as {code, message, retryAt?} and are rebuilt here as the
// same class. They live in core because core throws them: src/shared builds on core, never back. Messages are
// written for people and never carry a secret value: callers pass only labels and field names.

export const ERROR_CODES = [
  'WRONG_PASSWORD',
  'INTEGRITY',
  'UNSUPPORTED_VERSION',
  'KDF_BELOW_FLOOR',
  // A backup or vault header asking for more key-derivation work than the ceiling allows.
  'KDF_TOO_COSTLY',
  'INVALID_INPUT',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'LOCKED',
  'THROTTLED',
  'NOT_FOUND',
  'DUPLICATE',
  'NOT_ALLOWED',
  'IN_USE',
  'FORBIDDEN_SENDER',
  // A change would send a stored secret somewhere not yet confirmed, or reveal one: the master
  // password is needed first (a recent confirmation within the grace period also does).
  'CONFIRMATION_REQUIRED',
  // Token endpoint outcomes (auto-authentication).
  'INVALID_CLIENT',
  'GRANT_REJECTED',
  'NOT_ALLOWED_FOR_APP',
  'RATE_LIMITED',
  'SERVER_UNAVAILABLE',
  'NETWORK',
  'MALFORMED_RESPONSE',
  // The token endpoint refused the request itself (unsupported grant, bad parameter, wrong path,
  // a redirect): a configuration problem, not a credential one, and retrying will not help.
  'TOKEN_REQUEST_REJECTED',
  // The API answered 401 to tokens the server had just issued: retried with a growing back-off.
  'TOKEN_REFUSED',
  // The user has not consented to the integration yet (DocuSign): one page away, named in `link`.
  'CONSENT_REQUIRED',
  // Trusted-app export: a key that cannot protect an export, or a private key where the app's
  // public key belongs.
  'UNUSABLE_KEY',
  'PRIVATE_KEY',
  // A signing key as pasted: one the vault cannot use (a public key, a certificate, an unknown
  // format or curve), an encrypted one without its passphrase, or a passphrase that does not open it.
  'UNSUPPORTED_KEY',
  'KEY_PASSPHRASE_NEEDED',
  'WRONG_KEY_PASSPHRASE',
  // A passkey that is not one enrolled for this vault (its PRF output does not match the wrap).
  'PASSKEY_REFUSED',
  // No passkey could be used: the dialog was closed or timed out, or the authenticator has no PRF.
  'PASSKEY_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The wire form of an error: what crosses the message boundary. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** For THROTTLED and RATE_LIMITED: epoch milliseconds after which a new attempt is accepted. */
  retryAt?: number;
  /** Where the person fixes it, when that is one page away (DocuSign's consent). */
  link?: ErrorLink;
}

export interface ErrorLink {
  label: string;
  url: string;
}

export class VaultError extends Error {
  readonly code: ErrorCode;
  readonly retryAt: number | undefined;
  readonly link: ErrorLink | undefined;

  constructor(code: ErrorCode, message: string, retryAt?: number, link?: ErrorLink) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
    this.retryAt = retryAt;
    this.link = link;
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.retryAt === undefined ? {} : { retryAt: this.retryAt }),
      ...(this.link === undefined ? {} : { link: this.link }),
    };
  }
}

// One subclass per code callers branch on most, so `instanceof` reads well in handlers and
// tests; every other code is a plain VaultError with that code.
export class WrongPasswordError extends VaultError {
  constructor(message = 'The password is not correct.') {
    super('WRONG_PASSWORD', message);
    this.name = 'WrongPasswordError';
  }
}

export class IntegrityError extends VaultError {
  constructor(message = 'Stored data failed its integrity check: it was corrupted or tampered with.') {
    super('INTEGRITY', message);
    this.name = 'IntegrityError';
  }
}

export class InvalidInputError extends VaultError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
    this.name = 'InvalidInputError';
  }
}

export class ThrottledError extends VaultError {
  constructor(retryAt: number) {
    super('THROTTLED', 'Too many wrong passwords. Wait before trying again.', retryAt);
    this.name = 'ThrottledError';
  }
}

export class ConfirmationRequiredError extends VaultError {
  constructor(
    message = 'Enter the master password to confirm: this sends a secret to a new place or shows it.',
  ) {
    super('CONFIRMATION_REQUIRED', message);
    this.name = 'ConfirmationRequiredError';
  }
}

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODE_SET.has(value);
}

/** Rebuilds an error received over the message boundary as the matching class. */
export function errorFromPayload(payload: ErrorPayload): VaultError {
  switch (payload.code) {
    case 'WRONG_PASSWORD':
      return new WrongPasswordError(payload.message);
    case 'INTEGRITY':
      return new IntegrityError(payload.message);
    case 'INVALID_INPUT':
      return new InvalidInputError(payload.message);
    case 'THROTTLED':
      return new ThrottledError(payload.retryAt ?? Date.now());
    default:
      return new VaultError(payload.code, payload.message, payload.retryAt, payload.link);
  }
}

/**
 * Turns anything thrown into a payload safe to send. Unknown errors become INTERNAL with a
 * fixed message: their text could hold anything, secrets included.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof VaultError) return error.toPayload();
  return { code: 'INTERNAL', message: 'Something went wrong inside the vault.' };
}
