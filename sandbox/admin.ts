// The admin surface under /__sandbox/: state, log, reset and fault injection, behind the admin token.

import { timingSafeEqual } from 'node:crypto';
import { boxDemo, setBoxAuthorized } from './box';
import {
  CLIENT_ASSERTION_PROVIDERS,
  clientAssertionDemo,
  setClientAssertionRevoked,
} from './client-assertion';
import type { SandboxContext, TtlSettings } from './context';
import { ttlProblem } from './context';
import { docusignDemo, setDocusignConsent } from './docusign';
import { errorReply } from './errors';
import { serviceAccountKeyFile } from './google';
import { header, type Reply, type SandboxRequest } from './http';
import { authGroup, type RateLimitSettings } from './rate-limit';
import type { LogEntry } from './request-log';
import { salesforceDemo, setSalesforceApproved } from './salesforce';
import { restriction, SeedError } from './seed';
import { type Credential, findByAccessToken, findByRefreshToken, type Restriction } from './state';
import { setZoomRevoked, zoomDemo } from './zoom';

export const adminPrefix = '/__sandbox/';
export const adminHeader = 'x-sandbox-admin';

/** What the admin surface may do to the listening socket. */
export interface ServerControl {
  /** Stops accepting connections at once; open ones stay until dropConnections(). */
  stopListening(): void;
  dropConnections(): void;
  /** Listens again on the same port once the last connection has gone. */
  upAfter(ms: number): void;
}

export interface CredentialView {
  id: string;
  label: string;
  userId: number;
  restriction: Restriction;
  expiresAt: string | null;
  revoked: boolean;
  jwt: string;
}

export interface SessionView {
  id: string;
  userId: number;
  clientId: string;
  credentialId: string;
  createdAt: string;
  accessExpiresAt: string;
  refreshExpiresAt: string | null;
}

export interface StateView {
  url: string;
  now: string;
  testMode: boolean;
  ttl: TtlSettings;
  rateLimit: RateLimitSettings | false;
  latencyMs: number;
  credentials: CredentialView[];
  sessions: SessionView[];
}

type Body = Record<string, unknown>;
type Handler = (ctx: SandboxContext, body: Body, control: ServerControl) => Reply | Promise<Reply>;

const ok = (body: unknown = { ok: true }): Reply => ({ status: 200, body });

const routes: Record<string, Handler> = {
  'GET state': (ctx) => ok(stateView(ctx)),
  'GET log': (ctx) => ok({ entries: ctx.log.entries() satisfies LogEntry[] }),
  'GET google/key-file': async (ctx) => ok(await serviceAccountKeyFile(ctx)),
  'GET salesforce/demo': async (ctx) => ok(await salesforceDemo(ctx)),
  'POST salesforce/approved': (ctx, body) => {
    setSalesforceApproved(ctx, bool(body, 'approved'));
    return ok();
  },
  'GET client-assertion/demo': async (ctx) => ok(await clientAssertionDemo(ctx)),
  'POST client-assertion/revoked': (ctx, body) => {
    const provider = CLIENT_ASSERTION_PROVIDERS.find((p) => p === body.provider);
    if (!provider) throw new AdminInputError(`provider: expected ${CLIENT_ASSERTION_PROVIDERS.join(', ')}`);
    setClientAssertionRevoked(ctx, provider, bool(body, 'revoked'));
    return ok();
  },
  'GET zoom/demo': (ctx) => ok(zoomDemo(ctx)),
  'POST zoom/revoked': (ctx, body) => {
    setZoomRevoked(ctx, bool(body, 'revoked'));
    return ok();
  },
  'GET box/demo': async () => ok(await boxDemo()),
  'POST box/authorized': (ctx, body) => {
    setBoxAuthorized(ctx, bool(body, 'authorized'));
    return ok();
  },
  'GET docusign/demo': async (ctx) => ok(await docusignDemo(ctx)),
  'POST docusign/consent': (ctx, body) => {
    setDocusignConsent(ctx, bool(body, 'consented'));
    return ok();
  },
  'POST log/clear': (ctx) => {
    ctx.log.clear();
    return ok();
  },
  'POST reset': (ctx) => {
    ctx.reset();
    return ok();
  },
  'POST ttl': (ctx, body) => {
    const ttl = { accessToken: optInt(body, 'accessToken'), refreshToken: optInt(body, 'refreshToken') };
    const problem = ttlProblem(ttl, ctx.testMode);
    if (problem) throw new AdminInputError(problem);
    ctx.ttl = {
      accessToken: ttl.accessToken ?? ctx.ttl.accessToken,
      refreshToken: ttl.refreshToken ?? ctx.ttl.refreshToken,
    };
    return ok({ ttl: ctx.ttl });
  },
  'POST credentials': async (ctx, body) => {
    const userId = optInt(body, 'userId');
    if (userId === undefined || !ctx.store.users.has(userId))
      throw new AdminInputError('userId: no such user');
    const label = body.label === undefined ? undefined : String(body.label);
    const expiresAt =
      body.expiresAt === undefined || body.expiresAt === null ? null : Date.parse(String(body.expiresAt));
    if (Number.isNaN(expiresAt)) throw new AdminInputError('expiresAt: expected an ISO date or null');
    let limit: Restriction | undefined;
    try {
      limit = body.restriction === undefined ? undefined : restriction(body.restriction, 'restriction');
    } catch (error) {
      if (error instanceof SeedError) throw new AdminInputError(error.message);
      throw error;
    }
    const credential = await ctx.issueCredential({ userId, label, restriction: limit, expiresAt });
    return ok(credentialView(credential));
  },
  'POST credentials/revoke': (ctx, body) => {
    credentialOf(ctx, body).revoked = true;
    return ok();
  },
  'POST credentials/expire': (ctx, body) => {
    credentialOf(ctx, body).expiresAt = ctx.now();
    return ok();
  },
  'POST credentials/delete': (ctx, body) => {
    ctx.store.credentials.delete(credentialOf(ctx, body).id);
    return ok();
  },
  'POST sessions/revoke': (ctx, body) => {
    const token = typeof body.token === 'string' ? body.token : '';
    const session =
      typeof body.sessionId === 'string'
        ? ctx.store.sessions.get(body.sessionId)
        : (findByAccessToken(ctx.store, token) ?? findByRefreshToken(ctx.store, token));
    if (!session) throw new AdminInputError('No such session');
    ctx.store.sessions.delete(session.id);
    return ok();
  },
  'POST rate-limit': (ctx, body) => {
    if (body.enabled === false) {
      ctx.limiter.configure(false);
    } else {
      const current = ctx.limiter.settings() || authGroup;
      ctx.limiter.configure({
        limit: optInt(body, 'limit') ?? current.limit,
        windowSeconds: optInt(body, 'windowSeconds') ?? current.windowSeconds,
        penaltySeconds: optInt(body, 'penaltySeconds') ?? current.penaltySeconds,
      });
    }
    return ok({ rateLimit: ctx.limiter.settings() });
  },
  'POST rate-limit/now': (ctx, body) => {
    const userId = optInt(body, 'userId');
    ctx.limiter.penalize(ctx.now(), userId === undefined ? undefined : `user:${userId}`);
    return ok();
  },
  'POST faults': (ctx, body) => {
    const count = optInt(body, 'count') ?? 1;
    const status = body.status ?? 503;
    if (status !== 401 && status !== 429 && status !== 500 && status !== 503) {
      throw new AdminInputError('status: expected 401, 429, 500 or 503');
    }
    const retryAfter = optInt(body, 'retryAfterSeconds') ?? (status === 503 || status === 429 ? 1 : null);
    const pathPrefix = typeof body.pathPrefix === 'string' ? body.pathPrefix : null;
    ctx.faults = count > 0 ? { remaining: count, status, retryAfterSeconds: retryAfter, pathPrefix } : null;
    return ok();
  },
  'POST latency': (ctx, body) => {
    ctx.latencyMs = optInt(body, 'ms') ?? 0;
    return ok();
  },
  'POST clock/advance': (ctx, body) => {
    ctx.clockOffsetMs += (optInt(body, 'seconds') ?? 0) * 1000;
    return ok({ now: new Date(ctx.now()).toISOString() });
  },
  'POST down': (_ctx, body, control) => {
    const upAfterMs = optInt(body, 'upAfterMs');
    // Stop listening before answering, so a client that has the answer finds the port refusing.
    control.stopListening();
    if (upAfterMs !== undefined) control.upAfter(upAfterMs);
    return { ...ok(), headers: { Connection: 'close' }, afterSend: () => control.dropConnections() };
  },
};

