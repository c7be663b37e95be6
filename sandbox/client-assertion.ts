// Client credentials with a signed client assertion (`private_key_jwt`, RFC 7523 §2.2) as Okta,
// Auth0 and Microsoft Entra take it, strict about what providers.md documents: iss = sub = the
// client ID (and = `client_id` when the form has one), the provider's `aud`, a `jti`, an `exp` in
// the future and within the provider's limit, signed by the registered key — Entra naming it by
// the certificate's `x5t#S256`. What differs between the three is one table, `presets`: paths,
// audience, limits, algorithms, the request's own parameters, and every refusal in the provider's
// words. Each has a small API accepting its tokens. One demo client per provider and process.

import {
  createHash,
  createPrivateKey,
  type KeyObject,
  randomBytes,
  randomUUID,
  X509Certificate,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { SandboxContext } from './context';
import { parseForm } from './form';
import type { FaultShapes, Reply, SandboxRequest } from './http';
import { nowSeconds, peek, rsaKeyPair, signedBy, text } from './jws';
import { createTokenBook, providerState } from './provider-state';

export type ClientAssertionProvider = 'okta' | 'auth0' | 'entra';
export const CLIENT_ASSERTION_PROVIDERS: readonly ClientAssertionProvider[] = ['okta', 'auth0', 'entra'];

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** How far a clock may be off, on top of each provider's longest assertion. */
const SKEW_SECONDS = 30;
export const ENTRA_TENANT_ID = '7a1e5bdc-0000-4000-8000-00000000e1a0';
/** Auth0's API (resource server) the demo client is granted, and the scopes granted on it. */
export const AUTH0_API_IDENTIFIER = 'https://api.sandbox.test/';
const AUTH0_GRANTED_SCOPES = ['read:vault', 'write:vault'];
const OKTA_SCOPES = ['okta.users.read', 'okta.groups.read'];
const ENTRA_APP_NAME = 'JWT Vault sandbox';

// ---------------------------------------------------------------------------------------------
// Demo clients

interface DemoClient {
  clientId: string;
  keyId: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  publicKey: KeyObject;
  /** Entra only: the registered certificate and its SHA-256 thumbprint (base64url of the DER's hash). */
  certificatePem?: string;
  thumbprint?: string;
}

let demo: Promise<Record<ClientAssertionProvider, DemoClient>> | undefined;

async function generated(clientId: string): Promise<DemoClient> {
  const { privateKey, publicKey } = await rsaKeyPair();
  return {
    clientId,
    keyId: await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    publicKey,
  };
}

// Node cannot make an X.509 certificate, so Entra's is a committed, self-signed demo one (see
// sandbox/fixtures/): its key is public on purpose and protects nothing.
async function fromFixture(clientId: string): Promise<DemoClient> {
  const privateKeyPem = readFileSync(new URL('./fixtures/entra-demo.key', import.meta.url), 'utf8');
  const certificatePem = readFileSync(new URL('./fixtures/entra-demo.crt', import.meta.url), 'utf8');
  const certificate = new X509Certificate(certificatePem);
  if (!certificate.checkPrivateKey(createPrivateKey(privateKeyPem)))
    throw new Error('sandbox/fixtures: the Entra key does not match its certificate');
  return {
    clientId,
    keyId: await calculateJwkThumbprint(certificate.publicKey.export({ format: 'jwk' }) as JWK),
    privateKeyPem,
    publicKey: certificate.publicKey,
    certificatePem,
    thumbprint: createHash('sha256').update(certificate.raw).digest('base64url'),
  };
}

function demoClients(): Promise<Record<ClientAssertionProvider, DemoClient>> {
  demo ??= (async () => ({
    okta: await generated('0oaJwtVaultSbx0001d7'),
    auth0: await generated('SbxAuth0DemoClient00000000000001'),
    entra: await fromFixture('c0ffee00-5a4d-4b0c-9000-00000000a001'),
  }))();
  return demo;
}

export interface ClientAssertionDemo {
  clientId: string;
  tokenUrl: string;
  /** The `aud` to sign. */
  assertionAudience: string;
  /** Auth0 only: the API identifier to send as the `audience` parameter. */
  audience?: string;
  /** Okta and Entra: the `scope` to send. */
  scope?: string;
  /** The key's RFC 7638 thumbprint, as its `kid`. */
  keyId: string;
  /** PKCS#8 PEM. */
  privateKey: string;
  /** Entra only: the certificate registered for the app (PEM). */
  certificate?: string;
}

export async function clientAssertionDemo(
  ctx: SandboxContext,
): Promise<Record<ClientAssertionProvider, ClientAssertionDemo>> {
  const clients = await demoClients();
  const one = (provider: ClientAssertionProvider): ClientAssertionDemo => {
    const client = clients[provider];
    const preset = presets[provider];
    return {
      clientId: client.clientId,
      tokenUrl: `${ctx.baseUrl}${preset.tokenPath}`,
      assertionAudience: preset.assertionAudience(ctx),
      ...preset.demoRequest,
      keyId: client.keyId,
      privateKey: client.privateKeyPem,
      ...(client.certificatePem && { certificate: client.certificatePem }),
    };
  };
  return { okta: one('okta'), auth0: one('auth0'), entra: one('entra') };
}

// ---------------------------------------------------------------------------------------------
// State: admin switches, used jtis, issued tokens

const state = providerState('client-assertion', () => ({
  revoked: { okta: false, auth0: false, entra: false } as Record<ClientAssertionProvider, boolean>,
  /** `provider client jti` → the assertion's exp (ms): a jti is refused again until then. */
  usedJtis: new Map<string, number>(),
  tokens: createTokenBook<{ provider: ClientAssertionProvider; clientId: string; scope: string }>(),
}));

export function setClientAssertionRevoked(
  ctx: SandboxContext,
  provider: ClientAssertionProvider,
  revoked: boolean,
): void {
  state(ctx).revoked[provider] = revoked;
}

// ---------------------------------------------------------------------------------------------
// The three providers, as data

/** A refusal before the provider's shape is put around it; `code` is Entra's AADSTS number. */
interface Refusal {
  status: number;
  error: string;
  description: string;
  code?: number;
}

/** What a refusal's words may name. */
interface Detail {
  clientId: string;
  tenant: string;
  grantType: string;
  expectedAudience: string;
  thumbprint: string;
  now: number;
  exp: number;
}

type Problem =
  | 'badRequest'
  | 'grantType'
  | 'noAssertion'
  | 'malformed'
  | 'unknownClient'
  | 'clientMismatch'
  | 'revoked'
  | 'signature'
  | 'audience'
  | 'expired'
  | 'tooLong'
  | 'noJti';

type Words = Record<Problem, (d: Detail) => Refusal>;

interface Preset {
  /** Path of the token endpoint (Entra's names the demo tenant). */
  tokenPath: string;
  apiPrefix: string;
  assertionAudience(ctx: SandboxContext): string;
  /** The longest `exp` ahead of now (Auth0 also measures it from `iat`). */
  maxAssertionSeconds: number;
  algorithms: string[];
  /** How the header must name the key: Okta refuses a `kid` that is not the key's, Entra wants `x5t#S256`. */
  keyHeader: 'any' | 'kid' | 'x5t#S256';
  words: Words;
  /** Refusals only some providers have. */
  keyNotFound?: (d: Detail) => Refusal;
  noThumbprint?: (d: Detail) => Refusal;
  /** Set where the provider never takes a jti twice (Auth0). */
  jtiReused?: (d: Detail) => Refusal;
  /** The request's own parameters (scope, audience): the scope granted, or a refusal. */
  request(form: Map<string, string>, d: Detail): { scope: string } | Refusal;
  demoRequest: { audience?: string; scope?: string };
  tokenSeconds: number;
  tokenPrefix: string;
  answer(accessToken: string, seconds: number, scope: string): Record<string, unknown>;
  /** The provider's error body around a refusal. */
  shape(ctx: SandboxContext, refusal: Refusal): unknown;
  apiUnauthorized(expired: boolean): Reply;
  throttled(ctx: SandboxContext): Reply;
}

const oauthShape = (_ctx: SandboxContext, r: Refusal) => ({
  error: r.error,
  error_description: r.description,
});
const okta401 = (description: string): Refusal => ({ status: 401, error: 'invalid_client', description });
const auth0401 = (description: string): Refusal => ({
  status: 401,
  error: 'invalid_client',
  description: `Invalid client_assertion: ${description}`,
});
const aadsts = (status: number, error: string, code: number, description: string): Refusal => ({
  status,
  error,
  code,
  description: `AADSTS${code}: ${description}`,
});
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const okta: Preset = {
  tokenPath: '/okta/oauth2/v1/token',
  apiPrefix: '/okta/api/',
  assertionAudience: (ctx) => `${ctx.baseUrl}/okta/oauth2/v1/token`,
  maxAssertionSeconds: 3600,
  algorithms: ['RS256', 'RS384', 'RS512'],
  keyHeader: 'kid',
  words: {
    badRequest: () => ({
      status: 400,
      error: 'invalid_request',
      description: 'The request body is not a valid form.',
    }),
    grantType: () => ({
      status: 400,
      error: 'unsupported_grant_type',
      description:
        'The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].',
    }),
    noAssertion: () =>
      okta401('Client authentication failed. Either the client or the client credentials are invalid.'),
    malformed: () => okta401('The client_assertion token is not a valid JWT.'),
    unknownClient: () => okta401("Invalid value for 'client_id' parameter."),
    clientMismatch: () =>
      okta401("The client_assertion token's 'iss' and 'sub' claims must both be the client_id."),
    revoked: () => okta401('The client is deactivated.'),
    signature: () => okta401('The client_assertion signature is invalid.'),
    audience: () =>
      okta401('The audience claim for client_assertion must be the endpoint invoked for the request.'),
    expired: () => okta401('The client_assertion token is expired.'),
    tooLong: () => okta401('The client_assertion token has an expiration too far into the future.'),
    noJti: () => okta401("The client_assertion token must contain a 'jti' claim."),
  },
  keyNotFound: () => okta401('The client_assertion JWT kid is invalid.'),
  request(form) {
    const scope = form.get('scope')?.trim();
    const invalidScope = (description: string): Refusal => ({
      status: 400,
      error: 'invalid_scope',
      description,
    });
    if (!scope)
      return invalidScope(
        "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
      );
    if (!scope.split(/\s+/).every((s) => OKTA_SCOPES.includes(s)))
      return invalidScope('One or more scopes are not configured for the authorization server resource.');
    return { scope };
  },
  demoRequest: { scope: OKTA_SCOPES[0]! },
  tokenSeconds: 3600,
  tokenPrefix: 'eyJraWQiOiJva3RhLXNieCJ9.',
  answer: (accessToken, seconds, scope) => ({
    token_type: 'Bearer',
    expires_in: seconds,
    access_token: accessToken,
    scope,
  }),
  shape: oauthShape,
  apiUnauthorized: () => ({
    status: 401,
    body: oktaError('E0000011', 'Invalid token provided'),
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  }),
  throttled: () => ({
    status: 429,
    body: oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'),
  }),
};

function oktaError(errorCode: string, errorSummary: string) {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: `oae${randomBytes(12).toString('base64url')}`,
    errorCauses: [],
  };
}

