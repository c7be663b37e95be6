// Zoom's server-to-server OAuth (the account_credentials grant): no JWT, the app's client ID and
// secret in HTTP Basic, grant_type and account_id in the query string as Zoom documents (a form
// body is taken too). It answers in Zoom's shape ({reason, error}), issues bearer tokens without a
// refresh token, and a small API under /zoom/v2/ accepts them. One demo app per process; the admin
// surface and `npm run sandbox` show it.

import { randomBytes } from 'node:crypto';
import type { SandboxContext } from './context';
import { parseForm } from './form';
import { authorization, type FaultShapes, type Reply, type SandboxRequest } from './http';
import { createTokenBook, providerState } from './provider-state';

export const ZOOM_PREFIX = '/zoom';
export const ZOOM_TOKEN_PATH = `${ZOOM_PREFIX}/oauth/token`;
export const ZOOM_API_PREFIX = `${ZOOM_PREFIX}/v2/`;
const GRANT = 'account_credentials';
/** Zoom's: an hour. */
const TOKEN_SECONDS = 3600;
const SCOPE = 'user:read:admin meeting:read:admin';

export interface ZoomDemo {
  accountId: string;
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
}

// The secret is made once per process, like the other providers' demo keys.
const demoApp = {
  accountId: 'JwtVaultSbxAccount0001',
  clientId: 'SbxZoomClient0001',
  clientSecret: randomBytes(24).toString('base64url'),
  userId: 'JwtVaultSbxUser000001',
  email: 'vault-demo@jwt-vault-sandbox.example',
};

export function zoomDemo(ctx: SandboxContext): ZoomDemo {
  return {
    accountId: demoApp.accountId,
    clientId: demoApp.clientId,
    clientSecret: demoApp.clientSecret,
    tokenUrl: `${ctx.baseUrl}${ZOOM_TOKEN_PATH}`,
  };
}

const state = providerState('zoom', () => ({
  /** Whether the demo app is deactivated (admin `zoom/revoked`). */
  revoked: false,
  tokens: createTokenBook<{ accountId: string; clientId: string }>(),
}));

export function setZoomRevoked(ctx: SandboxContext, revoked: boolean): void {
  state(ctx).revoked = revoked;
}

const refuse = (status: number, error: string, reason: string): Reply => ({
  status,
  body: { reason, error },
  headers: { 'Cache-Control': 'no-store' },
});

/** The Basic credentials as `{clientId, secret}`; the secret is never logged. */
function basicCredentials(req: SandboxRequest): { clientId: string; secret: string } | undefined {
  const { scheme, credentials } = authorization(req);
  if (scheme !== 'Basic') return undefined;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function zoomTokenEndpoint(ctx: SandboxContext, req: SandboxRequest): Reply {
  const form = parseForm(req.body);
  if (!form.ok) return refuse(400, 'invalid_request', 'Invalid request body');
  // Zoom documents the query string; a form body (what most OAuth clients send) is read too.
  const param = (name: string) => form.params.get(name) ?? req.query.get(name) ?? undefined;
  const grantType = param('grant_type') ?? '';
  const client = basicCredentials(req);
  const log = { grantType, clientId: client?.clientId ?? '' };
  return { ...verdict(ctx, grantType, param('account_id'), client), log };
}

function verdict(
  ctx: SandboxContext,
  grantType: string,
  accountId: string | undefined,
  client: { clientId: string; secret: string } | undefined,
): Reply {
  if (grantType !== GRANT) return refuse(400, 'unsupported_grant_type', 'Unsupported grant type');
  if (!client || client.clientId !== demoApp.clientId || client.secret !== demoApp.clientSecret)
    return refuse(401, 'invalid_client', 'Invalid client_id or client_secret');
  if (state(ctx).revoked) return refuse(401, 'invalid_client', 'The app has been disabled');
  if (accountId !== demoApp.accountId) return refuse(400, 'invalid_request', 'Invalid account_id');
  const accessToken = `eyJzbSbx.${randomBytes(48).toString('base64url')}`;
  const seconds = Math.min(TOKEN_SECONDS, ctx.ttl.accessToken);
  state(ctx).tokens.issue(ctx, accessToken, { accountId, clientId: client.clientId }, seconds);
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: seconds,
      scope: SCOPE,
      api_url: `${ctx.baseUrl}${ZOOM_PREFIX}`,
    },
    headers: { 'Cache-Control': 'no-store' },
  };
}

const unauthorized = (message = 'Invalid access token.'): Reply => ({
  status: 401,
  body: { code: 124, message },
});

/** GET /zoom/v2/users/me and anything under /zoom/v2/: who the token is for, or Zoom's code 124. */
export function zoomApiEndpoint(ctx: SandboxContext, req: SandboxRequest): Reply {
  const token = state(ctx).tokens.bearer(ctx, req);
  if (!('info' in token))
    return unauthorized(token.problem === 'expired' ? 'Access token is expired.' : undefined);
  return {
    status: 200,
    body: {
      id: demoApp.userId,
      email: demoApp.email,
      account_id: token.info.accountId,
      client_id: token.info.clientId,
    },
  };
}

export const zoomFaults: FaultShapes = {
  prefix: `${ZOOM_PREFIX}/`,
  unauthorized: () => unauthorized(),
  throttled: () => ({
    status: 429,
    body: {
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    },
  }),
};
