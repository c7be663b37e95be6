// DocuSign's JWT grant, strict about what providers.md documents: an RS256 assertion signed by the
// integration's key, iss = the integration key, sub = the user's GUID, aud = the account server's
// host with no scheme, iat and exp at most an hour apart around now, scope `signature
// impersonation` — and the user's one-time consent, without which the answer is consent_required.
// The consent page (/oauth/auth) records it. Answers in DocuSign's shapes, with no refresh token;
// /oauth/userinfo names the account and its base_uri, under which a small eSignature API accepts the
// tokens. One demo integration, user and account per process; the admin surface and
// `npm run sandbox` show them.

import { type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import type { SandboxContext } from './context';
import { parseForm } from './form';
import type { FaultShapes, Reply, SandboxRequest } from './http';
import { nowSeconds, peek, rsaKeyPair, signedBy } from './jws';
import { createTokenBook, providerState } from './provider-state';

/** The account server: stands for https://account-d.docusign.com (its host is the assertion's aud). */
export const DOCUSIGN_PREFIX = '/docusign';
export const DOCUSIGN_TOKEN_PATH = `${DOCUSIGN_PREFIX}/oauth/token`;
export const DOCUSIGN_AUTH_PATH = `${DOCUSIGN_PREFIX}/oauth/auth`;
export const DOCUSIGN_USERINFO_PATH = `${DOCUSIGN_PREFIX}/oauth/userinfo`;
/** Where the demo consent link sends the browser back to. */
export const DOCUSIGN_CONSENTED_PATH = `${DOCUSIGN_PREFIX}/consented`;
/** The account's base_uri: stands for https://demo.docusign.net. */
export const DOCUSIGN_API_BASE = '/docusign-api';
export const DOCUSIGN_API_PREFIX = `${DOCUSIGN_API_BASE}/restapi/v2.1/accounts/`;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** What JWT needs consented, and asked for in the assertion's scope. */
const JWT_SCOPES = ['signature', 'impersonation'];
const MAX_ASSERTION_SECONDS = 3600;
const SKEW_SECONDS = 30;
/** DocuSign's JWT tokens: an hour. */
const TOKEN_SECONDS = 3600;

interface Integration {
  integrationKey: string;
  /** PKCS#1, as Apps and Keys shows the generated pair's private key. */
  privateKeyPem: string;
  publicKey: KeyObject;
  user: { id: string; name: string; givenName: string; familyName: string; email: string; created: string };
  account: { id: string; name: string };
}

let demo: Promise<Integration> | undefined;

/** The demo user's one account: what /oauth/userinfo names, and where the API answers. */
export const DOCUSIGN_DEMO_ACCOUNT_ID = 'a5c0ffee-0000-4000-8000-00000000d5ac';

function demoIntegration(): Promise<Integration> {
  demo ??= rsaKeyPair().then(({ privateKey, publicKey }) => ({
    integrationKey: 'd0c051a1-5a4d-4b0c-9000-00000000d5a1',
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
    publicKey,
    user: {
      id: '7e2a9c51-0000-4000-8000-00000000d5e1',
      name: 'Vault Demo',
      givenName: 'Vault',
      familyName: 'Demo',
      email: 'vault-demo@jwt-vault-sandbox.example',
      created: '2024-01-15T09:30:00.000Z',
    },
    account: { id: DOCUSIGN_DEMO_ACCOUNT_ID, name: 'JWT Vault Sandbox' },
  }));
  return demo;
}

export interface DocusignDemo {
  integrationKey: string;
  /** The user's GUID: the assertion's sub. */
  userId: string;
  /** Stands for https://account-d.docusign.com; the aud is its host alone. */
  accountServer: string;
  /** PKCS#1 PEM. */
  privateKey: string;
  /** The one-time consent link, coming back to /docusign/consented. */
  consentUrl: string;
  /** The account's base_uri, as /oauth/userinfo gives it. */
  apiBaseUri: string;
}

export async function docusignDemo(ctx: SandboxContext): Promise<DocusignDemo> {
  const integration = await demoIntegration();
  const consent = new URLSearchParams({
    response_type: 'code',
    scope: JWT_SCOPES.join(' '),
    client_id: integration.integrationKey,
    redirect_uri: `${ctx.baseUrl}${DOCUSIGN_CONSENTED_PATH}`,
  });
  return {
    integrationKey: integration.integrationKey,
    userId: integration.user.id,
    accountServer: accountServer(ctx),
    privateKey: integration.privateKeyPem,
    // URLSearchParams writes spaces as '+'; DocuSign's own links write %20.
    consentUrl: `${accountServer(ctx)}/oauth/auth?${consent.toString().replaceAll('+', '%20')}`,
    apiBaseUri: apiBaseUri(ctx),
  };
}

const accountServer = (ctx: SandboxContext) => `${ctx.baseUrl}${DOCUSIGN_PREFIX}`;
const apiBaseUri = (ctx: SandboxContext) => `${ctx.baseUrl}${DOCUSIGN_API_BASE}`;

const state = providerState('docusign', () => ({
  /**
   * The scopes the demo user has consented to for the demo integration. Consented by default, so
   * the demo works at once; admin `docusign/consent` takes it back, the consent page gives it.
   */
  consented: new Set(JWT_SCOPES),
  tokens: createTokenBook<{ userId: string }>(),
}));

export function setDocusignConsent(ctx: SandboxContext, consented: boolean): void {
  state(ctx).consented = new Set(consented ? JWT_SCOPES : []);
}

const noStore = { 'Cache-Control': 'no-store' };
const refuse = (body: Record<string, string>): Reply => ({ status: 400, body, headers: noStore });
const invalidGrant = (description: string) =>
  refuse({ error: 'invalid_grant', error_description: description });

export async function docusignTokenEndpoint(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  const form = parseForm(req.body);
  if (!form.ok) return refuse({ error: 'invalid_request' });
  const grantType = form.params.get('grant_type') ?? '';
  const assertion = form.params.get('assertion') ?? '';
  const iss = peek(assertion)?.claims.iss;
  const log = { grantType, clientId: typeof iss === 'string' ? iss : '' };
  if (grantType !== JWT_BEARER) return { ...refuse({ error: 'unsupported_grant_type' }), log };
  return { ...(await verdict(ctx, assertion)), log };
}

async function verdict(ctx: SandboxContext, assertion: string): Promise<Reply> {
  const integration = await demoIntegration();
  const jws = peek(assertion);
  if (!jws) return refuse({ error: 'invalid_request' });
  const { claims } = jws;
  // The aud picks the environment the integration key is looked up in: DocuSign answers a wrong
  // aud (the other environment's host, or one with a scheme) as it answers an unknown key.
  if (claims.iss !== integration.integrationKey || claims.aud !== new URL(ctx.baseUrl).host)
    return invalidGrant('issuer_not_found');
  if (jws.header.alg !== 'RS256' || !(await signedBy(assertion, integration.publicKey, ['RS256'])))
    return invalidGrant('no_valid_keys_or_signatures');
  // A clock that is off shows as a signature problem at DocuSign.
  const now = nowSeconds(ctx);
  const { iat, exp } = claims;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    exp <= iat ||
    exp - iat > MAX_ASSERTION_SECONDS ||
    iat > now + SKEW_SECONDS ||
    exp <= now
  )
    return invalidGrant('no_valid_keys_or_signatures');
  if (claims.sub !== integration.user.id) return invalidGrant('user_not_found');
  // JWT needs both scopes asked for, and every scope asked for consented.
  const asked = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : [];
  const { consented } = state(ctx);
  if (!JWT_SCOPES.every((s) => asked.includes(s)) || !asked.every((s) => consented.has(s)))
    return refuse({ error: 'consent_required' });

  const accessToken = `eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2In0.${randomBytes(48).toString('base64url')}`;
  const seconds = Math.min(TOKEN_SECONDS, ctx.ttl.accessToken);
  state(ctx).tokens.issue(ctx, accessToken, { userId: integration.user.id }, seconds);
  return {
    status: 200,
    body: { access_token: accessToken, token_type: 'Bearer', expires_in: seconds },
    headers: noStore,
  };
}

