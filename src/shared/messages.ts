// The typed message protocol between extension pages (the popup) and the service worker.
// One entry per request type: its payload and its response; the validator that checks each
// payload at the worker's boundary is in request-validators.ts, which only the worker loads.
// Imported by popup, worker and tests.
import type { ActivityEntry } from '../core/activity/entry';
import type { BackupOutput, RestorePreview, RestoreSummary } from '../core/backup';
import type { ErrorPayload } from '../core/errors';
import type { ExportProtection, ExportRecipient } from '../core/export';
import type { TokenInspection } from '../core/tokens';
import type { PasskeyView } from '../core/vault';
import type { OlderActivity } from '../core/vault/activity-history';
import type {
  AllowedApps,
  App,
  BoxJwtCredential,
  ClientAssertionCredential,
  ClientAssertionPreset,
  ClientSecretCredential,
  ClientSecretPreset,
  Connection,
  DocusignJwtCredential,
  ExportRecord,
  GoogleServiceAccountCredential,
  RingCentralJwtCredential,
  SalesforceJwtCredential,
  Settings,
} from '../core/vault/model';

export type VaultState = 'uninitialized' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Epoch ms before which an unlock attempt is refused (after repeated wrong passwords). */
  throttledUntil?: number;
  /** Epoch ms at which the vault locks itself if nothing happens. */
  autoLockAt?: number;
  /** While unlocked: the KDF preset id of the vault header, or 'custom' for other parameters. */
  kdf?: string;
  /** How many passkeys are enrolled: the unlock view and the confirmations offer them. */
  passkeys?: number;
}

export interface UnlockResult extends VaultStatus {
  /** How long key derivation took, for the popup and the benchmarks. */
  kdfMs: number;
}

/** An app as pages see it: the client secret stays in the worker. */
export type AppView = Omit<App, 'clientSecret'> & { hasSecret: boolean };

/** What the popup may show of a credential's JWT: decoded claims, never the token. */
export interface JwtSummary {
  kid?: string;
  sub?: string;
  iat?: number;
  exp?: number;
  expired: boolean;
  expiresSoon: boolean;
}

/**
 * A credential as pages see it: its kind's secrets left out (the kinds table names them), what
 * the popup shows of it added. A stored private key never leaves the worker.
 */
export type CredentialView =
  | RingCentralJwtView
  | GoogleServiceAccountView
  | SalesforceJwtView
  | ClientAssertionView
  | ClientSecretView
  | BoxJwtView
  | DocusignJwtView;
export type RingCentralJwtView = Omit<RingCentralJwtCredential, 'jwt'> & { jwtInfo: JwtSummary };
export type GoogleServiceAccountView = Omit<GoogleServiceAccountCredential, 'privateKey'>;
export type SalesforceJwtView = Omit<SalesforceJwtCredential, 'privateKey'>;
export type ClientAssertionView = Omit<ClientAssertionCredential, 'privateKey'>;
export type ClientSecretView = Omit<ClientSecretCredential, 'clientSecret'>;
export type BoxJwtView = Omit<BoxJwtCredential, 'privateKey' | 'clientSecret'>;
export type DocusignJwtView = Omit<DocusignJwtCredential, 'privateKey'>;

/** Create when `id` is absent. `clientSecret`: undefined keeps, null removes, a string sets. */
export interface AppInput {
  id?: string;
  name: string;
  clientId: string;
  clientSecret?: string | null;
  serverUrl: string;
  tokenPath?: string;
  revokePath?: string;
}

/**
 * Create when `id` is absent; a credential keeps its kind. Without a kind it is a RingCentral
 * JWT. The secret (`jwt`, `keyFile`) is required to create; on update, absent keeps it.
 */
export type CredentialInput =
  | RingCentralJwtInput
  | GoogleServiceAccountInput
  | SalesforceJwtInput
  | ClientAssertionInput
  | ClientSecretInput
  | BoxJwtInput
  | DocusignJwtInput;

export interface RingCentralJwtInput {
  id?: string;
  kind?: 'ringcentral-jwt';
  label: string;
  jwt?: string;
  allowed: AllowedApps;
  notes?: string;
}

