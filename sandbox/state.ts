// The sandbox's in-memory world: seed types, records and sessions, and the few rules on sessions.

import { randomBytes } from 'node:crypto';

export interface AccountSeed {
  id: number;
  name: string;
  /** Apps and accounts of the same organization are what an "all apps of my organization" JWT allows. */
  organization: string;
  mainNumber: string;
}

export interface UserSeed {
  /** The extension id: a number, equal to the token's owner_id. */
  id: number;
  accountId: number;
  extensionNumber: string;
  name: string;
  email: string;
}

export interface AppSeed {
  name: string;
  clientId: string;
  /** null: an app without a secret, which sends client_id in the body. */
  clientSecret: string | null;
  jwtGrant: boolean;
  refreshTokens: boolean;
  organization: string;
  scope: string[];
}

export type Restriction = { kind: 'organization' } | { kind: 'apps'; clientIds: string[] };

export interface CredentialSeed {
  /** Also the JWT's jti. */
  id: string;
  label: string;
  userId: number;
  restriction: Restriction;
  /** ISO date, or null for a credential without expiry. */
  expiresAt: string | null;
}

/** Records keyed by a handle ("demo", "alice"…) so tests can name them. */
export interface SandboxSeed {
  accounts: Record<string, AccountSeed>;
  users: Record<string, UserSeed>;
  apps: Record<string, AppSeed>;
  credentials: Record<string, CredentialSeed>;
}

export interface Credential {
  id: string;
  label: string;
  userId: number;
  restriction: Restriction;
  /** Epoch ms; null never expires. The server's record decides, so an admin "expire" works. */
  expiresAt: number | null;
  revoked: boolean;
  jwt: string;
}

export interface Session {
  id: string;
  userId: number;
  clientId: string;
  credentialId: string;
  createdAt: number;
  scope: string;
  endpointId: string;
  accessToken: string;
  accessExpiresAt: number;
  /** When the current access token was first presented to the API: it starts the refresh grace window. */
  accessFirstUsedAt: number | null;
  refreshToken: string | null;
  refreshExpiresAt: number | null;
  /** The refresh token this session was last rotated from; it replays the current tokens within grace. */
  previousRefreshToken: string | null;
}

export interface Store {
  accounts: Map<number, AccountSeed>;
  users: Map<number, UserSeed>;
  apps: Map<string, AppSeed>;
  credentials: Map<string, Credential>;
  sessions: Map<string, Session>;
}

export function createStore(seed: SandboxSeed, credentials: Credential[]): Store {
  return {
    accounts: new Map(Object.values(seed.accounts).map((a) => [a.id, a])),
    users: new Map(Object.values(seed.users).map((u) => [u.id, u])),
    apps: new Map(Object.values(seed.apps).map((a) => [a.clientId, a])),
    credentials: new Map(credentials.map((c) => [c.id, { ...c }])),
    sessions: new Map(),
  };
}

/** An opaque token; the prefix mimics RingCentral's so masked logs look familiar. */
export function newToken(): string {
  return `U1BC${randomBytes(32).toString('base64url')}`;
}

export function newId(): string {
  return randomBytes(16).toString('base64url');
}

export function findByAccessToken(store: Store, token: string): Session | undefined {
  for (const session of store.sessions.values()) if (session.accessToken === token) return session;
  return undefined;
}

export function findByRefreshToken(store: Store, token: string): Session | undefined {
  for (const session of store.sessions.values()) {
    if (session.refreshToken === token || session.previousRefreshToken === token) return session;
  }
  return undefined;
}

/** Adds a session and evicts the oldest ones of the same user and app beyond `max`. */
export function openSession(store: Store, session: Session, max: number): void {
  store.sessions.set(session.id, session);
  const siblings = [...store.sessions.values()]
    .filter((s) => s.userId === session.userId && s.clientId === session.clientId)
    .sort((a, b) => a.createdAt - b.createdAt);
  // Map order breaks creation-time ties: equal times under a stopped test clock keep insertion order.
  for (const old of siblings.slice(0, Math.max(0, siblings.length - max))) store.sessions.delete(old.id);
}

/** Whether the credential lets this app exchange it: same organization, or listed by client ID. */
export function credentialAllows(store: Store, credential: Credential, app: AppSeed): boolean {
  if (credential.restriction.kind === 'apps') return credential.restriction.clientIds.includes(app.clientId);
  const user = store.users.get(credential.userId);
  const account = user && store.accounts.get(user.accountId);
  return account?.organization === app.organization;
}
