// The sandbox's public entry: startSandbox() for tests and scripts, plus the types and seed they use.

import { type AdminClient, createAdminClient } from './admin-client';
import { createContext, type SandboxOptions } from './context';
import { defaultSeed } from './seed';
import { createSandboxServer } from './server';
import type { SandboxSeed } from './state';

export type { StateView } from './admin';
export { type AdminClient, type IssuedCredential, SandboxAdminError } from './admin-client';
export { BOX_APP_USER_ID, type BoxConfig } from './box';
export {
  AUTH0_API_IDENTIFIER,
  type ClientAssertionDemo,
  type ClientAssertionProvider,
  ENTRA_TENANT_ID,
} from './client-assertion';
export { type Clock, createManualClock, type ManualClock } from './clock';
export type { SandboxOptions, TtlSettings } from './context';
export type { DocusignDemo } from './docusign';
export { type ErrorCodes, type ErrorKey, errorCatalog } from './errors';
export { createSigningKey, type SigningKey } from './keys';
export type { RateLimitSettings } from './rate-limit';
export type { LogEntry } from './request-log';
export type { SalesforceDemo } from './salesforce';
export { defaultSeed, parseSeed, SeedError } from './seed';
export type { AppSeed, CredentialSeed, Restriction, SandboxSeed, UserSeed } from './state';
export type { ZoomDemo } from './zoom';

export interface Sandbox<S extends SandboxSeed = typeof defaultSeed> {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  admin: AdminClient;
  adminToken: string;
  seed: S;
  /** The seed's JWTs by credential handle (e.g. jwts.demo); signed at start, unchanged by reset. */
  jwts: Record<keyof S['credentials'], string>;
  /** Connection refused until up(); state and port are kept. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSandbox<S extends SandboxSeed = typeof defaultSeed>(
  options: SandboxOptions & { seed?: S } = {},
): Promise<Sandbox<S>> {
  const seed = (options.seed ?? defaultSeed) as S;
  const ctx = await createContext({ ...options, seed });
  const server = createSandboxServer(ctx);
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  ctx.baseUrl = url;
  const jwts = (await ctx.signSeed()) as Record<keyof S['credentials'], string>;
  return {
    url,
    admin: createAdminClient(url, ctx.adminToken, server),
    adminToken: ctx.adminToken,
    seed,
    jwts,
    down: () => server.down(),
    up: () => server.up(),
    close: () => server.close(),
  };
}
