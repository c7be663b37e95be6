// POST /restapi/oauth/token and /restapi/oauth/revoke: client authentication, the jwt-bearer and
// refresh_token grants, session rotation and the Auth rate-limit group, all in this one file.

import { decodeJwt } from 'jose';
import { type SandboxContext, ttlLimits } from './context';
import { type ErrorKey, errorReply } from './errors';
import { parseForm } from './form';
import { authorization, mediaType, type Reply, type SandboxRequest } from './http';
import { checkAssertion } from './keys';
import {
  type AppSeed,
  credentialAllows,
  findByAccessToken,
  findByRefreshToken,
  newId,
  newToken,
  openSession,
  type Session,
} from './state';

export const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

type Params = Map<string, string>;

const assertionErrors = {
  malformed: 'assertionInvalid',
  algorithm: 'assertionAlgorithm',
  expired: 'credentialExpired',
} as const satisfies Record<string, ErrorKey>;

export async function tokenEndpoint(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  const form = readForm(ctx, req);
  if (!(form instanceof Map)) return noStore(form, {});
  const log = { grantType: form.get('grant_type'), clientId: claimedClient(req, form).clientId };
  const verdict = ctx.limiter.hit(rateKey(ctx, req, form), ctx.now());
  if (!verdict.allowed) return noStore(rateLimited(ctx, verdict.retryAfter!), verdict.headers, log);
  return noStore(await grant(ctx, req, form), verdict.headers, log);
}

/** Always 200 for any token, known or not (RFC 7009); a known one ends its whole session. */
export function revokeEndpoint(ctx: SandboxContext, req: SandboxRequest): Reply {
  const form = readForm(ctx, req);
  if (!(form instanceof Map)) return noStore(form, {});
  const log = { clientId: claimedClient(req, form).clientId };
  const verdict = ctx.limiter.hit(rateKey(ctx, req, form), ctx.now());
  if (!verdict.allowed) return noStore(rateLimited(ctx, verdict.retryAfter!), verdict.headers, log);
  const app = authenticateClient(ctx, req, form);
  if (!('clientId' in app)) return noStore(app, verdict.headers, log);
  const token = form.get('token') ?? '';
  const session = findByAccessToken(ctx.store, token) ?? findByRefreshToken(ctx.store, token);
  // Another client's token is treated as unknown: it stays alive and the answer is the same.
  if (session?.clientId === app.clientId) ctx.store.sessions.delete(session.id);
  return noStore({ status: 200 }, verdict.headers, log);
}

async function grant(ctx: SandboxContext, req: SandboxRequest, form: Params): Promise<Reply> {
  const app = authenticateClient(ctx, req, form);
  if (!('clientId' in app)) return app;
  const grantType = form.get('grant_type');
  if (grantType === jwtBearer) return jwtGrant(ctx, app, form);
  if (grantType === 'refresh_token') return refreshGrant(ctx, app, form);
  return fail(ctx, 'unsupportedGrant', grantType ? `Unsupported grant type: ${grantType}` : undefined);
}

async function jwtGrant(ctx: SandboxContext, app: AppSeed, form: Params): Promise<Reply> {
  if (!app.jwtGrant) return fail(ctx, 'grantNotAllowed');
  const assertion = form.get('assertion');
  if (!assertion) return fail(ctx, 'invalidRequest', 'Parameter [assertion] is missing');
  // One instant for the whole grant, so a fresh token's expires_in is exactly its lifetime.
  const now = ctx.now();
  const check = await checkAssertion(ctx.key, assertion, now);
  if (!check.ok) return fail(ctx, assertionErrors[check.problem]);
  // The JWT only says who; the server's record says whether it still counts and for which apps.
  const credential = ctx.store.credentials.get(check.jti);
  if (!credential || credential.revoked || String(credential.userId) !== check.sub) {
    return fail(ctx, 'credentialRevoked');
  }
  if (credential.expiresAt !== null && credential.expiresAt <= now) return fail(ctx, 'credentialExpired');
  if (!credentialAllows(ctx.store, credential, app)) return fail(ctx, 'credentialNotAllowed');
  const ttl = requestedTtls(ctx, form);
  if ('status' in ttl) return ttl;

  const session: Session = {
    id: newId(),
    userId: credential.userId,
    clientId: app.clientId,
    credentialId: credential.id,
    createdAt: now,
    scope: grantedScope(app, form.get('scope')),
    endpointId: form.get('endpoint_id') || newId().slice(0, 22),
    accessToken: newToken(),
    accessExpiresAt: now + ttl.access * 1000,
    accessFirstUsedAt: null,
    refreshToken: app.refreshTokens ? newToken() : null,
    refreshExpiresAt: app.refreshTokens ? now + ttl.refresh * 1000 : null,
    previousRefreshToken: null,
  };
  openSession(ctx.store, session, ctx.maxSessions);
  return tokenResponse(session, now);
}