/** `keyFile`: the JSON key file as downloaded; the worker reads it and keeps the key. */
export interface GoogleServiceAccountInput {
  id?: string;
  kind: 'google-service-account';
  label: string;
  keyFile?: string;
  scopes: string[];
  /** A user's email for domain-wide delegation; empty or absent for none. */
  subject?: string;
  notes?: string;
}

/**
 * `privateKey`: the key as pasted (PEM of any format the vault reads, or a JWK), opened with
 * `passphrase` when it is encrypted; the worker reads it and keeps it as PKCS#8.
 */
export interface SalesforceJwtInput {
  id?: string;
  kind: 'salesforce-jwt';
  label: string;
  consumerKey: string;
  username: string;
  loginUrl: string;
  privateKey?: string;
  passphrase?: string;
  notes?: string;
}

/**
 * `audience` only for the preset `other` (the others derive it from the token URL);
 * `certificate`: Entra's, as PEM, for its thumbprint — absent keeps the one stored.
 */
export interface ClientAssertionInput {
  id?: string;
  kind: 'client-assertion';
  label: string;
  preset: ClientAssertionPreset;
  clientId: string;
  tokenUrl: string;
  audience?: string;
  scopes: string[];
  apiAudience?: string;
  keyId?: string;
  certificate?: string;
  privateKey?: string;
  passphrase?: string;
  notes?: string;
}

/**
 * `configFile`: the app's config.json as downloaded, required to create; on update, absent keeps
 * the app and key. `subject`: the user ID for `user`; for `enterprise`, absent takes the file's.
 */
export interface BoxJwtInput {
  id?: string;
  kind: 'box-jwt';
  label: string;
  configFile?: string;
  subjectType: 'enterprise' | 'user';
  subject?: string;
  tokenUrl: string;
  notes?: string;
}

/** `privateKey` as for Salesforce: the integration's RSA key as pasted; on update, absent keeps it. */
export interface DocusignJwtInput {
  id?: string;
  kind: 'docusign-jwt';
  label: string;
  integrationKey: string;
  userId: string;
  accountServer: string;
  scopes: string[];
  redirectUri: string;
  privateKey?: string;
  passphrase?: string;
  notes?: string;
}

/** `clientSecret`: required to create; on update, absent keeps it. */
export interface ClientSecretInput {
  id?: string;
  kind: 'client-secret';
  label: string;
  preset: ClientSecretPreset;
  clientId: string;
  clientSecret?: string;
  tokenUrl: string;
  accountId?: string;
  scopes: string[];
  notes?: string;
}

/** `appId` only for the kinds whose tokens come through an app. */
export type ConnectionInput = Omit<Connection, 'id'> & { id?: string };

/** A connection's auto-authentication as the popup sees it: never the token itself. */
export interface ConnectionStatusView {
  connectionId: string;
  enabled: boolean;
  state: 'idle' | 'exchanging' | 'active' | 'refreshing' | 'backing-off' | 'failed' | 'locked';
  /** Increases with every new access token. */
  generation: number;
  expiresAt?: number;
  retryAt?: number;
  /** `link`: where the person fixes it, when that is one page away (DocuSign's consent). */
  lastError?: Pick<ErrorPayload, 'code' | 'message' | 'link'>;
  lastRefreshAt?: number;
  /** The API has answered a tool request that carried the current token. */
  accepted?: boolean;
  /** A rule with the current token is installed. */
  injecting: boolean;
  /** The browser has not granted host access to the API or a tool origin: not injecting. */
  permissionMissing: boolean;
  /** How many open tabs are on one of the tool origins exactly: only their requests get the header. */
  toolTabs?: number;
  /** Requests to this API from pages that are not allowed (they got no token), per origin. */
  refusedOrigins?: { origin: string; count: number }[];
  /** Host access wider than the tool origins (sub-domains, the http twin), in sentences. */
  widerAccess?: string[];
  /**
   * The credential no longer allows the connection's app (an edit narrowed it): no token is
   * requested and nothing is injected; state is 'failed' with a NOT_ALLOWED lastError.
   */
  notAllowed?: { credentialLabel: string; appName: string; clientId: string };
}

/**
 * The token inspector's view of a connection's token session: the current token's number, when
 * it came and ends, its scope, whether a refresh token backs it, this session's token requests,
 * and — when the access token is itself a JWT — its header and claims. Never the access token,
 * its signature or the refresh token.
 */
