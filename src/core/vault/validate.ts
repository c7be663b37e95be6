// Field validation for each record kind, at the vault boundary: each function takes anything
// and returns a clean copy (known fields only, names trimmed, URLs normalised) or throws
// InvalidInputError naming the field. Messages never quote a secret. Imported by src/core/vault.

import {
  ACTIVITY_KEEP_DAYS,
  ACTIVITY_LOG_MODES,
  type ActivityLogMode,
  DEFAULT_ACTIVITY_LOG_MODE,
  isActivityLogMode,
} from '../activity/keeping';
import { CLIENT_ASSERTION_PRESET_IDS, isClientAssertionPreset } from '../credentials/client-assertion';
import { CLIENT_SECRET_PRESET_IDS, isClientSecretPreset } from '../credentials/client-secret';
import { FIRST_KIND, isCredentialKind, KIND_IDS } from '../credentials/kinds';
import { CONFIRM_GRACE_MINUTES } from '../destinations/grace';
import { InvalidInputError } from '../errors';
import { assertCompactJws } from '../jwt';
import { storedSigningKey } from '../keys';
import { LIMITS } from './limits';
import type {
  AllowedApps,
  App,
  Connection,
  Credential,
  ExportRecord,
  RecordKind,
  RecordTypes,
  Settings,
  SigningKeyFields,
} from './model';
import { parseApiBaseUrl, parseBaseUrl, parseServerUrl, parseTokenUrl, parseToolOrigin } from './url-rules';

const ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.id}}$`);

type Input = Record<string, unknown>;

function asObject(value: unknown, what: string): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`The ${what} must be an object.`);
  }
  return value as Input;
}

/**
 * Ids go into the associated data of sealed records; a fixed alphabet (UUIDs fit) keeps that
 * string unambiguous and the ids safe to show.
 */
export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function validateRecordId(value: unknown, field: string): string {
  if (!isRecordId(value)) {
    throw new InvalidInputError(`${field} must be 1 to ${LIMITS.id} letters, digits, "-" or "_".`);
  }
  return value;
}

/** User-facing text: trimmed, then required non-empty. */
function name(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new InvalidInputError(`${field} must be text.`);
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new InvalidInputError(`${field} must not be empty.`);
  if (trimmed.length > max) throw new InvalidInputError(`${field} must be at most ${max} characters.`);
  return trimmed;
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidInputError(`${field} must be true or false.`);
  return value;
}

/**
 * A path joined to the server URL. "//" and "\" are refused: URL resolution would read
 * `//host/x` as another host.
 */
function serverPath(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.startsWith('/')) {
    throw new InvalidInputError(`${field} must start with "/".`);
  }
  if (value.length > LIMITS.path)
    throw new InvalidInputError(`${field} must be at most ${LIMITS.path} characters.`);
  if (value.startsWith('//') || /[\s?#\\]/.test(value) || /(^|\/)\.\.?(\/|$)/.test(value)) {
    throw new InvalidInputError(
      `${field} must be a plain path without "//", "..", spaces, "?", "#" or "\\".`,
    );
  }
  return value;
}

export function validateApp(value: unknown): App {
  const input = asObject(value, 'app');
  const app: App = {
    id: validateRecordId(input.id, 'app.id'),
    name: name(input.name, 'app.name', LIMITS.name),
    clientId: name(input.clientId, 'app.clientId', LIMITS.clientId),
    serverUrl: parseServerUrl(input.serverUrl, 'app.serverUrl'),
    tokenPath: serverPath(input.tokenPath, 'app.tokenPath'),
    revokePath: serverPath(input.revokePath, 'app.revokePath'),
  };
  // Secrets are kept exactly as given, never trimmed: surrounding spaces are refused instead
  // (almost always a paste accident). An empty string means "no secret".
  const secret = input.clientSecret;
  if (secret !== undefined && secret !== '') {
    if (typeof secret !== 'string') throw new InvalidInputError('app.clientSecret must be text.');
    if (secret.length > LIMITS.clientSecret) {
      throw new InvalidInputError(`app.clientSecret must be at most ${LIMITS.clientSecret} characters.`);
    }
    if (secret !== secret.trim())
      throw new InvalidInputError('app.clientSecret has leading or trailing spaces.');
    app.clientSecret = secret;
  }
  return app;
}