export async function adminEndpoint(
  ctx: SandboxContext,
  req: SandboxRequest,
  control: ServerControl,
): Promise<Reply> {
  const given = header(req, adminHeader);
  if (!given) return errorReply('adminTokenMissing', ctx.codes);
  if (!sameSecret(given, ctx.adminToken)) return errorReply('adminTokenWrong', ctx.codes);
  const handler = routes[`${req.method} ${req.path.slice(adminPrefix.length)}`];
  if (!handler) return errorReply('notFound', ctx.codes);
  try {
    return await handler(ctx, parseBody(req), control);
  } catch (error) {
    if (error instanceof AdminInputError) return errorReply('adminBadRequest', ctx.codes, error.message);
    throw error;
  }
}

class AdminInputError extends Error {}

function parseBody(req: SandboxRequest): Body {
  if (req.body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new AdminInputError('Body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AdminInputError('Body must be a JSON object');
  }
  return value as Body;
}

function optInt(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new AdminInputError(`${name}: expected a non-negative integer`);
  }
  return value as number;
}

function bool(body: Body, name: string): boolean {
  const value = body[name];
  if (typeof value !== 'boolean') throw new AdminInputError(`${name}: expected true or false`);
  return value;
}

function credentialOf(ctx: SandboxContext, body: Body) {
  const credential = typeof body.id === 'string' ? ctx.store.credentials.get(body.id) : undefined;
  if (!credential) throw new AdminInputError('id: no such credential');
  return credential;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const iso = (ms: number) => new Date(ms).toISOString();

function credentialView(c: Credential): CredentialView {
  return { ...c, expiresAt: c.expiresAt === null ? null : iso(c.expiresAt) };
}

function stateView(ctx: SandboxContext): StateView {
  return {
    url: ctx.baseUrl,
    now: iso(ctx.now()),
    testMode: ctx.testMode,
    ttl: ctx.ttl,
    rateLimit: ctx.limiter.settings(),
    latencyMs: ctx.latencyMs,
    credentials: [...ctx.store.credentials.values()].map(credentialView),
    sessions: [...ctx.store.sessions.values()].map((s) => ({
      id: s.id,
      userId: s.userId,
      clientId: s.clientId,
      credentialId: s.credentialId,
      createdAt: iso(s.createdAt),
      accessExpiresAt: iso(s.accessExpiresAt),
      refreshExpiresAt: s.refreshExpiresAt === null ? null : iso(s.refreshExpiresAt),
    })),
  };
}