function refreshGrant(ctx: SandboxContext, app: AppSeed, form: Params): Reply {
  const token = form.get('refresh_token');
  if (!token) return fail(ctx, 'invalidRequest', 'Parameter [refresh_token] is missing');
  const session = findByRefreshToken(ctx.store, token);
  if (!session || session.clientId !== app.clientId) return fail(ctx, 'refreshTokenInvalid');
  const now = ctx.now();

  if (token === session.previousRefreshToken) {
    // A client that lost the refresh response may retry: until ~10 s after the new access token is
    // first used, the old refresh token answers with the same new tokens.
    const used = session.accessFirstUsedAt;
    if (used !== null && now >= used + ctx.refreshGraceSeconds * 1000)
      return fail(ctx, 'refreshTokenInvalid');
    return tokenResponse(session, now);
  }
  if (session.refreshExpiresAt! <= now) return fail(ctx, 'refreshTokenExpired');
  const ttl = requestedTtls(ctx, form);
  if ('status' in ttl) return ttl;

  // Single use: rotate both tokens; the previous access token dies here.
  session.previousRefreshToken = token;
  session.refreshToken = newToken();
  session.refreshExpiresAt = now + ttl.refresh * 1000;
  session.accessToken = newToken();
  session.accessExpiresAt = now + ttl.access * 1000;
  session.accessFirstUsedAt = null;
  return tokenResponse(session, now);
}

function tokenResponse(session: Session, now: number): Reply {
  const seconds = (until: number) => Math.max(0, Math.floor((until - now) / 1000));
  const body = {
    access_token: session.accessToken,
    token_type: 'bearer',
    expires_in: seconds(session.accessExpiresAt),
    ...(session.refreshToken && {
      refresh_token: session.refreshToken,
      refresh_token_expires_in: seconds(session.refreshExpiresAt!),
    }),
    scope: session.scope,
    owner_id: String(session.userId),
    endpoint_id: session.endpointId,
  };
  return { status: 200, body };
}

/** Basic wins over body parameters; apps without a secret send client_id in the body. */
function claimedClient(req: SandboxRequest, form: Params): { clientId?: string; secret?: string } {
  const auth = authorization(req);
  if (auth.scheme !== 'Basic') return { clientId: form.get('client_id'), secret: form.get('client_secret') };
  const decoded = Buffer.from(auth.credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { clientId: decoded };
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function authenticateClient(ctx: SandboxContext, req: SandboxRequest, form: Params): AppSeed | Reply {
  const { clientId, secret } = claimedClient(req, form);
  if (!clientId) return fail(ctx, 'noClientAuth');
  const app = ctx.store.apps.get(clientId);
  if (!app) return fail(ctx, 'unknownClient', `Invalid client: ${clientId}`);
  if ((secret ?? '') !== (app.clientSecret ?? '')) return fail(ctx, 'wrongClientSecret');
  return app;
}

/** Requested lifetimes clamped into [floor, configured maximum]; the floor is 600 s unless in test mode. */
function requestedTtls(ctx: SandboxContext, form: Params): { access: number; refresh: number } | Reply {
  const floor = ctx.testMode ? ttlLimits.testMin : ttlLimits.faithfulMin;
  const result = { access: ctx.ttl.accessToken, refresh: ctx.ttl.refreshToken };
  const fields = [
    ['access_token_ttl', 'access'],
    ['refresh_token_ttl', 'refresh'],
  ] as const;
  for (const [name, field] of fields) {
    const raw = form.get(name);
    if (raw === undefined || raw === '') continue;
    // Negative values are clamped too: after a 401 the SDK refreshes with access_token_ttl=-1.
    if (!/^-?\d{1,10}$/.test(raw)) return fail(ctx, 'invalidRequest', `Parameter [${name}] value is invalid`);
    result[field] = Math.min(result[field], Math.max(floor, Number(raw)));
  }
  return result;
}

/** RFC 6749 §3.3 lets the server narrow or ignore the requested scope: keep what the app has. */
function grantedScope(app: AppSeed, requested: string | undefined): string {
  const wanted = (requested ?? '').split(' ').filter((s) => app.scope.includes(s));
  return (wanted.length > 0 ? wanted : app.scope).join(' ');
}

/** The Auth group counts per user; before the user is known, per claimed client, then per address. */
function rateKey(ctx: SandboxContext, req: SandboxRequest, form: Params): string {
  const assertion = form.get('assertion');
  if (assertion) {
    try {
      const sub = decodeJwt(assertion).sub;
      if (sub) return `user:${sub}`;
    } catch {
      // A garbage assertion names no user; fall through.
    }
  }
  const token = form.get('refresh_token') ?? form.get('token');
  const session = token
    ? (findByRefreshToken(ctx.store, token) ?? findByAccessToken(ctx.store, token))
    : undefined;
  if (session) return `user:${session.userId}`;
  const { clientId } = claimedClient(req, form);
  return clientId ? `client:${clientId}` : `address:${req.remoteAddress}`;
}

function readForm(ctx: SandboxContext, req: SandboxRequest): Params | Reply {
  const type = mediaType(req);
  if (type !== 'application/x-www-form-urlencoded') {
    const got = type || 'none';
    return fail(
      ctx,
      'invalidRequest',
      `Unsupported Content-Type [${got}]: send application/x-www-form-urlencoded`,
    );
  }
  const form = parseForm(req.body);
  if (form.ok) return form.params;
  if (form.problem === 'duplicate')
    return fail(ctx, 'duplicateParameter', `Duplicate parameter [${form.name}]`);
  return fail(ctx, 'invalidRequest', form.detail);
}

function rateLimited(ctx: SandboxContext, retryAfter: number): Reply {
  return errorReply('rateLimited', ctx.codes, undefined, { 'Retry-After': String(retryAfter) });
}

function fail(ctx: SandboxContext, key: ErrorKey, detail?: string): Reply {
  return errorReply(key, ctx.codes, detail);
}

function noStore(reply: Reply, rateHeaders: Record<string, string>, log?: Reply['log']): Reply {
  const headers = { ...reply.headers, ...rateHeaders, 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  return { ...reply, headers, ...(log && { log }) };
}
