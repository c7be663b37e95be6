// Rules between records: unique labels and client IDs, connections that only pair a
// credential with an app it allows, and no deletion of what a connection uses. A credential
// or app edit may take an app away from a saved connection: the edit mirrors the Developer
// Console, so it is kept, and the connection is reported as not allowed (the worker gets it
// no token) until one side changes again. Pure functions over a decrypted snapshot. Imported
// by src/core/vault (records.ts) and the worker (auto-auth.ts).
import { CREDENTIAL_KINDS, usesApp } from '../credentials/kinds';
import { InvalidInputError, VaultError } from '../errors';
import type { AllowedApps, App, Connection, Credential } from './model';

/** What the rules read of each record: names, ids and links, never a JWT, secret or note. */
export type AppRelations = Pick<App, 'id' | 'name' | 'clientId'>;
/** `allowed` only for the kinds whose tokens come through an app. */
export type CredentialRelations = Pick<Credential, 'id' | 'label' | 'kind'> & { allowed?: AllowedApps };
export type ConnectionRelations = Pick<
  Connection,
  'id' | 'credentialId' | 'appId' | 'apiBaseUrl' | 'toolOrigins'
>;

export interface VaultSnapshot {
  apps: AppRelations[];
  credentials: CredentialRelations[];
  connections: ConnectionRelations[];
}

/** Each related kind's record reduced to what the rules read. */
export const RELATIONS = {
  apps: ({ id, name, clientId }: App): AppRelations => ({ id, name, clientId }),
  credentials: (credential: Credential): CredentialRelations => {
    const { id, label, kind } = credential;
    return 'allowed' in credential ? { id, label, kind, allowed: credential.allowed } : { id, label, kind };
  },
  connections: ({ id, credentialId, appId, apiBaseUrl, toolOrigins }: Connection): ConnectionRelations => ({
    id,
    credentialId,
    ...(appId === undefined ? {} : { appId }),
    apiBaseUrl,
    toolOrigins,
  }),
};

/** "organization" means every app registered in this vault; "specific" lists client IDs. */
export function credentialAllowsApp(credential: CredentialRelations, app: AppRelations): boolean {
  const { allowed } = credential;
  if (!allowed) return false;
  return allowed.kind === 'organization' || allowed.clientIds.includes(app.clientId);
}

/** Why a saved connection gets no token: its credential does not allow its app (any more). */
export interface NotAllowed {
  credentialLabel: string;
  appName: string;
  clientId: string;
}

/** The pair a connection names, when the credential does not allow the app; else undefined. */
export function connectionNotAllowed(
  credential: CredentialRelations,
  app: AppRelations,
): NotAllowed | undefined {
  if (credentialAllowsApp(credential, app)) return undefined;
  return { credentialLabel: credential.label, appName: app.name, clientId: app.clientId };
}

/**
 * The explanation a stopped connection shows. Labels, app names and client IDs are not
 * secrets; naming them makes the message actionable.
 */
export function notAllowedMessage({ credentialLabel, appName, clientId }: NotAllowed): string {
  return (
    `The credential "${credentialLabel}" no longer allows the app "${appName}" (client ID ${clientId}). ` +
    'Edit the credential or choose another app for this connection.'
  );
}

function notAllowed(credential: CredentialRelations, app: AppRelations): VaultError {
  return new VaultError(
    'NOT_ALLOWED',
    `The credential "${credential.label}" does not allow the app with client ID "${app.clientId}".`,
  );
}

export function checkAppPut(app: AppRelations, snapshot: VaultSnapshot): void {
  if (snapshot.apps.some((other) => other.id !== app.id && other.clientId === app.clientId)) {
    throw new VaultError('DUPLICATE', `An app with client ID "${app.clientId}" is already registered.`);
  }
  // A changed client ID may take the app out of a credential's list: allowed, see the header.
}

export function checkCredentialPut(credential: CredentialRelations, snapshot: VaultSnapshot): void {
  const label = credential.label.toLowerCase();
  if (
    snapshot.credentials.some((other) => other.id !== credential.id && other.label.toLowerCase() === label)
  ) {
    throw new VaultError('DUPLICATE', `A credential labelled "${credential.label}" already exists.`);
  }
  // A narrowed list of apps may take an app away from a connection: allowed, see the header.
}

export function checkConnectionPut(connection: ConnectionRelations, snapshot: VaultSnapshot): void {
  const credential = snapshot.credentials.find((c) => c.id === connection.credentialId);
  if (!credential) throw new VaultError('NOT_FOUND', "The connection's credential does not exist.");
  if (usesApp(credential.kind)) {
    const app = snapshot.apps.find((a) => a.id === connection.appId);
    if (!app) throw new VaultError('NOT_FOUND', "The connection's app does not exist.");
    if (!credentialAllowsApp(credential, app)) throw notAllowed(credential, app);
  } else if (connection.appId !== undefined) {
    throw new InvalidInputError(
      `A ${CREDENTIAL_KINDS[credential.kind].label} gets its tokens from its own token URL: its connections name no app.`,
    );
  }
  // Two connections for the same API and the same tool would race to set the header.
  const clash = snapshot.connections.some(
    (other) =>
      other.id !== connection.id &&
      other.apiBaseUrl === connection.apiBaseUrl &&
      other.toolOrigins.some((origin) => connection.toolOrigins.includes(origin)),
  );
  if (clash) {
    throw new VaultError(
      'DUPLICATE',
      `Another connection already injects into ${connection.apiBaseUrl} for one of these tool origins.`,
    );
  }
}

export function checkDelete(kind: 'apps' | 'credentials', id: string, snapshot: VaultSnapshot): void {
  const users = snapshot.connections.filter((c) => (kind === 'apps' ? c.appId : c.credentialId) === id);
  if (users.length > 0) {
    const what = kind === 'apps' ? 'app' : 'credential';
    throw new VaultError(
      'IN_USE',
      `This ${what} is used by ${users.length} connection(s); delete or change them first.`,
    );
  }
}
