// Rules between records: unique labels and client IDs, connections that only pair a
// credential with an app it allows, and no deletion of what a connection uses. Pure functions
// over a decrypted snapshot. Imported by src/core/vault (records.ts).
import { VaultError } from '../../shared/errors';
import type { App, Connection, Credential } from './model';

export interface VaultSnapshot {
  apps: App[];
  credentials: Credential[];
  connections: Connection[];
}

/** "organization" means every app registered in this vault; "specific" lists client IDs. */
export function credentialAllowsApp(credential: Credential, app: App): boolean {
  return credential.allowed.kind === 'organization' || credential.allowed.clientIds.includes(app.clientId);
}

// Labels and client IDs are not secrets; naming them makes the error actionable.
function notAllowed(credential: Credential, app: App): VaultError {
  return new VaultError(
    'NOT_ALLOWED',
    `The credential "${credential.label}" does not allow the app with client ID "${app.clientId}".`,
  );
}

/** Every connection must still pair an existing credential with an app it allows. */
function assertConnectionsStillAllowed(snapshot: VaultSnapshot): void {
  for (const connection of snapshot.connections) {
    const credential = snapshot.credentials.find((c) => c.id === connection.credentialId);
    const app = snapshot.apps.find((a) => a.id === connection.appId);
    if (credential && app && !credentialAllowsApp(credential, app)) throw notAllowed(credential, app);
  }
}

function replace<T extends { id: string }>(list: T[], record: T): T[] {
  return [...list.filter((item) => item.id !== record.id), record];
}

export function checkAppPut(app: App, snapshot: VaultSnapshot): void {
  if (snapshot.apps.some((other) => other.id !== app.id && other.clientId === app.clientId)) {
    throw new VaultError('DUPLICATE', `An app with client ID "${app.clientId}" is already registered.`);
  }
  // A changed client ID can take an app out of a credential's list.
  assertConnectionsStillAllowed({ ...snapshot, apps: replace(snapshot.apps, app) });
}

export function checkCredentialPut(credential: Credential, snapshot: VaultSnapshot): void {
  const label = credential.label.toLowerCase();
  if (
    snapshot.credentials.some((other) => other.id !== credential.id && other.label.toLowerCase() === label)
  ) {
    throw new VaultError('DUPLICATE', `A credential labelled "${credential.label}" already exists.`);
  }
  // A narrowed list of apps can take away an app a connection uses.
  assertConnectionsStillAllowed({ ...snapshot, credentials: replace(snapshot.credentials, credential) });
}

export function checkConnectionPut(connection: Connection, snapshot: VaultSnapshot): void {
  const credential = snapshot.credentials.find((c) => c.id === connection.credentialId);
  if (!credential) throw new VaultError('NOT_FOUND', "The connection's credential does not exist.");
  const app = snapshot.apps.find((a) => a.id === connection.appId);
  if (!app) throw new VaultError('NOT_FOUND', "The connection's app does not exist.");
  if (!credentialAllowsApp(credential, app)) throw notAllowed(credential, app);
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
