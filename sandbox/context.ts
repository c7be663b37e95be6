// Options, settings and the shared runtime context every endpoint module receives.

import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from './clock';
import { type ErrorCodes, resolveErrorCodes } from './errors';
import { createSigningKey, type SigningKey, signCredential } from './keys';
import { resetProviderStates } from './provider-state';
import { authGroup, createRateLimiter, type RateLimiter, type RateLimitSettings } from './rate-limit';
import { createRequestLog, type RequestLog } from './request-log';
import { defaultSeed } from './seed';
import { type Credential, createStore, type Restriction, type SandboxSeed, type Store } from './state';

/** Seconds. Each is both the default and the longest lifetime granted; requests are clamped to it. */
export interface TtlSettings {
  accessToken: number;
  refreshToken: number;
}

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: SandboxSeed;
  ttl?: Partial<TtlSettings>;
  /** Allows lifetimes below RingCentral's 600 s floor, down to 1 s. */
  testMode?: boolean;
  clock?: Clock;
  /** Random by default. */
  adminToken?: string;
  /** The Auth group (5 per 60 s, 60 s penalty) by default; false switches it off. */
  rateLimit?: Partial<RateLimitSettings> | false;
  /** Override any errorCode, e.g. the ones the protocol leaves to a choice. */
  errorCodes?: Partial<ErrorCodes>;
  /** Default 10. */
  refreshGraceSeconds?: number;
  /** Per user and app; default 5. */
  maxSessions?: number;
  /** Default 64 KiB. */
  maxBodyBytes?: number;
  /** Share one key between sandboxes to skip key generation (tests). */
  signingKey?: SigningKey;
}

export interface Faults {
  remaining: number;
  /**
   * 401: the API refuses every token it is shown (as if each were revoked at once); 429: too many
   * requests. Both in the shape of the provider whose path it is.
   */
  status: 401 | 429 | 500 | 503;
  retryAfterSeconds: number | null;
  /** Only requests whose path starts with this fail; null: every non-admin request. */
  pathPrefix: string | null;
}

export interface IssueCredentialInput {
  userId: number;
  label?: string;
  restriction?: Restriction;
  /** Epoch ms, or null (default) for no expiry. */
  expiresAt?: number | null;
}

export interface SandboxContext {
  store: Store;
  key: SigningKey;
  codes: ErrorCodes;
  limiter: RateLimiter;
  log: RequestLog;
  adminToken: string;
  testMode: boolean;
  /** Known once the server listens; the JWTs' iss and the API's uris use it. */
  baseUrl: string;
  ttl: TtlSettings;
  refreshGraceSeconds: number;
  maxSessions: number;
  maxBodyBytes: number;
  latencyMs: number;
  faults: Faults | null;
  /** Added to the injected clock by the admin "advance clock". */
  clockOffsetMs: number;
  now(): number;
  issueCredential(input: IssueCredentialInput): Promise<Credential>;
  /** Signs the seed's credentials; call once the base URL is known. */
  signSeed(): Promise<Record<string, string>>;
  /** Back to the state and settings of the start, keeping the key and the seed JWTs. */
  reset(): void;
}

export const ttlLimits = { faithfulMin: 600, testMin: 1, accessMax: 3600, refreshMax: 604800 } as const;

/** Why these TTLs are refused, or null when they are fine for this mode. */
export function ttlProblem(ttl: Partial<TtlSettings>, testMode: boolean): string | null {
  const min = testMode ? ttlLimits.testMin : ttlLimits.faithfulMin;
  const checks: [keyof TtlSettings, number][] = [
    ['accessToken', ttlLimits.accessMax],
    ['refreshToken', ttlLimits.refreshMax],
  ];
  for (const [name, max] of checks) {
    const value = ttl[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      const hint = testMode ? '' : ' (testMode allows less than 600)';
      return `ttl.${name} must be an integer from ${min} to ${max} seconds${hint}`;
    }
  }
  return null;
}

export async function createContext(options: SandboxOptions = {}): Promise<SandboxContext> {
  const testMode = options.testMode ?? false;
  const initialTtl: TtlSettings = { accessToken: 3600, refreshToken: 604800, ...options.ttl };
  const problem = ttlProblem(initialTtl, testMode);
  if (problem) throw new RangeError(problem);
  const seed = options.seed ?? defaultSeed;
  const clock = options.clock ?? systemClock;
  const key = options.signingKey ?? (await createSigningKey());
  const rateLimit = options.rateLimit === false ? false : { ...authGroup, ...options.rateLimit };
  let seedCredentials: Credential[] = [];

  const ctx: SandboxContext = {
    store: createStore(seed, []),
    key,
    codes: resolveErrorCodes(options.errorCodes),
    limiter: createRateLimiter(rateLimit),
    log: createRequestLog(),
    adminToken: options.adminToken ?? randomBytes(18).toString('base64url'),
    testMode,
    baseUrl: '',
    ttl: { ...initialTtl },
    refreshGraceSeconds: options.refreshGraceSeconds ?? 10,
    maxSessions: options.maxSessions ?? 5,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    latencyMs: 0,
    faults: null,
    clockOffsetMs: 0,
    now: () => clock.now() + ctx.clockOffsetMs,

    async issueCredential(input) {
      const id = `sbx-cred-${randomBytes(9).toString('base64url')}`;
      const credential = await makeCredential(ctx, {
        id,
        label: input.label ?? 'Issued by the admin API',
        userId: input.userId,
        restriction: input.restriction ?? { kind: 'organization' },
        expiresAt: input.expiresAt ?? null,
      });
      ctx.store.credentials.set(id, credential);
      return credential;
    },

    async signSeed() {
      const jwts: Record<string, string> = {};
      seedCredentials = [];
      for (const [handle, c] of Object.entries(seed.credentials)) {
        const expiresAt = c.expiresAt === null ? null : Date.parse(c.expiresAt);
        const credential = await makeCredential(ctx, { ...c, expiresAt });
        seedCredentials.push(credential);
        jwts[handle] = credential.jwt;
      }
      ctx.store = createStore(seed, seedCredentials);
      return jwts;
    },

    reset() {
      ctx.store = createStore(seed, seedCredentials);
      ctx.limiter.reset();
      ctx.log.clear();
      ctx.ttl = { ...initialTtl };
      ctx.latencyMs = 0;
      ctx.faults = null;
      ctx.clockOffsetMs = 0;
      resetProviderStates(ctx);
    },
  };
  return ctx;
}

async function makeCredential(
  ctx: SandboxContext,
  c: Omit<Credential, 'jwt' | 'revoked'>,
): Promise<Credential> {
  const jwt = await signCredential(ctx.key, {
    id: c.id,
    userId: c.userId,
    expiresAt: c.expiresAt,
    issuedAt: ctx.now(),
    issuer: ctx.baseUrl,
  });
  return { ...c, restriction: structuredClone(c.restriction), revoked: false, jwt };
}
