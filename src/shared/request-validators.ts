// The payload validator of every request type, checked at the worker's boundary before any
// handler runs. Apart from messages.ts so that pages, which only send, do not load it. Imported
// by the worker's router and tests.
import { ACTIVITY_LOG_MODES } from '../core/activity/keeping';
import { CLIENT_ASSERTION_PRESET_IDS } from '../core/credentials/client-assertion';
import { CLIENT_SECRET_PRESET_IDS } from '../core/credentials/client-secret';
import { LIMITS, MAX_BACKUP_CHARS } from '../core/vault/limits';
import type { AllowedApps } from '../core/vault/model';
import type { CredentialInput, Empty, RequestOf, RequestType } from './messages';
import {
  array,
  boolean,
  integer,
  literal,
  nullable,
  object,
  oneOf,
  optional,
  string,
  type Validator,
} from './validate';

// Every limit comes from the vault's table, so whatever the vault holds (a restored credential's
// long notes) can be sent back to it from a form.
const id = string(LIMITS.id);
const password = string(LIMITS.password);
const url = string(LIMITS.url);
const clientId = string(LIMITS.clientId);
const kdf = optional(string(LIMITS.presetId));
const empty = object({}) as Validator<Empty>;
const credentialId = string(LIMITS.credentialId);
const prfBytes = string(LIMITS.prfBase64);
const passkeyAnswer = object({ credentialId, prfOutput: prfBytes });
/** A confirmation's proof, beside the request's own fields: the master password or a passkey. */
const proof = { password: optional(password), passkey: optional(passkeyAnswer) };

const allowedApps: Validator<AllowedApps> = oneOf({
  organization: object({ kind: literal('organization') }),
  specific: object({ kind: literal('specific'), clientIds: array(clientId, LIMITS.clientIds) }),
});

const credentialKinds = oneOf({
  'ringcentral-jwt': object({
    id: optional(id),
    kind: literal('ringcentral-jwt'),
    label: string(LIMITS.name),
    jwt: optional(string(LIMITS.jwt)),
    allowed: allowedApps,
    notes: optional(string(LIMITS.notes)),
  }),
  'google-service-account': object({
    id: optional(id),
    kind: literal('google-service-account'),
    label: string(LIMITS.name),
    keyFile: optional(string(LIMITS.keyFile)),
    scopes: array(string(LIMITS.scope), LIMITS.scopes),
    subject: optional(string(LIMITS.name)),
    notes: optional(string(LIMITS.notes)),
  }),
  'salesforce-jwt': object({
    id: optional(id),
    kind: literal('salesforce-jwt'),
    label: string(LIMITS.name),
    consumerKey: clientId,
    username: string(LIMITS.name),
    loginUrl: url,
    privateKey: optional(string(LIMITS.keyFile)),
    passphrase: optional(password),
    notes: optional(string(LIMITS.notes)),
  }),
  'client-assertion': object({
    id: optional(id),
    kind: literal('client-assertion'),
    label: string(LIMITS.name),
    preset: literal(...CLIENT_ASSERTION_PRESET_IDS),
    clientId,
    tokenUrl: url,
    audience: optional(url),
    scopes: array(string(LIMITS.scope), LIMITS.scopes),
    apiAudience: optional(url),
    keyId: optional(clientId),
    certificate: optional(string(LIMITS.keyFile)),
    privateKey: optional(string(LIMITS.keyFile)),
    passphrase: optional(password),
    notes: optional(string(LIMITS.notes)),
  }),
  'box-jwt': object({
    id: optional(id),
    kind: literal('box-jwt'),
    label: string(LIMITS.name),
    configFile: optional(string(LIMITS.keyFile)),
    subjectType: literal('enterprise', 'user'),
    subject: optional(clientId),
    tokenUrl: url,
    notes: optional(string(LIMITS.notes)),
  }),
  'docusign-jwt': object({
    id: optional(id),
    kind: literal('docusign-jwt'),
    label: string(LIMITS.name),
    integrationKey: clientId,
    userId: clientId,
    accountServer: url,
    scopes: array(string(LIMITS.scope), LIMITS.scopes),
    redirectUri: url,
    privateKey: optional(string(LIMITS.keyFile)),
    passphrase: optional(password),
    notes: optional(string(LIMITS.notes)),
  }),
  'client-secret': object({
    id: optional(id),
    kind: literal('client-secret'),
    label: string(LIMITS.name),
    preset: literal(...CLIENT_SECRET_PRESET_IDS),
    clientId,
    clientSecret: optional(string(LIMITS.clientSecret)),
    tokenUrl: url,
    accountId: optional(clientId),
    scopes: array(string(LIMITS.scope), LIMITS.scopes),
    notes: optional(string(LIMITS.notes)),
  }),
});

