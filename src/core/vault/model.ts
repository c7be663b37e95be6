// The vault's record types (DESIGN.md §3). Pure data: what is sealed in IndexedDB and what the
// popup edits. Imported by core, worker and popup.
import { ACTIVITY_KEEP_DAYS, type ActivityLogMode, DEFAULT_ACTIVITY_LOG_MODE } from '../activity/keeping';
import { CONFIRM_GRACE_MINUTES } from '../destinations/grace';

export const DEFAULT_SERVER_URL = 'https://platform.ringcentral.com';
/** RingCentral's former sandbox, retired in 2025: users who enter it are warned. */
export const RETIRED_SANDBOX_URL = 'https://platform.devtest.ringcentral.com';
export const DEFAULT_TOKEN_PATH = '/restapi/oauth/token';
export const DEFAULT_REVOKE_PATH = '/restapi/oauth/revoke';

/** A registered OAuth client. Without a secret, `client_id` goes in the request body. */
export interface App {
  id: string;
  name: string;
  clientId: string;
  clientSecret?: string;
  serverUrl: string;
  tokenPath: string;
  revokePath: string;
}

/** Which apps may use a credential, mirroring the two choices of the Developer Console. */
export type AllowedApps = { kind: 'organization' } | { kind: 'specific'; clientIds: string[] };

/** What every kind of credential has: a name and notes. */
export interface CredentialBase {
  id: string;
  label: string;
  notes: string;
}

/**
 * A RingCentral personal JWT, sent to the token endpoint as it is, through one of the apps it
 * allows. Decoded only for display.
 */
export interface RingCentralJwtCredential extends CredentialBase {
  kind: 'ringcentral-jwt';
  allowed: AllowedApps;
  jwt: string;
}

/** A private key the vault signs assertions with, and what the popup shows of it. */
export interface SigningKeyFields {
  /** The key as PKCS#8 PEM, read and checked when saved: the secret. */
  privateKey: string;
  /** What the popup shows of the key: `RSA 2048-bit` and its RFC 7638 thumbprint. */
  keyDescription: string;
  keyThumbprint: string;
}

/**
 * A Google service account, from its JSON key file: the vault signs each assertion with its key
 * and sends it to the token URL the file names. No app: the account is its own client.
 */
export interface GoogleServiceAccountCredential extends CredentialBase, SigningKeyFields {
  kind: 'google-service-account';
  clientEmail: string;
  /** The key file's `private_key_id`: the `kid` of every assertion. */
  privateKeyId: string;
  tokenUri: string;
  projectId?: string;
  /** What the tokens may do, e.g. `https://www.googleapis.com/auth/cloud-platform`. */
  scopes: string[];
  /** A user's email, to act as that user (domain-wide delegation). */
  subject?: string;
}

/**
 * A Salesforce connected app's JWT bearer flow: the vault signs, with the key whose certificate
 * was uploaded to the app, an assertion naming the app (consumer key) and the user, and posts it
 * to the login URL's token endpoint. No app in the vault: the consumer key is in the assertion.
 */
export interface SalesforceJwtCredential extends CredentialBase, SigningKeyFields {
  kind: 'salesforce-jwt';
  consumerKey: string;
  username: string;
  /**
   * `https://login.salesforce.com`, `https://test.salesforce.com` (sandboxes) or the org's My
   * Domain: the token endpoint's base and the assertion's audience.
   */
  loginUrl: string;
}

/** The authorization servers whose `private_key_jwt` rules the vault knows; `other` follows RFC 7523 only. */
export type ClientAssertionPreset = 'okta' | 'auth0' | 'entra' | 'other';

/**
 * An OAuth client that authenticates with a signed JWT (`private_key_jwt`, RFC 7523 §2.2) in the
 * client credentials grant: Okta, Auth0, Microsoft Entra or another server. The client ID is the
 * assertion's issuer and subject; the token comes for the client itself, not a user.
 */
export interface ClientAssertionCredential extends CredentialBase, SigningKeyFields {
  kind: 'client-assertion';
  preset: ClientAssertionPreset;
  clientId: string;
  tokenUrl: string;
  /** The assertion's `aud`: the token URL, or Auth0's tenant URL with its trailing slash. */
  audience: string;
  /** Asked for in the request (`scope`); Auth0 names its API in `apiAudience` instead. */
  scopes: string[];
  /** Auth0's `audience` parameter: the identifier of the API the token is for. */
  apiAudience?: string;
  /** The `kid` the server knows the key by, when it asks for one. */
  keyId?: string;
  /** Entra's `x5t#S256`: the SHA-256 thumbprint of the certificate uploaded to the app. */
  certificateThumbprint?: string;
}

/**
 * A Box app with JWT server authentication, from the `config.json` its developer console
 * downloads: the vault signs each assertion with the app's key (decrypted on save with the
 * file's passphrase, which is not kept) and sends it with the app's client ID and secret.
 */
