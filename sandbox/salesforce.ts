// Salesforce's OAuth 2.0 JWT bearer flow, strict about what providers.md documents: an RS256
// assertion signed by the connected app's key, iss = its consumer key, sub = a username, aud = the
// login URL exactly, exp in the future and at most five minutes ahead. It answers in Salesforce's
// shape, with no expires_in and no refresh token: a token lives the org's session timeout (here the
// sandbox's access-token TTL) from its last use, a use past half of it starting it again. A small REST API under /salesforce/services/data/ accepts its tokens.
// One demo connected app and user per process; the admin surface and `npm run sandbox` show them.

import { createHmac, type KeyObject, randomBytes } from 'node:crypto';
import type { SandboxContext } from './context';
import { parseForm } from './form';
import type { FaultShapes, Reply, SandboxRequest } from './http';
import { nowSeconds, peek, rsaKeyPair, signedBy, text } from './jws';
import { createTokenBook, providerState } from './provider-state';

/** Stands for https://login.salesforce.com: the login URL, the assertion's aud and the instance. */
export const SALESFORCE_PREFIX = '/salesforce';
export const SALESFORCE_TOKEN_PATH = `${SALESFORCE_PREFIX}/services/oauth2/token`;
export const SALESFORCE_API_PREFIX = `${SALESFORCE_PREFIX}/services/data/`;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The longest an assertion may run (third-party sources, providers.md), and the clock skew allowed. */
const MAX_ASSERTION_SECONDS = 300;
const SKEW_SECONDS = 30;

export interface ConnectedApp {
  consumerKey: string;
  username: string;
  orgId: string;
  userId: string;
  /** PKCS#1, as `openssl genrsa` writes Salesforce's server.key. */
  privateKeyPem: string;
  publicKey: KeyObject;
}

let demo: Promise<ConnectedApp> | undefined;

/** The process's demo connected app, its key made once. */
export function demoConnectedApp(): Promise<ConnectedApp> {
  demo ??= rsaKeyPair().then(({ privateKey, publicKey }) => ({
    consumerKey: '3MVG9JwtVaultSandbox.DemoConsumerKey_0001',
    username: 'vault-demo@jwt-vault-sandbox.example',
    orgId: '00D5j000000JwtVEAS',
    userId: '0055j000000DemoUAA',
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
    publicKey,
  }));
  return demo;
}

export interface SalesforceDemo {
  consumerKey: string;
  username: string;
  loginUrl: string;
  privateKey: string;
}

/** What a user of the connected app holds: its consumer key, the username, the login URL, the key. */
export async function salesforceDemo(ctx: SandboxContext): Promise<SalesforceDemo> {
  const app = await demoConnectedApp();
  return {
    consumerKey: app.consumerKey,
    username: app.username,
    loginUrl: loginUrl(ctx),
    privateKey: app.privateKeyPem,
  };
}

const loginUrl = (ctx: SandboxContext) => `${ctx.baseUrl}${SALESFORCE_PREFIX}`;

// Salesforce signs id + issued_at with a secret of its own; this one lives as long as the process.
const signatureKey = randomBytes(32);

const state = providerState('salesforce', () => ({
  /** Whether the demo user is pre-authorized for the connected app (admin `salesforce/approved`). */
  approved: true,
  tokens: createTokenBook<{ username: string; orgId: string }>(),
}));

export function setSalesforceApproved(ctx: SandboxContext, approved: boolean): void {
  state(ctx).approved = approved;
}

const refuse = (error: string, description: string): Reply => ({
  status: 400,
  body: { error, error_description: description },
  headers: { 'Cache-Control': 'no-store' },
});

const invalidAssertion = () => refuse('invalid_grant', 'invalid assertion');

export async function salesforceTokenEndpoint(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  const form = parseForm(req.body);
  if (!form.ok) return refuse('invalid_request', 'invalid request body');
  const grantType = form.params.get('grant_type') ?? '';
  const assertion = form.params.get('assertion') ?? '';
  const log = { grantType, clientId: text(peek(assertion)?.claims ?? {}, 'iss') ?? '' };
  if (grantType !== JWT_BEARER)
    return { ...refuse('unsupported_grant_type', 'grant type not supported'), log };
  return { ...(await verdict(ctx, assertion)), log };
}

async function verdict(ctx: SandboxContext, assertion: string): Promise<Reply> {
  const app = await demoConnectedApp();
  const jws = peek(assertion);
  if (jws?.header.alg !== 'RS256') return invalidAssertion();
  const { claims } = jws;
  if (claims.iss !== app.consumerKey) return refuse('invalid_client_id', 'client identifier invalid');
  if (!(await signedBy(assertion, app.publicKey, ['RS256']))) return invalidAssertion();
  if (claims.aud !== loginUrl(ctx)) return refuse('invalid_grant', 'audience is invalid');
  const now = nowSeconds(ctx);
  const { exp } = claims;
  if (typeof exp !== 'number' || exp <= now || exp > now + MAX_ASSERTION_SECONDS + SKEW_SECONDS)
    return invalidAssertion();
  // Salesforce gives the same answer for a username it does not know (seen with a sandbox's suffix
  // missing) as for a user the app is not approved for.
  if (claims.sub !== app.username || !state(ctx).approved)
    return refuse('invalid_grant', "user hasn't approved this consumer");

  const accessToken = `${app.orgId}!${randomBytes(48).toString('base64url')}`;
  state(ctx).tokens.issue(
    ctx,
    accessToken,
    { username: app.username, orgId: app.orgId },
    ctx.ttl.accessToken,
    // An org's session timeout counts from the last use: a session in use lives on.
    { sliding: true },
  );
  const id = `${loginUrl(ctx)}/id/${app.orgId}/${app.userId}`;
  const issuedAt = String(ctx.now());
  return {
    status: 200,
    body: {
      access_token: accessToken,
      signature: createHmac('sha256', signatureKey)
        .update(id + issuedAt)
        .digest('base64'),
      scope: 'api',
      instance_url: loginUrl(ctx),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    },
    headers: { 'Cache-Control': 'no-store' },
  };
}

const invalidSession = (): Reply => ({
  status: 401,
  body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
});

/** GET /salesforce/services/data/…: who the session is for, or Salesforce's INVALID_SESSION_ID. */
export function salesforceApiEndpoint(ctx: SandboxContext, req: SandboxRequest): Reply {
  const token = state(ctx).tokens.bearer(ctx, req);
  if (!('info' in token)) return invalidSession();
  return { status: 200, body: { user: token.info.username, org: token.info.orgId } };
}

export const salesforceFaults: FaultShapes = {
  prefix: `${SALESFORCE_PREFIX}/`,
  unauthorized: invalidSession,
  throttled: () => ({
    status: 429,
    body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
  }),
};