function allowedApps(value: unknown): AllowedApps {
  const input = asObject(value, 'credential.allowed');
  if (input.kind === 'organization') return { kind: 'organization' };
  if (input.kind !== 'specific') {
    throw new InvalidInputError('credential.allowed.kind must be "organization" or "specific".');
  }
  if (!Array.isArray(input.clientIds) || input.clientIds.length === 0) {
    throw new InvalidInputError('credential.allowed.clientIds must list at least one client ID.');
  }
  if (input.clientIds.length > LIMITS.clientIds) {
    throw new InvalidInputError(
      `credential.allowed.clientIds must list at most ${LIMITS.clientIds} client IDs.`,
    );
  }
  const clientIds = input.clientIds.map((id, i) =>
    name(id, `credential.allowed.clientIds[${i}]`, LIMITS.clientId),
  );
  const seen = new Set<string>();
  clientIds.forEach((id, i) => {
    if (seen.has(id))
      throw new InvalidInputError(`credential.allowed.clientIds[${i}] repeats an earlier client ID.`);
    seen.add(id);
  });
  return { kind: 'specific', clientIds };
}

/**
 * A credential of any kind. One without a kind was written before there were kinds (a vault
 * record of version 1, an older backup): it is a RingCentral JWT.
 */
export function validateCredential(value: unknown): Credential {
  const input = asObject(value, 'credential');
  const id = validateRecordId(input.id, 'credential.id');
  const label = name(input.label, 'credential.label', LIMITS.name);
  const notes = input.notes ?? '';
  if (typeof notes !== 'string') throw new InvalidInputError('credential.notes must be text.');
  if (notes.length > LIMITS.notes)
    throw new InvalidInputError(`credential.notes must be at most ${LIMITS.notes} characters.`);
  const kind = input.kind ?? FIRST_KIND;
  if (!isCredentialKind(kind))
    throw new InvalidInputError(`credential.kind must be one of: ${KIND_IDS.join(', ')}.`);
  const base = { id, label, notes };
  switch (kind) {
    case 'ringcentral-jwt':
      assertCompactJws(input.jwt);
      return { ...base, kind, allowed: allowedApps(input.allowed), jwt: input.jwt };
    case 'google-service-account':
      return { ...base, kind, ...signingKey(input), ...serviceAccount(input) };
    case 'salesforce-jwt':
      return {
        ...base,
        kind,
        ...signingKey(input),
        consumerKey: name(input.consumerKey, 'credential.consumerKey', LIMITS.clientId),
        username: name(input.username, 'credential.username', LIMITS.name),
        loginUrl: parseBaseUrl(input.loginUrl, 'credential.loginUrl'),
      };
    case 'client-assertion':
      return { ...base, kind, ...signingKey(input), ...clientAssertion(input) };
    case 'client-secret':
      return { ...base, kind, ...clientSecret(input) };
    case 'box-jwt':
      return { ...base, kind, ...signingKey(input), ...boxApp(input) };
    case 'docusign-jwt':
      return {
        ...base,
        kind,
        ...signingKey(input),
        integrationKey: name(input.integrationKey, 'credential.integrationKey', LIMITS.clientId),
        userId: name(input.userId, 'credential.userId', LIMITS.clientId),
        accountServer: parseBaseUrl(input.accountServer, 'credential.accountServer'),
        scopes: scopes(input.scopes),
        redirectUri: parseTokenUrl(input.redirectUri, 'credential.redirectUri'),
      };
  }
}

function boxApp(input: Input) {
  const secret = input.clientSecret;
  if (typeof secret !== 'string' || secret === '' || secret.length > LIMITS.clientSecret)
    throw new InvalidInputError(`credential.clientSecret must be 1 to ${LIMITS.clientSecret} characters.`);
  if (input.subjectType !== 'enterprise' && input.subjectType !== 'user')
    throw new InvalidInputError('credential.subjectType must be "enterprise" or "user".');
  const enterpriseId = input.enterpriseId;
  return {
    clientId: name(input.clientId, 'credential.clientId', LIMITS.clientId),
    clientSecret: secret,
    publicKeyId: name(input.publicKeyId, 'credential.publicKeyId', LIMITS.clientId),
    ...(enterpriseId === undefined
      ? {}
      : { enterpriseId: name(enterpriseId, 'credential.enterpriseId', LIMITS.clientId) }),
    subjectType: input.subjectType as 'enterprise' | 'user',
    subject: name(input.subject, 'credential.subject', LIMITS.clientId),
    tokenUrl: parseTokenUrl(input.tokenUrl, 'credential.tokenUrl'),
  };
}

