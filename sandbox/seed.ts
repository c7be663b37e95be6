// The default world (deterministic ids, exported for tests) and the checker for `--seed FILE` JSON.

import type { AccountSeed, AppSeed, CredentialSeed, Restriction, SandboxSeed, UserSeed } from './state';

const organization = 'org-sandbox';

/**
 * One account, two users, five apps covering each client kind, three credentials covering both
 * restriction kinds. The RSA key is generated at start, so the JWTs come with the started sandbox.
 */
export const defaultSeed = {
  accounts: {
    main: { id: 208594004, name: 'Sandbox Co', organization, mainNumber: '+16505550100' },
  },
  users: {
    alice: {
      id: 208594004,
      accountId: 208594004,
      extensionNumber: '101',
      name: 'Alice Example',
      email: 'alice@sandbox.example',
    },
    bob: {
      id: 208594005,
      accountId: 208594004,
      extensionNumber: '102',
      name: 'Bob Example',
      email: 'bob@sandbox.example',
    },
  },
  apps: {
    // The demo app: Basic authentication, refresh tokens on.
    demo: {
      name: 'Vault Demo',
      clientId: 'SbxDemoClient0001aaaaA',
      clientSecret: 'SbxDemoSecret0001-keep-it-local',
      jwtGrant: true,
      refreshTokens: true,
      organization,
      scope: ['ReadAccounts', 'CallControl'],
    },
    // RingCentral's default: no refresh tokens, so clients must re-exchange the JWT.
    noRefresh: {
      name: 'No Refresh Tokens',
      clientId: 'SbxNoRefresh0002bbbbB',
      clientSecret: 'SbxNoRefreshSecret0002',
      jwtGrant: true,
      refreshTokens: false,
      organization,
      scope: ['ReadAccounts'],
    },
    // No secret: client_id travels in the body.
    public: {
      name: 'Public Client',
      clientId: 'SbxPublicClient0003ccC',
      clientSecret: null,
      jwtGrant: true,
      refreshTokens: true,
      organization,
      scope: ['ReadAccounts'],
    },
    // Another organization: "all apps of my organization" does not reach it.
    otherOrg: {
      name: 'Other Organization App',
      clientId: 'SbxOtherOrg0004ddddddD',
      clientSecret: 'SbxOtherOrgSecret0004',
      jwtGrant: true,
      refreshTokens: true,
      organization: 'org-elsewhere',
      scope: ['ReadAccounts'],
    },
    noJwtGrant: {
      name: 'Authorization Code Only',
      clientId: 'SbxNoJwtGrant0005eeeeE',
      clientSecret: 'SbxNoJwtGrantSecret0005',
      jwtGrant: false,
      refreshTokens: true,
      organization,
      scope: ['ReadAccounts'],
    },
  },
  credentials: {
    demo: {
      id: 'sbx-cred-demo-0001',
      label: 'Demo: all apps of my organization',
      userId: 208594004,
      restriction: { kind: 'organization' },
      expiresAt: null,
    },
    restricted: {
      id: 'sbx-cred-restricted-0002',
      label: 'Only the public and other-organization apps',
      userId: 208594004,
      restriction: { kind: 'apps', clientIds: ['SbxPublicClient0003ccC', 'SbxOtherOrg0004ddddddD'] },
      expiresAt: null,
    },
    bob: {
      id: 'sbx-cred-bob-0003',
      label: "Bob's: all apps of my organization",
      userId: 208594005,
      restriction: { kind: 'organization' },
      expiresAt: null,
    },
  },
} satisfies SandboxSeed;

export class SeedError extends Error {
  override name = 'SeedError';
}