// ---------------------------------------------------------------------------------------------
// Consent: the page a user opens once

const page = (status: number, title: string, text: string, headers: Record<string, string> = {}): Reply => ({
  status,
  html: `<!doctype html>\n<html lang="en"><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p></html>\n`,
  headers: { 'Content-Security-Policy': "default-src 'none'", ...headers },
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * GET /docusign/oauth/auth?response_type=code&scope=…&client_id=…&redirect_uri=…: the demo user
 * consents at once (there is no login in the sandbox), the scopes asked for are recorded, and the
 * browser goes back to an http(s) redirect_uri with a code (not exchangeable: only the JWT grant is
 * emulated), or sees a page saying so.
 */
export async function docusignAuthEndpoint(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  const integration = await demoIntegration();
  const q = req.query;
  if (q.get('response_type') !== 'code')
    return page(400, 'unsupported_response_type', 'response_type must be code.');
  if (q.get('client_id') !== integration.integrationKey)
    return page(400, 'invalid_request', 'The client ID provided is not registered with DocuSign.');
  const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (scopes.length === 0) return page(400, 'invalid_request', 'scope is required.');
  const { consented } = state(ctx);
  for (const scope of scopes) consented.add(scope);

  const back = redirectTarget(q.get('redirect_uri'));
  if (back) {
    back.searchParams.set('code', randomBytes(24).toString('base64url'));
    const stateParam = q.get('state');
    if (stateParam !== null) back.searchParams.set('state', stateParam);
    return { status: 302, headers: { Location: back.toString(), 'Cache-Control': 'no-store' } };
  }
  return consentGranted(scopes);
}

function redirectTarget(uri: string | null): URL | undefined {
  if (!uri) return undefined;
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const consentGranted = (scopes: string[]) =>
  page(
    200,
    'Consent granted',
    `The demo user has allowed the integration to act as them with JWT (scopes: ${scopes.join(' ')}). You can close this page.`,
  );

/** GET /docusign/consented: where the demo consent link comes back to. */
export function docusignConsentedEndpoint(): Reply {
  return consentGranted(JWT_SCOPES);
}

// ---------------------------------------------------------------------------------------------
// userinfo and the API

// DocuSign's account server answers a token it does not take with this 401.
const userinfoUnauthorized = (): Reply => ({
  status: 401,
  body: { error: 'internal_server_error', reference_id: randomUUID() },
});

/** GET /docusign/oauth/userinfo: the user and their account with its base_uri. */
export async function docusignUserinfoEndpoint(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  const token = state(ctx).tokens.bearer(ctx, req);
  if (!('info' in token)) return userinfoUnauthorized();
  const { user, account } = await demoIntegration();
  return {
    status: 200,
    body: {
      sub: user.id,
      name: user.name,
      given_name: user.givenName,
      family_name: user.familyName,
      created: user.created,
      email: user.email,
      accounts: [
        { account_id: account.id, is_default: true, account_name: account.name, base_uri: apiBaseUri(ctx) },
      ],
    },
  };
}

const apiUnauthorized = (): Reply => ({
  status: 401,
  body: {
    errorCode: 'USER_AUTHENTICATION_FAILED',
    message: 'One or both of Username and Password are invalid. Invalid access token',
  },
});

/** GET /docusign-api/restapi/v2.1/accounts/<id>/…: the account and user of a valid token. */
export async function docusignApiEndpoint(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  const token = state(ctx).tokens.bearer(ctx, req);
  if (!('info' in token)) return apiUnauthorized();
  const { account } = await demoIntegration();
  const accountId = req.path.slice(DOCUSIGN_API_PREFIX.length).split('/')[0];
  if (accountId !== account.id)
    return {
      status: 400,
      body: {
        errorCode: 'USER_LACKS_MEMBERSHIP',
        message: 'The UserID does not have a valid membership in this Account.',
      },
    };
  return {
    status: 200,
    body: { accountId: account.id, accountName: account.name, userId: token.info.userId },
  };
}

/** The account server's faults; 429 in no documented shape, so an OAuth-style one. */
export const docusignAccountFaults: FaultShapes = {
  prefix: `${DOCUSIGN_PREFIX}/`,
  unauthorized: userinfoUnauthorized,
  throttled: () => ({
    status: 429,
    body: { error: 'rate_limited', error_description: 'Too many requests. Try again later.' },
  }),
};

export const docusignApiFaults: FaultShapes = {
  prefix: `${DOCUSIGN_API_BASE}/`,
  unauthorized: apiUnauthorized,
  throttled: () => ({
    status: 429,
    body: {
      errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED',
      message: 'The maximum number of hourly API invocations has been exceeded.',
    },
  }),
};