const auth0: Preset = {
  tokenPath: '/auth0/oauth/token',
  apiPrefix: '/auth0/api/',
  assertionAudience: (ctx) => `${ctx.baseUrl}/auth0/`,
  maxAssertionSeconds: 300,
  algorithms: ['RS256', 'RS384', 'PS256'],
  keyHeader: 'any',
  words: {
    badRequest: () => ({ status: 400, error: 'invalid_request', description: 'Invalid request body' }),
    grantType: (d) => ({
      status: 403,
      error: 'unauthorized_client',
      description: `Grant type '${d.grantType}' not allowed for the client.`,
    }),
    noAssertion: () => auth0401('client_assertion and client_assertion_type are required'),
    malformed: () => auth0401('not a signed JWT'),
    unknownClient: (d) => auth0401(`unknown client '${d.clientId}'`),
    clientMismatch: () => auth0401("'iss' and 'sub' claims must both be the client_id"),
    revoked: () => auth0401('the client has been deactivated'),
    signature: () => auth0401('signature verification failed'),
    audience: (d) => auth0401(`'aud' claim must be '${d.expectedAudience}'`),
    expired: () => auth0401("'exp' claim timestamp check failed (the assertion has expired)"),
    tooLong: () => auth0401("'exp' claim must specify a time that is no more than 5 minutes after 'iat'"),
    noJti: () => auth0401("'jti' claim is required"),
  },
  jtiReused: () => auth0401("'jti' claim must be unique: this assertion was already used"),
  request(form) {
    const accessDenied = (description: string): Refusal => ({
      status: 403,
      error: 'access_denied',
      description,
    });
    const audience = form.get('audience');
    if (!audience)
      return accessDenied('No audience parameter was provided, and no default audience has been configured');
    if (audience !== AUTH0_API_IDENTIFIER)
      return accessDenied(`Service not enabled within domain: ${audience}`);
    const asked = form.get('scope')?.trim();
    if (!asked) return { scope: AUTH0_GRANTED_SCOPES.join(' ') };
    const missing = asked.split(/\s+/).filter((s) => !AUTH0_GRANTED_SCOPES.includes(s));
    if (missing.length > 0) return accessDenied(`Client has not been granted scopes: ${missing.join(', ')}`);
    return { scope: asked };
  },
  demoRequest: { audience: AUTH0_API_IDENTIFIER },
  tokenSeconds: 86400,
  tokenPrefix: 'eyJhbGciOiJSUzI1NiJ9.auth0-sbx.',
  answer: (accessToken, seconds, scope) => ({
    access_token: accessToken,
    scope,
    expires_in: seconds,
    token_type: 'Bearer',
  }),
  shape: oauthShape,
  apiUnauthorized: () => ({
    status: 401,
    body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' },
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  }),
  throttled: () => ({
    status: 429,
    body: { error: 'too_many_requests', error_description: 'Too many requests. Try again later.' },
  }),
};