export interface BoxJwtCredential extends CredentialBase, SigningKeyFields {
  kind: 'box-jwt';
  clientId: string;
  /** The app's client secret: sent with every token request. A secret. */
  clientSecret: string;
  /** The `kid` of every assertion: the ID Box gave the app's public key. */
  publicKeyId: string;
  enterpriseId?: string;
  /** Whom the tokens act as: the enterprise's service account, or one (app) user. */
  subjectType: 'enterprise' | 'user';
  /** The enterprise ID or the user ID. */
  subject: string;
  tokenUrl: string;
}

/**
 * A DocuSign integration's JWT grant: the vault signs, with one of the integration's RSA keys, an
 * assertion naming the integration and the user to act as, for the account server (developer or
 * production). The user consents once, on a page the vault links to when DocuSign asks.
 */
export interface DocusignJwtCredential extends CredentialBase, SigningKeyFields {
  kind: 'docusign-jwt';
  /** The integration key (the client ID). */
  integrationKey: string;
  /** The user's API Username, a GUID: the assertion's `sub`. */
  userId: string;
  /** `https://account-d.docusign.com` (developer) or `https://account.docusign.com`. */
  accountServer: string;
  /** `signature impersonation`, and any others the integration asks for. */
  scopes: string[];
  /** One of the integration's redirect URIs: where the consent page sends the browser back. */
  redirectUri: string;
}

/** The servers whose client-credentials-with-a-secret rules the vault knows; `other` follows RFC 6749 only. */
export type ClientSecretPreset = 'zoom' | 'other';

/**
 * An OAuth client that authenticates with its secret (HTTP Basic) in a client credentials grant:
 * Zoom's server-to-server apps (`account_credentials` for one account), or another server's
 * `client_credentials`. No JWT is signed; the secret goes to the token URL only.
 */
export interface ClientSecretCredential extends CredentialBase {
  kind: 'client-secret';
  preset: ClientSecretPreset;
  clientId: string;
  /** The secret. */
  clientSecret: string;
  tokenUrl: string;
  /** Zoom's `account_id`: the account the app acts for. */
  accountId?: string;
  scopes: string[];
}

/**
 * A credential, by kind. What each kind is called and which of its fields are secret is said once,
 * in src/core/credentials/kinds.ts; code that handles a kind switches on `kind`, so a new kind is
 * a compile error wherever it is not handled.
 */
export type Credential =
  | RingCentralJwtCredential
  | GoogleServiceAccountCredential
  | SalesforceJwtCredential
  | ClientAssertionCredential
  | ClientSecretCredential
  | BoxJwtCredential
  | DocusignJwtCredential;
export type CredentialKind = Credential['kind'];

/**
 * An auto-auth rule: inject this credential's token into this API. The token comes through the
 * app named for kinds that need one (RingCentral); kinds that carry their own token URL name none.
 */
export interface Connection {
  id: string;
  credentialId: string;
  appId?: string;
  /** Scheme, host, port and path prefix, e.g. `https://platform.ringcentral.com/restapi/`. */
  apiBaseUrl: string;
  /** Origins of the tools allowed to receive the header, e.g. `http://localhost:3000`. */
  toolOrigins: string[];
  enabled: boolean;
}

export interface Settings {
  /** Lock after this many minutes without use of the popup. */
  autoLockMinutes: number;
  lockOnSystemLock: boolean;
  revokeOnLock: boolean;
  /**
   * For how many minutes one master-password confirmation covers further sensitive actions
   * (reveal, copy, a new destination for a secret); 0 asks every time. Vaults and backups from
   * before this setting read as the default.
   */
  confirmGraceMinutes: number;
  /**
   * Whether the tools' requests are logged, and where (src/core/activity/keeping.ts). Vaults and
   * backups from before this setting read as the defaults.
   */
  activityLog: ActivityLogMode;
  /** For how many days a kept log (`activityLog: 'kept'`) keeps an entry. */
  activityKeepDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  lockOnSystemLock: true,
  revokeOnLock: true,
  confirmGraceMinutes: CONFIRM_GRACE_MINUTES.default,
  activityLog: DEFAULT_ACTIVITY_LOG_MODE,
  activityKeepDays: ACTIVITY_KEEP_DAYS.default,
};

/**
 * What the vault remembers of a trusted-app export: when, which credential, to which app and
 * key. Never the JWT, the key or the passphrase. The id is the export's `jti`.
 */
export interface ExportRecord {
  id: string;
  at: number;
  credentialId: string;
  credentialLabel: string;
  recipientClientId: string;
  protection: 'ec-public-key' | 'rsa-public-key' | 'passphrase';
  keyThumbprint?: string;
  expiresAt: number;
}

/** The kinds of sealed record; each is its own object store and part of the associated data. */
export const RECORD_KINDS = ['apps', 'credentials', 'connections', 'settings', 'exports'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordTypes {
  apps: App;
  credentials: Credential;
  connections: Connection;
  settings: Settings & { id: 'settings' };
  exports: ExportRecord;
}