function clientSecret(input: Input) {
  if (!isClientSecretPreset(input.preset))
    throw new InvalidInputError(`credential.preset must be one of: ${CLIENT_SECRET_PRESET_IDS.join(', ')}.`);
  const secret = input.clientSecret;
  if (typeof secret !== 'string' || secret === '' || secret.length > LIMITS.clientSecret)
    throw new InvalidInputError(`credential.clientSecret must be 1 to ${LIMITS.clientSecret} characters.`);
  if (secret.trim() !== secret)
    throw new InvalidInputError('credential.clientSecret has leading or trailing spaces.');
  const accountId = input.accountId;
  if (input.preset === 'zoom' && (accountId === undefined || accountId === ''))
    throw new InvalidInputError('credential.accountId is needed for a Zoom server-to-server app.');
  return {
    preset: input.preset,
    clientId: name(input.clientId, 'credential.clientId', LIMITS.clientId),
    clientSecret: secret,
    tokenUrl: parseTokenUrl(input.tokenUrl, 'credential.tokenUrl'),
    ...(accountId === undefined || accountId === ''
      ? {}
      : { accountId: name(accountId, 'credential.accountId', LIMITS.clientId) }),
    scopes: Array.isArray(input.scopes) && input.scopes.length === 0 ? [] : scopes(input.scopes),
  };
}

/** The key a signing kind keeps: read and checked when it was pasted (src/core/credentials). */
function signingKey(input: Input): SigningKeyFields {
  const key = input.privateKey;
  if (typeof key !== 'string' || key.length > LIMITS.keyFile)
    throw new InvalidInputError('credential.privateKey must be a PKCS#8 PEM key.');
  // Sync and cheap: the key was imported and checked when it was read.
  storedSigningKey(key);
  return {
    privateKey: key,
    keyDescription: name(input.keyDescription, 'credential.keyDescription', LIMITS.name),
    keyThumbprint: name(input.keyThumbprint, 'credential.keyThumbprint', 64),
  };
}

function clientAssertion(input: Input) {
  if (!isClientAssertionPreset(input.preset))
    throw new InvalidInputError(
      `credential.preset must be one of: ${CLIENT_ASSERTION_PRESET_IDS.join(', ')}.`,
    );
  const optionalName = (field: string, max: number) => {
    const value = input[field];
    return value === undefined || value === '' ? {} : { [field]: name(value, `credential.${field}`, max) };
  };
  const thumbprint = input.certificateThumbprint;
  if (thumbprint !== undefined && (typeof thumbprint !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(thumbprint)))
    throw new InvalidInputError(
      'credential.certificateThumbprint must be a SHA-256 thumbprint in base64url.',
    );
  return {
    preset: input.preset,
    clientId: name(input.clientId, 'credential.clientId', LIMITS.clientId),
    tokenUrl: parseTokenUrl(input.tokenUrl, 'credential.tokenUrl'),
    audience: name(input.audience, 'credential.audience', LIMITS.url),
    // Auth0 names an API instead of scopes; the others ask for at least one.
    scopes: Array.isArray(input.scopes) && input.scopes.length === 0 ? [] : scopes(input.scopes),
    ...(optionalName('apiAudience', LIMITS.url) as { apiAudience?: string }),
    ...(optionalName('keyId', LIMITS.clientId) as { keyId?: string }),
    ...(thumbprint === undefined ? {} : { certificateThumbprint: thumbprint }),
  };
}

/** A service account as stored: read from its key file on save (src/core/credentials). */
function serviceAccount(input: Input) {
  const subject = input.subject;
  const projectId = input.projectId;
  return {
    clientEmail: name(input.clientEmail, 'credential.clientEmail', LIMITS.name),
    privateKeyId: name(input.privateKeyId, 'credential.privateKeyId', LIMITS.clientId),
    tokenUri: parseTokenUrl(input.tokenUri, 'credential.tokenUri'),
    ...(projectId === undefined ? {} : { projectId: name(projectId, 'credential.projectId', LIMITS.name) }),
    scopes: scopes(input.scopes),
    ...(subject === undefined || subject === ''
      ? {}
      : { subject: emailAddress(subject, 'credential.subject') }),
  };
}