export interface TokenInspectionView extends Omit<TokenInspection, 'accessToken'> {
  jwt?: { header: Record<string, unknown>; claims: Record<string, unknown> };
}

/**
 * One connection as the home view shows it, in one reading: its settings, the names of its
 * credential and app, and its status. The home view needs nothing else, so it never waits for
 * the whole credential list.
 */
export interface ConnectionOverview {
  id: string;
  credentialId: string;
  /** Absent for a credential that carries its own token URL. */
  appId?: string;
  credentialLabel: string;
  /** The credential's own token URL, for the kinds that have one: its host needs access too. */
  tokenUrl?: string;
  /** Undefined when the app is gone (the connection then fails with NOT_FOUND). */
  app?: { name: string; clientId: string };
  apiBaseUrl: string;
  toolOrigins: string[];
  status: ConnectionStatusView;
}

export interface ConnectionsOverview {
  connections: ConnectionOverview[];
  /** How many apps and credentials the vault holds: the first-run steps need only the counts. */
  counts: { apps: number; credentials: number };
}

/** The outcome of a test request to a connection's API, made by the worker with its token. */
export interface ConnectionTestResult {
  url: string;
  /** HTTP status, or undefined when no answer came (see error). */
  status?: number;
  /** The first characters of the token sent, never the whole token. */
  tokenHint: string;
  /** A rule with this very token is installed: tool requests get the same header. */
  ruleInstalled: boolean;
  durationMs: number;
  error?: { code: ErrorPayload['code']; message: string };
}

/** A finished export: the JWE to copy or download, and the passphrase when one protects it. */
export interface ExportOutput {
  jwe: string;
  /** Shown once; the vault does not keep it. */
  passphrase?: string;
  fileName: string;
  record: ExportRecord;
}

export interface ExportInput {
  credentialId: string;
  recipientClientId: string;
  protection: ExportProtection;
  /** How long the export may be opened; 24 hours when absent. */
  validitySeconds?: number;
  /** The master password asked again before anything leaves the vault (or a passkey's answer). */
  password?: string;
  passkey?: PasskeyAnswer;
}

/** What a restore did; the worker restarts the restored connections itself. */
export type RestoreResult = Omit<RestoreSummary, 'connectionIds'>;

/** The name of the port an open page keeps to the worker to hear its state change. */
export const STATUS_PORT = 'status';

/**
 * What the worker posts on a status port: once when the page connects, then after every change
 * of the vault's state or of a connection's status. Views only: never a token or a key.
 */
export interface StatusPush {
  type: 'status';
  vault: VaultStatus;
  /** Empty while locked. */
  connections: ConnectionStatusView[];
}

/** New activity entries: the newest one's number. Pages showing the log read what is newer. */
export interface ActivityPush {
  type: 'activity';
  latest: number;
}

export function isActivityPush(value: unknown): value is ActivityPush {
  const push = value as Partial<ActivityPush> | null;
  return (
    typeof push === 'object' && push !== null && push.type === 'activity' && Number.isInteger(push.latest)
  );
}

export function isStatusPush(value: unknown): value is StatusPush {
  const push = value as Partial<StatusPush> | null;
  return (
    typeof push === 'object' &&
    push !== null &&
    push.type === 'status' &&
    typeof push.vault?.state === 'string' &&
    Array.isArray(push.connections)
  );
}

/** A passkey's credential id (base64url) and the PRF salt (base64) its authenticator evaluates. */
export interface PasskeyChallengeView {
  credentialId: string;
  prfSalt: string;
}

/** What a passkey answered for its salt: the passkey's id and its PRF output (base64). */
export interface PasskeyAnswer {
  credentialId: string;
  prfOutput: string;
}

/**
 * A fresh confirmation before a sensitive action: the master password typed again, or an
 * enrolled passkey's answer (the same proof as an unlock, checked under the same throttle).
 */
export interface Proof {
  password?: string;
  passkey?: PasskeyAnswer;
}

export type Empty = Record<string, never>;

/** Settings as a page sends them: a setting left out keeps its stored value. */
export type SettingsInput = Partial<Settings>;