/** Checks parsed seed JSON field by field; errors name the offending path. */
export function parseSeed(input: unknown): SandboxSeed {
  const root = record(input, 'seed');
  const seed: SandboxSeed = {
    accounts: mapOf(root.accounts, 'accounts', account),
    users: mapOf(root.users, 'users', user),
    apps: mapOf(root.apps, 'apps', app),
    credentials: mapOf(root.credentials, 'credentials', credential),
  };
  const accountIds = new Set(Object.values(seed.accounts).map((a) => a.id));
  for (const [key, u] of Object.entries(seed.users)) {
    if (!accountIds.has(u.accountId)) throw new SeedError(`users.${key}.accountId: no such account`);
  }
  const userIds = new Set(Object.values(seed.users).map((u) => u.id));
  for (const [key, c] of Object.entries(seed.credentials)) {
    if (!userIds.has(c.userId)) throw new SeedError(`credentials.${key}.userId: no such user`);
  }
  return seed;
}

function account(v: unknown, at: string): AccountSeed {
  const o = record(v, at);
  return {
    id: int(o.id, `${at}.id`),
    name: str(o.name, `${at}.name`),
    organization: str(o.organization, `${at}.organization`),
    mainNumber: str(o.mainNumber, `${at}.mainNumber`),
  };
}

function user(v: unknown, at: string): UserSeed {
  const o = record(v, at);
  return {
    id: int(o.id, `${at}.id`),
    accountId: int(o.accountId, `${at}.accountId`),
    extensionNumber: str(o.extensionNumber, `${at}.extensionNumber`),
    name: str(o.name, `${at}.name`),
    email: str(o.email, `${at}.email`),
  };
}

function app(v: unknown, at: string): AppSeed {
  const o = record(v, at);
  return {
    name: str(o.name, `${at}.name`),
    clientId: str(o.clientId, `${at}.clientId`),
    clientSecret: o.clientSecret === null ? null : str(o.clientSecret, `${at}.clientSecret`),
    jwtGrant: bool(o.jwtGrant, `${at}.jwtGrant`),
    refreshTokens: bool(o.refreshTokens, `${at}.refreshTokens`),
    organization: str(o.organization, `${at}.organization`),
    scope: strings(o.scope, `${at}.scope`),
  };
}

function credential(v: unknown, at: string): CredentialSeed {
  const o = record(v, at);
  const expiresAt = o.expiresAt === null ? null : str(o.expiresAt, `${at}.expiresAt`);
  if (expiresAt !== null && Number.isNaN(Date.parse(expiresAt))) {
    throw new SeedError(`${at}.expiresAt: expected an ISO date or null`);
  }
  return {
    id: str(o.id, `${at}.id`),
    label: str(o.label, `${at}.label`),
    userId: int(o.userId, `${at}.userId`),
    restriction: restriction(o.restriction, `${at}.restriction`),
    expiresAt,
  };
}

export function restriction(v: unknown, at: string): Restriction {
  const o = record(v, at);
  if (o.kind === 'organization') return { kind: 'organization' };
  if (o.kind === 'apps') return { kind: 'apps', clientIds: strings(o.clientIds, `${at}.clientIds`) };
  throw new SeedError(`${at}.kind: expected "organization" or "apps"`);
}

function mapOf<T>(v: unknown, at: string, item: (v: unknown, at: string) => T): Record<string, T> {
  const o = record(v, at);
  return Object.fromEntries(Object.entries(o).map(([key, value]) => [key, item(value, `${at}.${key}`)]));
}

function record(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new SeedError(`${at}: expected an object`);
  return v as Record<string, unknown>;
}

function str(v: unknown, at: string): string {
  if (typeof v !== 'string' || v === '') throw new SeedError(`${at}: expected a non-empty string`);
  return v;
}

function int(v: unknown, at: string): number {
  if (!Number.isSafeInteger(v) || (v as number) <= 0)
    throw new SeedError(`${at}: expected a positive integer`);
  return v as number;
}

function bool(v: unknown, at: string): boolean {
  if (typeof v !== 'boolean') throw new SeedError(`${at}: expected true or false`);
  return v;
}

function strings(v: unknown, at: string): string[] {
  if (!Array.isArray(v)) throw new SeedError(`${at}: expected an array of strings`);
  return v.map((s, i) => str(s, `${at}[${i}]`));
}
