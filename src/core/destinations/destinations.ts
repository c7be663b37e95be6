// Confirmed destinations: the places each stored secret may be sent, derived from the records,
// and what a change adds to them. Pure functions. Imported by the worker (handlers) and by
// src/core/backup (the restore preview).
//
// The model: what the saved records describe is confirmed. Every write that would add a
// (secret, destination) pair needs the master password first, so the records never describe a
// pair nobody confirmed; nothing else has to be stored, and a pair dropped (a connection
// deleted) must be confirmed again when it comes back. A pair counts as added only for a secret
// the vault already held with the same value: a secret typed (or restored) in the same change
// is the new data of the person making it, not a stored one being sent on.
import { ownTokenUrl } from '../credentials/token-urls';
import type {
  App,
  BoxJwtCredential,
  ClientAssertionCredential,
  ClientSecretCredential,
  Connection,
  DocusignJwtCredential,
  GoogleServiceAccountCredential,
  RingCentralJwtCredential,
  SalesforceJwtCredential,
} from '../vault/model';
import type { DestinationChange } from './change';

/** A stored secret, named by the record that holds it (never by its value). */
export type SecretRef =
  | { kind: 'client-secret'; appId: string }
  // A credential's JWT, or the assertions signed with its key (the key itself never leaves).
  | { kind: 'jwt'; credentialId: string }
  // The access tokens a credential's JWT or key is exchanged for, whichever app they come through.
  | { kind: 'access-token'; credentialId: string };

/**
 * One place a secret may be sent: a token or revoke URL, or an API origin — or, for an access
 * token, a tool origin whose pages get to use it (the header is added to their API requests).
 */
export interface Destination {
  secret: SecretRef;
  url: string;
}

/** What the destinations are read from: the few fields of each record that name one. */
export interface DestinationRecords {
  apps: Pick<App, 'id' | 'clientSecret' | 'serverUrl' | 'tokenPath' | 'revokePath'>[];
  credentials: DestinationCredential[];
  connections: Pick<Connection, 'id' | 'credentialId' | 'appId' | 'apiBaseUrl' | 'toolOrigins'>[];
}

/** Of a credential: its secret, and the token URL it carries when its kind has no app. */
export type DestinationCredential =
  | Pick<RingCentralJwtCredential, 'id' | 'kind' | 'jwt'>
  | Pick<GoogleServiceAccountCredential, 'id' | 'kind' | 'privateKey' | 'tokenUri'>
  | Pick<SalesforceJwtCredential, 'id' | 'kind' | 'privateKey' | 'loginUrl'>
  | Pick<ClientAssertionCredential, 'id' | 'kind' | 'privateKey' | 'tokenUrl'>
  | Pick<ClientSecretCredential, 'id' | 'kind' | 'clientSecret' | 'tokenUrl'>
  | Pick<BoxJwtCredential, 'id' | 'kind' | 'privateKey' | 'clientSecret' | 'tokenUrl'>
  | Pick<DocusignJwtCredential, 'id' | 'kind' | 'privateKey' | 'accountServer'>;

type AppDestinations = DestinationRecords['apps'][number];

function secretOf(credential: DestinationCredential): string {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return credential.jwt;
    case 'google-service-account':
    case 'salesforce-jwt':
    case 'client-assertion':
    case 'docusign-jwt':
      return credential.privateKey;
    case 'client-secret':
      return credential.clientSecret;
    // Both go to the token URL together: either changed is a new secret.
    case 'box-jwt':
      return `${credential.privateKey}\n${credential.clientSecret}`;
  }
}

/** Where a credential's JWT or assertions go for a connection: its app's URLs, or its own. */
function assertionUrls(
  credential: DestinationCredential | undefined,
  app: AppDestinations | undefined,
): string[] {
  const own = credential && ownTokenUrl(credential);
  if (own) return [own];
  return app ? appUrls(app) : [];
}

/** The app's token and revoke URLs, where its client secret and the JWTs used through it go. */
export function appUrls(app: Pick<App, 'serverUrl' | 'tokenPath' | 'revokePath'>): string[] {
  return [new URL(app.tokenPath, app.serverUrl).href, new URL(app.revokePath, app.serverUrl).href];
}

/** A connection's API origin: the token goes to every path there, so the origin is the place. */
export function apiOrigin(apiBaseUrl: string): string {
  return new URL(apiBaseUrl).origin;
}

function secretKey(secret: SecretRef): string {
  return secret.kind === 'client-secret'
    ? `${secret.kind}:${secret.appId}`
    : `${secret.kind}:${secret.credentialId}`;
}

function pairKey({ secret, url }: Destination): string {
  return `${secretKey(secret)} ${url}`;
}