/** OAuth scopes: at least one, each a token without spaces, none twice. */
export function scopes(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new InvalidInputError('credential.scopes must list at least one scope.');
  if (value.length > LIMITS.scopes)
    throw new InvalidInputError(`credential.scopes must list at most ${LIMITS.scopes} scopes.`);
  const list = value.map((scope, i) => {
    const field = `credential.scopes[${i}]`;
    const text = name(scope, field, LIMITS.scope);
    if (/[\s"\\]/.test(text))
      throw new InvalidInputError(`${field} must be one scope, without spaces or quotes.`);
    return text;
  });
  list.forEach((scope, i) => {
    if (list.indexOf(scope) !== i)
      throw new InvalidInputError(`credential.scopes[${i}] repeats an earlier scope.`);
  });
  return list;
}

function emailAddress(value: unknown, field: string): string {
  const text = name(value, field, LIMITS.name);
  if (!/^[^\s@]+@[^\s@]+$/.test(text)) throw new InvalidInputError(`${field} must be an email address.`);
  return text;
}

export function validateConnection(value: unknown): Connection {
  const input = asObject(value, 'connection');
  const origins = input.toolOrigins;
  if (!Array.isArray(origins) || origins.length === 0) {
    throw new InvalidInputError('connection.toolOrigins must list at least one origin.');
  }
  if (origins.length > LIMITS.toolOrigins) {
    throw new InvalidInputError(`connection.toolOrigins must list at most ${LIMITS.toolOrigins} origins.`);
  }
  const toolOrigins = origins.map((origin, i) => parseToolOrigin(origin, `connection.toolOrigins[${i}]`));
  toolOrigins.forEach((origin, i) => {
    if (toolOrigins.indexOf(origin) !== i) {
      throw new InvalidInputError(`connection.toolOrigins[${i}] repeats an earlier origin.`);
    }
  });
  // No app for the kinds that carry their own token URL; the relations check which.
  const appId = input.appId === undefined ? {} : { appId: validateRecordId(input.appId, 'connection.appId') };
  return {
    id: validateRecordId(input.id, 'connection.id'),
    credentialId: validateRecordId(input.credentialId, 'connection.credentialId'),
    ...appId,
    apiBaseUrl: parseApiBaseUrl(input.apiBaseUrl, 'connection.apiBaseUrl'),
    toolOrigins,
    enabled: bool(input.enabled, 'connection.enabled'),
  };
}

export function validateSettings(value: unknown): Settings {
  const input = asObject(value, 'settings');
  const minutes = input.autoLockMinutes;
  const { min, max } = LIMITS.autoLockMinutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < min || minutes > max) {
    throw new InvalidInputError(`settings.autoLockMinutes must be a whole number from ${min} to ${max}.`);
  }
  return {
    autoLockMinutes: minutes,
    lockOnSystemLock: bool(input.lockOnSystemLock, 'settings.lockOnSystemLock'),
    revokeOnLock: bool(input.revokeOnLock, 'settings.revokeOnLock'),
    confirmGraceMinutes: wholeSetting(
      input.confirmGraceMinutes,
      CONFIRM_GRACE_MINUTES,
      'confirmGraceMinutes',
    ),
    activityLog: activityLog(input.activityLog),
    activityKeepDays: wholeSetting(input.activityKeepDays, ACTIVITY_KEEP_DAYS, 'activityKeepDays'),
  };
}

/** Absent in vaults and backups from before the setting: the log is kept for the session. */
function activityLog(value: unknown): ActivityLogMode {
  if (value === undefined) return DEFAULT_ACTIVITY_LOG_MODE;
  if (!isActivityLogMode(value)) {
    throw new InvalidInputError(`settings.activityLog must be one of ${ACTIVITY_LOG_MODES.join(', ')}.`);
  }
  return value;
}

/**
 * A whole number within a setting's bounds. Absent in vaults and backups from before the setting:
 * it gets the default.
 */
function wholeSetting(
  value: unknown,
  range: { min: number; max: number; default: number },
  field: string,
): number {
  const { min, max } = range;
  if (value === undefined) return range.default;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`settings.${field} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

const PROTECTION_KINDS: ReadonlySet<string> = new Set(['ec-public-key', 'rsa-public-key', 'passphrase']);

function epochMs(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(`${field} must be a time in epoch milliseconds.`);
  }
  return value;
}

export function validateExportRecord(value: unknown): ExportRecord {
  const input = asObject(value, 'export');
  if (typeof input.protection !== 'string' || !PROTECTION_KINDS.has(input.protection)) {
    throw new InvalidInputError('export.protection is not a known protection.');
  }
  const record: ExportRecord = {
    id: validateRecordId(input.id, 'export.id'),
    at: epochMs(input.at, 'export.at'),
    credentialId: validateRecordId(input.credentialId, 'export.credentialId'),
    credentialLabel: name(input.credentialLabel, 'export.credentialLabel', LIMITS.name),
    recipientClientId: name(input.recipientClientId, 'export.recipientClientId', LIMITS.clientId),
    protection: input.protection as ExportRecord['protection'],
    expiresAt: epochMs(input.expiresAt, 'export.expiresAt'),
  };
  if (input.keyThumbprint !== undefined) {
    record.keyThumbprint = name(input.keyThumbprint, 'export.keyThumbprint', 64);
  }
  return record;
}

export const SETTINGS_ID = 'settings';

/** One validator per record kind; a kind without one fails to compile. */
export const VALIDATORS: { readonly [K in RecordKind]: (value: unknown) => RecordTypes[K] } = {
  apps: validateApp,
  credentials: validateCredential,
  connections: validateConnection,
  settings: (value) => {
    const id = asObject(value, 'settings').id;
    if (id !== SETTINGS_ID) throw new InvalidInputError(`settings.id must be "${SETTINGS_ID}".`);
    return { id: SETTINGS_ID, ...validateSettings(value) };
  },
  exports: validateExportRecord,
};