const entraTokenPath = (tenant: string) => `/entra/${tenant}/oauth2/v2.0/token`;

const entra: Preset = {
  tokenPath: entraTokenPath(ENTRA_TENANT_ID),
  apiPrefix: '/entra/api/',
  assertionAudience: (ctx) => `${ctx.baseUrl}${entraTokenPath(ENTRA_TENANT_ID)}`,
  // providers.md: "exp 5–10 min"; the longer end is taken as the limit.
  maxAssertionSeconds: 600,
  algorithms: ['RS256', 'PS256'],
  keyHeader: 'x5t#S256',
  words: {
    badRequest: () =>
      aadsts(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      ),
    grantType: (d) =>
      aadsts(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${d.grantType}'.`,
      ),
    noAssertion: () =>
      aadsts(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      ),
    malformed: () => aadsts(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.'),
    unknownClient: (d) =>
      aadsts(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${d.clientId}' was not found in the directory '${d.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      ),
    clientMismatch: () =>
      aadsts(
        401,
        'invalid_client',
        700021,
        "Client assertion application identifier doesn't match 'client_id' parameter.",
      ),
    revoked: (d) =>
      aadsts(
        400,
        'unauthorized_client',
        7000112,
        `Application '${d.clientId}'(${ENTRA_APP_NAME}) is disabled.`,
      ),
    signature: (d) =>
      aadsts(
        401,
        'invalid_client',
        700027,
        `Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${d.thumbprint}']`,
      ),
    audience: () =>
      aadsts(401, 'invalid_client', 700023, 'Client assertion audience claim does not match Realm issuer.'),
    expired: (d) => entraTimeRange(d),
    tooLong: (d) => entraTimeRange(d),
    noJti: () =>
      aadsts(
        401,
        'invalid_client',
        50027,
        "JWT token is invalid or malformed. [Reason - The 'jti' claim is missing.]",
      ),
  },
  keyNotFound: (d) =>
    aadsts(
      401,
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${d.thumbprint}']`,
    ),
  noThumbprint: () =>
    aadsts(
      401,
      'invalid_client',
      700027,
      'Client assertion contains an invalid signature. [Reason - No certificate thumbprint (x5t#S256) specified in the token header.]',
    ),
  request(form) {
    const scope = form.get('scope')?.trim();
    if (!scope)
      return aadsts(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'scope'.",
      );
    if (/\s/.test(scope) || !scope.endsWith('/.default'))
      return aadsts(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    return { scope };
  },
  demoRequest: { scope: 'https://graph.microsoft.com/.default' },
  tokenSeconds: 3599,
  tokenPrefix: 'eyJ0eXAiOiJKV1QiLCJ4NXQiOiJzYngifQ.',
  // Entra's v2 answer names no scope; ext_expires_in is its outage extension.
  answer: (accessToken, seconds) => ({
    token_type: 'Bearer',
    expires_in: seconds,
    ext_expires_in: seconds,
    access_token: accessToken,
  }),
  shape: entraShape,
  apiUnauthorized: (expired) => ({
    status: 401,
    body: {
      error: {
        code: 'InvalidAuthenticationToken',
        message: expired
          ? 'Lifetime validation failed, the token is expired.'
          : 'Access token validation failure.',
      },
    },
    headers: { 'WWW-Authenticate': 'Bearer realm="", error="invalid_token"' },
  }),
  throttled: (ctx) => ({
    status: 429,
    body: entraShape(
      ctx,
      aadsts(
        429,
        'temporarily_unavailable',
        90055,
        'TenantThrottlingError - There are too many incoming requests.',
      ),
    ),
  }),
};

function entraTimeRange(d: Detail): Refusal {
  return aadsts(
    401,
    'invalid_client',
    700024,
    `Client assertion is not within its valid time range. Current time: ${iso(d.now)}, expiry time of assertion ${iso(d.exp)}.`,
  );
}

function entraShape(ctx: SandboxContext, r: Refusal) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(ctx.now())
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    error: r.error,
    error_description: `${r.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [r.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${r.code}`,
  };
}

const presets: Record<ClientAssertionProvider, Preset> = { okta, auth0, entra };

// ---------------------------------------------------------------------------------------------
// Endpoints

export const clientAssertionTokenPaths: Record<ClientAssertionProvider, (path: string) => boolean> = {
  okta: (p) => p === okta.tokenPath,
  auth0: (p) => p === auth0.tokenPath,
  // Any tenant reaches the endpoint; only the demo tenant exists.
  entra: (p) => /^\/entra\/[^/]+\/oauth2\/v2\.0\/token$/.test(p),
};

export const clientAssertionApiPrefixes: Record<ClientAssertionProvider, string> = {
  okta: okta.apiPrefix,
  auth0: auth0.apiPrefix,
  entra: entra.apiPrefix,
};

export function clientAssertionTokenEndpoint(provider: ClientAssertionProvider) {
  return async (ctx: SandboxContext, req: SandboxRequest): Promise<Reply> => {
    const preset = presets[provider];
    const form = parseForm(req.body);
    const params = form.ok ? form.params : new Map<string, string>();
    const grantType = params.get('grant_type') ?? '';
    const claims = peek(params.get('client_assertion') ?? '')?.claims ?? {};
    const clientId = text(claims, 'iss') ?? params.get('client_id') ?? '';
    const refusal = form.ok
      ? await verdict(ctx, provider, req, params)
      : preset.words.badRequest(detail(ctx, {}));
    const log = { grantType, clientId };
    if ('status' in refusal)
      return { status: refusal.status, body: preset.shape(ctx, refusal), headers: noStore, log };
    return { status: 200, body: refusal.body, headers: noStore, log };
  };
}

const noStore = { 'Cache-Control': 'no-store' };

function detail(ctx: SandboxContext, given: Partial<Detail>): Detail {
  return {
    clientId: '',
    tenant: ENTRA_TENANT_ID,
    grantType: '',
    expectedAudience: '',
    thumbprint: '',
    now: nowSeconds(ctx),
    exp: 0,
    ...given,
  };
}

async function verdict(
  ctx: SandboxContext,
  provider: ClientAssertionProvider,
  req: SandboxRequest,
  form: Map<string, string>,
): Promise<Refusal | { body: Record<string, unknown> }> {
  const preset = presets[provider];
  const client = (await demoClients())[provider];
  const assertion = form.get('client_assertion') ?? '';
  const jws = peek(assertion);
  const claims = jws?.claims ?? {};
  const d = detail(ctx, {
    clientId: text(claims, 'iss') ?? form.get('client_id') ?? '',
    grantType: form.get('grant_type') ?? '',
    expectedAudience: preset.assertionAudience(ctx),
    thumbprint: String(jws?.header['x5t#S256'] ?? ''),
    exp: typeof claims.exp === 'number' ? claims.exp : 0,
  });
  const { words } = preset;

  if (provider === 'entra') {
    const tenant = /^\/entra\/([^/]+)\//.exec(req.path)?.[1] ?? '';
    if (tenant !== ENTRA_TENANT_ID)
      return aadsts(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
  }
  if (d.grantType !== 'client_credentials') return words.grantType(d);
  if (form.get('client_assertion_type') !== ASSERTION_TYPE || !assertion) return words.noAssertion(d);
  if (!jws) return words.malformed(d);

  // Who: iss names the client; sub and a client_id parameter must say the same.
  const iss = text(claims, 'iss');
  if (iss !== client.clientId) return words.unknownClient(d);
  const clientIdParam = form.get('client_id');
  if (claims.sub !== iss || (clientIdParam !== undefined && clientIdParam !== iss))
    return words.clientMismatch(d);
  if (state(ctx).revoked[provider]) return words.revoked(d);

  // The key: named as the provider wants, then the signature.
  const { header } = jws;
  if (preset.keyHeader === 'kid' && header.kid !== undefined && header.kid !== client.keyId)
    return preset.keyNotFound!(d);
  if (preset.keyHeader === 'x5t#S256') {
    if (header['x5t#S256'] === undefined) return preset.noThumbprint!(d);
    if (header['x5t#S256'] !== client.thumbprint) return preset.keyNotFound!(d);
  }
  if (
    !preset.algorithms.includes(String(header.alg)) ||
    !(await signedBy(assertion, client.publicKey, preset.algorithms))
  )
    return words.signature(d);

  if (claims.aud !== d.expectedAudience) return words.audience(d);
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || exp <= d.now) return words.expired(d);
  if (exp > d.now + preset.maxAssertionSeconds + SKEW_SECONDS) return words.tooLong(d);
  // Auth0 words its limit as a lifetime from iat, and checks it so.
  if (provider === 'auth0' && typeof iat === 'number' && exp - iat > preset.maxAssertionSeconds)
    return words.tooLong(d);
  const jti = text(claims, 'jti');
  if (!jti) return words.noJti(d);
  if (preset.jtiReused && !firstUse(ctx, `${provider} ${iss} ${jti}`, exp)) return preset.jtiReused(d);

  // The client is authenticated; what it asks for is the provider's own business.
  const granted = preset.request(form, d);
  if ('status' in granted) return granted;
  const accessToken = `${preset.tokenPrefix}${randomBytes(48).toString('base64url')}`;
  const seconds = Math.min(preset.tokenSeconds, ctx.ttl.accessToken);
  state(ctx).tokens.issue(ctx, accessToken, { provider, clientId: iss, scope: granted.scope }, seconds);
  return { body: preset.answer(accessToken, seconds, granted.scope) };
}

/** Records a jti until its assertion's exp; false when it was seen before. */
function firstUse(ctx: SandboxContext, key: string, exp: number): boolean {
  const used = state(ctx).usedJtis;
  const now = ctx.now();
  for (const [seen, until] of used) if (until <= now) used.delete(seen);
  if (used.has(key)) return false;
  used.set(key, exp * 1000);
  return true;
}

/** GET /{okta,auth0,entra}/api/…: the client and scope of a token of that provider, or its 401. */
export function clientAssertionApiEndpoint(provider: ClientAssertionProvider) {
  return (ctx: SandboxContext, req: SandboxRequest): Reply => {
    const token = state(ctx).tokens.bearer(ctx, req);
    // Another provider's token is as unknown here as a made-up one.
    if (!('info' in token) || token.info.provider !== provider)
      return presets[provider].apiUnauthorized('problem' in token && token.problem === 'expired');
    return { status: 200, body: { client_id: token.info.clientId, scope: token.info.scope } };
  };
}

export const clientAssertionFaults: FaultShapes[] = CLIENT_ASSERTION_PROVIDERS.map((provider) => ({
  prefix: `/${provider}/`,
  unauthorized: () => presets[provider].apiUnauthorized(false),
  throttled: (ctx) => presets[provider].throttled(ctx),
}));