/**
 * Every (secret, destination) pair the records describe. Refresh and revoke requests carry a
 * connection's tokens to its app's token and revoke URLs, the places its JWT already goes, so
 * those need no pairs of their own. Connections count whether enabled or not, and whether or not
 * their credential still allows their app: enabling one, or widening a credential, then sends
 * nothing to a place not confirmed when the connection was saved.
 */
export function destinationsOf(records: DestinationRecords): Destination[] {
  const pairs: Destination[] = [];
  const apps = new Map<string, AppDestinations>(records.apps.map((app) => [app.id, app]));
  const credentials = new Map(records.credentials.map((credential) => [credential.id, credential]));
  for (const app of records.apps) {
    if (!app.clientSecret) continue;
    for (const url of appUrls(app)) pairs.push({ secret: { kind: 'client-secret', appId: app.id }, url });
  }
  for (const connection of records.connections) {
    const app = connection.appId === undefined ? undefined : apps.get(connection.appId);
    for (const url of assertionUrls(credentials.get(connection.credentialId), app)) {
      pairs.push({ secret: { kind: 'jwt', credentialId: connection.credentialId }, url });
    }
    const token = { kind: 'access-token', credentialId: connection.credentialId } as const;
    pairs.push({ secret: token, url: apiOrigin(connection.apiBaseUrl) });
    // A page on a new tool origin could call the API with the token: as good as sending it there.
    for (const origin of connection.toolOrigins) pairs.push({ secret: token, url: origin });
  }
  return pairs;
}

/** Each stored secret's value, by secret; an access token stands for the JWT it comes from. */
function storedValues(records: DestinationRecords): Map<string, string> {
  const values = new Map<string, string>();
  for (const app of records.apps) {
    if (app.clientSecret) values.set(secretKey({ kind: 'client-secret', appId: app.id }), app.clientSecret);
  }
  for (const credential of records.credentials) {
    const secret = secretOf(credential);
    values.set(secretKey({ kind: 'jwt', credentialId: credential.id }), secret);
    values.set(secretKey({ kind: 'access-token', credentialId: credential.id }), secret);
  }
  return values;
}

/**
 * The pairs `after` describes and `before` does not, for secrets `before` already held with the
 * same value: what a change from `before` to `after` would send somewhere not yet confirmed.
 * Each pair once, in the order `after` lists them.
 */
export function addedDestinations(before: DestinationRecords, after: DestinationRecords): Destination[] {
  const confirmed = new Set(destinationsOf(before).map(pairKey));
  const beforeValues = storedValues(before);
  const afterValues = storedValues(after);
  const added = new Map<string, Destination>();
  for (const pair of destinationsOf(after)) {
    const key = pairKey(pair);
    if (confirmed.has(key) || added.has(key)) continue;
    const secret = secretKey(pair.secret);
    const held = beforeValues.get(secret);
    if (held !== undefined && held === afterValues.get(secret)) added.set(key, pair);
  }
  return [...added.values()];
}

/** Where an app's secrets would go instead if `next` replaced `current`. */
export function appDestinationChanges(
  current: Pick<App, 'serverUrl' | 'tokenPath' | 'revokePath'>,
  next: Pick<App, 'serverUrl' | 'tokenPath' | 'revokePath'>,
): DestinationChange[] {
  const changes: DestinationChange[] = [];
  if (current.serverUrl !== next.serverUrl) {
    changes.push({ field: 'server', from: current.serverUrl, to: next.serverUrl });
  }
  if (current.tokenPath !== next.tokenPath) {
    changes.push({ field: 'token path', from: current.tokenPath, to: next.tokenPath });
  }
  if (current.revokePath !== next.revokePath) {
    changes.push({ field: 'revoke path', from: current.revokePath, to: next.revokePath });
  }
  return changes;
}

/** Where a connection's token would go, or be used from, instead: only new origins are new places. */
export function connectionDestinationChanges(
  current: Pick<Connection, 'apiBaseUrl' | 'toolOrigins'>,
  next: Pick<Connection, 'apiBaseUrl' | 'toolOrigins'>,
): DestinationChange[] {
  const changes: DestinationChange[] = [];
  if (apiOrigin(current.apiBaseUrl) !== apiOrigin(next.apiBaseUrl)) {
    changes.push({ field: 'API', from: current.apiBaseUrl, to: next.apiBaseUrl });
  }
  if (next.toolOrigins.some((origin) => !current.toolOrigins.includes(origin))) {
    changes.push({
      field: 'tool origins',
      from: current.toolOrigins.join(', '),
      to: next.toolOrigins.join(', '),
    });
  }
  return changes;
}

/** The new places, for the prompt: each origin once, in order (URLs are not secret). */
export function newPlacesText(pairs: Destination[]): string {
  const origins = [...new Set(pairs.map((pair) => new URL(pair.url).origin))];
  return `This would send stored secrets to ${origins.join(', ')}, or let pages there use them, where they have not gone before.`;
}
