// Google's token endpoint for service accounts (the OAuth 2.0 JWT bearer grant), strict about what
// Google documents (providers.md): an RS256 assertion whose `kid` is the account's key, signed by
// it; iss = the account's email; aud = this token URL; iat and exp at most an hour apart and
// around now; a scope; no `sub` unless delegation is allowed. It answers in Google's shape
// ({error, error_description}), issues bearer tokens without a refresh token, and a small API
// under /google/api/ accepts them. One demo service account per process; its key file comes from
// the admin surface and from `npm run sandbox`.

import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK, jwtVerify } from 'jose';
import type { SandboxContext } from './context';
import { parseForm } from './form';
import { authorization, type FaultShapes, type Reply, type SandboxRequest } from './http';

export const GOOGLE_TOKEN_PATH = '/google/token';
export const GOOGLE_API_PREFIX = '/google/api/';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google's: an hour, less a second. */
const TOKEN_SECONDS = 3599;
/** How far iat may be ahead of the server's clock, and the longest assertion Google takes. */
const SKEW_SECONDS = 300;
const MAX_ASSERTION_SECONDS = 3600;

export interface ServiceAccount {
  clientEmail: string;
  privateKeyId: string;
  privateKeyPem: string;
  publicKey: KeyObject;
  projectId: string;
}

let demo: Promise<ServiceAccount> | undefined;

/** The process's demo service account; generating its 2048-bit key takes a moment, once. */
export function demoServiceAccount(): Promise<ServiceAccount> {
  demo ??= (async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    return {
      clientEmail: 'vault-demo@jwt-vault-sandbox.iam.gserviceaccount.com',
      privateKeyId: (await calculateJwkThumbprint(jwk)).slice(0, 40),
      privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      publicKey,
      projectId: 'jwt-vault-sandbox',
    };
  })();
  return demo;
}

/** The key file as the Cloud console would download it, for this sandbox's token URL. */
export async function serviceAccountKeyFile(ctx: SandboxContext): Promise<Record<string, string>> {
  const account = await demoServiceAccount();
  return {
    type: 'service_account',
    project_id: account.projectId,
    private_key_id: account.privateKeyId,
    private_key: account.privateKeyPem,
    client_email: account.clientEmail,
    client_id: '100000000000000000042',
    token_uri: `${ctx.baseUrl}${GOOGLE_TOKEN_PATH}`,
  };
}

interface GoogleToken {
  email: string;
  scope: string;
  expiresAt: number;
}
const issued = new WeakMap<SandboxContext, Map<string, GoogleToken>>();

function tokensOf(ctx: SandboxContext): Map<string, GoogleToken> {
  let tokens = issued.get(ctx);
  if (!tokens) {
    tokens = new Map();
    issued.set(ctx, tokens);
  }
  return tokens;
}

const refuse = (status: number, error: string, description: string): Reply => ({
  status,
  body: { error, error_description: description },
  headers: { 'Cache-Control': 'no-store' },
});

const invalidGrant = (description: string) => refuse(400, 'invalid_grant', description);
const TIMEFRAME =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

export async function googleTokenEndpoint(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  const form = parseForm(req.body);
  if (!form.ok) return refuse(400, 'invalid_request', 'The request body is not a valid form.');
  const grantType = form.params.get('grant_type');
  const log = { grantType: grantType ?? '' };
  if (grantType !== JWT_BEARER)
    return { ...refuse(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`), log };
  const assertion = form.params.get('assertion');
  if (!assertion) return { ...refuse(400, 'invalid_request', 'Missing required parameter: assertion'), log };
  return { ...(await verdict(ctx, assertion)), log: { ...log, clientId: issuerOf(assertion) } };
}

function issuerOf(assertion: string): string {
  try {
    const claims = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims.iss === 'string' ? claims.iss : '';
  } catch {
    return '';
  }
}

async function verdict(ctx: SandboxContext, assertion: string): Promise<Reply> {
  const account = await demoServiceAccount();
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return invalidGrant('Invalid JWT: the assertion is not a signed JWT.');
  }
  if (header.alg !== 'RS256') return invalidGrant('Invalid JWT Signature.');
  if (issuerOf(assertion) !== account.clientEmail) return invalidGrant('Invalid grant: account not found');
  if (header.kid !== account.privateKeyId) return invalidGrant('Invalid JWT Signature.');
  let claims: Record<string, unknown>;
  try {
    // Times are checked below, against the sandbox's own clock, in Google's words.
    ({ payload: claims } = await jwtVerify(assertion, account.publicKey, {
      algorithms: ['RS256'],
      currentDate: new Date(0),
    }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
      return invalidGrant('Invalid JWT Signature.');
    return invalidGrant('Invalid JWT: the assertion is not a signed JWT.');
  }
  const tokenUrl = `${ctx.baseUrl}${GOOGLE_TOKEN_PATH}`;
  if (claims.aud !== tokenUrl)
    return invalidGrant(`Invalid JWT: Failed audience check. The expected audience is ${tokenUrl}.`);
  const now = Math.floor(ctx.now() / 1000);
  const { iat, exp } = claims;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    exp <= iat ||
    exp - iat > MAX_ASSERTION_SECONDS ||
    iat > now + SKEW_SECONDS ||
    exp <= now
  )
    return invalidGrant(TIMEFRAME);
  if (claims.sub !== undefined)
    return refuse(
      401,
      'unauthorized_client',
      'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
    );
  if (typeof claims.scope !== 'string' || claims.scope.trim() === '')
    return refuse(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  const accessToken = `ya29.sandbox-${randomBytes(24).toString('base64url')}`;
  const seconds = Math.min(TOKEN_SECONDS, ctx.ttl.accessToken);
  tokensOf(ctx).set(accessToken, {
    email: account.clientEmail,
    scope: claims.scope,
    expiresAt: ctx.now() + seconds * 1000,
  });
  return {
    status: 200,
    body: { access_token: accessToken, expires_in: seconds, token_type: 'Bearer' },
    headers: { 'Cache-Control': 'no-store' },
  };
}

const unauthenticated = (): Reply => ({
  status: 401,
  body: {
    error: {
      code: 401,
      message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
      status: 'UNAUTHENTICATED',
    },
  },
  headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
});

/** GET /google/api/whoami and anything under it: who the bearer token is for, or Google's 401. */
export function googleApiEndpoint(ctx: SandboxContext, req: SandboxRequest): Reply {
  const { scheme, credentials } = authorization(req);
  const token = scheme === 'Bearer' ? tokensOf(ctx).get(credentials) : undefined;
  if (!token || token.expiresAt <= ctx.now()) return unauthenticated();
  return { status: 200, body: { email: token.email, scope: token.scope } };
}

export const googleFaults: FaultShapes = {
  prefix: '/google/',
  unauthorized: unauthenticated,
  throttled: () => ({
    status: 429,
    body: {
      error: {
        code: 429,
        message: 'Resource has been exhausted (e.g. check quota).',
        status: 'RESOURCE_EXHAUSTED',
      },
    },
  }),
};