/** A credential of any kind; one sent without a kind is a RingCentral JWT (as before kinds). */
const credentialInput: Validator<CredentialInput> = (value, path) => {
  const untyped = typeof value === 'object' && value !== null && !('kind' in value);
  return credentialKinds(untyped ? { ...value, kind: 'ringcentral-jwt' } : value, path);
};

/** One payload validator per request type; a missing one fails to compile. */
export const requestValidators = {
  'vault.status': empty,
  'vault.create': object({ password, kdf }),
  'vault.unlock': object({ password }),
  'vault.unlockWithPasskey': passkeyAnswer,
  'vault.lock': empty,
  'vault.checkPassword': object({ password }),
  'vault.changePassword': object({ oldPassword: password, newPassword: password, kdf }),
  'apps.list': empty,
  'apps.save': object({
    app: object({
      id: optional(id),
      name: string(LIMITS.name),
      clientId,
      clientSecret: optional(nullable(string(LIMITS.clientSecret))),
      serverUrl: url,
      tokenPath: optional(string(LIMITS.path)),
      revokePath: optional(string(LIMITS.path)),
    }),
    ...proof,
  }),
  'apps.delete': object({ id }),
  'apps.secret': object({ id, ...proof }),
  'credentials.list': empty,
  'credentials.save': object({
    credential: credentialInput,
  }),
  'credentials.delete': object({ id }),
  'connections.list': empty,
  'connections.save': object({
    connection: object({
      id: optional(id),
      credentialId: id,
      appId: optional(id),
      apiBaseUrl: url,
      toolOrigins: array(url, LIMITS.toolOrigins),
      enabled: boolean,
    }),
    ...proof,
  }),
  'connections.delete': object({ id }),
  'connections.status': empty,
  'connections.overview': empty,
  'connections.refresh': object({ id }),
  // A path under the API base URL: it cannot be longer than a URL the vault accepts.
  'connections.test': object({ id, path: optional(url) }),
  'connections.token': object({ id }),
  'passkeys.list': empty,
  'passkeys.challenges': empty,
  'passkeys.enrol': object({
    credentialId,
    name: string(LIMITS.name),
    prfSalt: prfBytes,
    prfOutput: prfBytes,
    password,
  }),
  'passkeys.remove': object({ credentialId, ...proof }),
  'activity.list': object({ connectionId: optional(id), after: optional(integer) }),
  'activity.older': object({ before: integer, limit: optional(integer) }),
  'exports.recipients': object({ credentialId: id }),
  'exports.create': object({
    credentialId: id,
    recipientClientId: clientId,
    protection: oneOf({
      'public-key': object({ kind: literal('public-key'), jwk: string(LIMITS.recipientKey) }),
      passphrase: object({ kind: literal('passphrase') }),
    }),
    validitySeconds: optional(integer),
    ...proof,
  }),
  'exports.list': empty,
  'backup.create': object({ backupPassword: password, kdf, ...proof }),
  'backup.preview': object({ content: string(MAX_BACKUP_CHARS), password }),
  'backup.restore': object({
    content: string(MAX_BACKUP_CHARS),
    password,
    onConflict: literal('keep', 'replace'),
    masterPassword: optional(password),
    passkey: optional(passkeyAnswer),
  }),
  'settings.get': empty,
  'settings.save': object({
    settings: object({
      autoLockMinutes: optional(integer),
      lockOnSystemLock: optional(boolean),
      revokeOnLock: optional(boolean),
      confirmGraceMinutes: optional(integer),
      activityLog: optional(literal(...ACTIVITY_LOG_MODES)),
      activityKeepDays: optional(integer),
    }),
  }),
} satisfies { [K in RequestType]: Validator<RequestOf<K>> };

export const REQUEST_TYPES = Object.keys(requestValidators) as RequestType[];

export function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && Object.hasOwn(requestValidators, value);
}