/** Every request type: its payload and its response. */
export interface Api {
  'vault.status': { request: Empty; response: VaultStatus };
  'vault.create': { request: { password: string; kdf?: string }; response: VaultStatus };
  'vault.unlock': { request: { password: string }; response: UnlockResult };
  /** Unlocks with an enrolled passkey: its credential id and the PRF output (base64) over its salt. */
  'vault.unlockWithPasskey': { request: PasskeyAnswer; response: VaultStatus };
  'vault.lock': { request: Empty; response: VaultStatus };
  /**
   * Checks the master password of the open vault, under the unlock throttle, and does nothing
   * else (it starts a grace period, as any confirmation does): asked before a step that cannot be
   * taken back, such as creating a passkey on an authenticator.
   */
  'vault.checkPassword': { request: { password: string }; response: Empty };
  'vault.changePassword': {
    request: { oldPassword: string; newPassword: string; kdf?: string };
    response: Empty;
  };
  'apps.list': { request: Empty; response: AppView[] };
  /** The proof is needed when the save gives a secret a new destination. */
  'apps.save': { request: { app: AppInput } & Proof; response: AppView };
  'apps.delete': { request: { id: string }; response: Empty };
  /** The app's client secret, for Reveal and Copy in the popup; NOT_FOUND when it has none. */
  'apps.secret': { request: { id: string } & Proof; response: { clientSecret: string } };
  'credentials.list': { request: Empty; response: CredentialView[] };
  'credentials.save': { request: { credential: CredentialInput }; response: CredentialView };
  'credentials.delete': { request: { id: string }; response: Empty };
  'connections.list': { request: Empty; response: Connection[] };
  'connections.save': { request: { connection: ConnectionInput } & Proof; response: Connection };
  'connections.delete': { request: { id: string }; response: Empty };
  'connections.status': { request: Empty; response: ConnectionStatusView[] };
  'connections.overview': { request: Empty; response: ConnectionsOverview };
  'connections.refresh': { request: { id: string }; response: ConnectionStatusView[] };
  'connections.test': { request: { id: string; path?: string }; response: ConnectionTestResult };
  'connections.token': { request: { id: string }; response: TokenInspectionView };
  /**
   * The tool requests to the connections' APIs, newest first: one connection's when named, and
   * only those after entry number `after` when given (what a live view has not seen yet).
   */
  'passkeys.list': { request: Empty; response: PasskeyView[] };
  /** What the authenticator evaluates for each passkey at unlock; answered while locked (nothing secret). */
  'passkeys.challenges': { request: Empty; response: PasskeyChallengeView[] };
  /**
   * Enrols a passkey after the master password: `prfOutput` (base64) is what the authenticator
   * gave for `prfSalt` (base64, 32 random bytes the page chose).
   */
  'passkeys.enrol': {
    request: { credentialId: string; name: string; prfSalt: string; prfOutput: string; password: string };
    response: PasskeyView;
  };
  'passkeys.remove': { request: { credentialId: string } & Proof; response: Empty };
  'activity.list': { request: { connectionId?: string; after?: number }; response: ActivityEntry[] };
  /** Entries numbered below `before`, newest first: this session's, then the kept log's. */
  'activity.older': { request: { before: number; limit?: number }; response: OlderActivity };
  'exports.recipients': { request: { credentialId: string }; response: ExportRecipient[] };
  'exports.create': { request: ExportInput; response: ExportOutput };
  'exports.list': { request: Empty; response: ExportRecord[] };
  /** The proof is asked again every time; `backupPassword` protects the file. */
  'backup.create': {
    request: { backupPassword: string; kdf?: string } & Proof;
    response: BackupOutput;
  };
  'backup.preview': { request: { content: string; password: string }; response: RestorePreview };
  'backup.restore': {
    /**
     * `password` opens the backup; `masterPassword` or `passkey` confirms new destinations it
     * brings.
     */
    request: {
      content: string;
      password: string;
      onConflict: 'keep' | 'replace';
      masterPassword?: string;
      passkey?: PasskeyAnswer;
    };
    response: RestoreResult;
  };
  'settings.get': { request: Empty; response: Settings };
  'settings.save': { request: { settings: SettingsInput }; response: Settings };
}

export type RequestType = keyof Api;
export type RequestOf<K extends RequestType> = Api[K]['request'];
export type ResponseOf<K extends RequestType> = Api[K]['response'];

/** A request as sent: the discriminated union over every type. */
export type Request = { [K in RequestType]: { type: K; payload: RequestOf<K> } }[RequestType];

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
