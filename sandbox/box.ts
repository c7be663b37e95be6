// Box's JWT server authentication, strict about what providers.md documents: the form carries
// client_id and client_secret beside the assertion; the assertion is signed RS256/384/512 by the key
// whose `kid` is the app's publicKeyID, iss = the client ID, sub = the enterprise or an app user (as
// box_sub_type says), aud = the token URL exactly, a jti of 16–128 characters never taken twice, an
// exp at most 60 s ahead. It answers in Box's shape and words, with no refresh token; a small API
// under /box/2.0/ accepts its tokens. One demo app per process, handed out as the config.json Box's
// developer console downloads (its key encrypted); the admin surface and `npm run sandbox` show it.

import { type KeyObject, randomBytes } from 'node:crypto';
import type { SandboxContext } from './context';
import { parseForm } from './form';
import type { FaultShapes, Reply, SandboxRequest } from './http';
import { nowSeconds, peek, rsaKeyPair, signedBy, text } from './jws';
import { createTokenBook, providerState } from './provider-state';

/** Stands for https://api.box.com: its token URL is the assertion's aud. */
export const BOX_PREFIX = '/box';
export const BOX_TOKEN_PATH = `${BOX_PREFIX}/oauth2/token`;
export const BOX_API_PREFIX = `${BOX_PREFIX}/2.0/`;
/** The demo enterprise's app user: the `sub` of a `box_sub_type: user` assertion. */
export const BOX_APP_USER_ID = '30632000002';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
/** Box's longest assertion, and the clock skew the sandbox allows on top, as for every provider. */
const MAX_ASSERTION_SECONDS = 60;
const SKEW_SECONDS = 30;
const JTI_LENGTH = { min: 16, max: 128 };
/** Box's tokens live about an hour. */
const TOKEN_SECONDS = 3600;

interface BoxUser {
  id: string;
  name: string;
  login: string;
}

interface BoxApp {
  clientId: string;
  clientSecret: string;
  publicKeyId: string;
  passphrase: string;
  /** Encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), as in Box's config.json. */
  encryptedKeyPem: string;
  publicKey: KeyObject;
  enterpriseId: string;
  /** Who an enterprise token is for: the app's service account. */
  serviceAccount: BoxUser;
  appUser: BoxUser;
}

let demo: Promise<BoxApp> | undefined;

/** The process's demo Box app; its key, secret and passphrase are made once. */
function demoApp(): Promise<BoxApp> {
  demo ??= rsaKeyPair().then(({ privateKey, publicKey }) => {
    // Box's are 32 hex-looking characters too.
    const passphrase = randomBytes(16).toString('hex');
    return {
      clientId: 'jwtvaultsbxboxclient000000000001',
      clientSecret: randomBytes(16).toString('hex'),
      publicKeyId: 'sbxk3y01',
      passphrase,
      // Node's default PRF for PBES2 here is HMAC-SHA256 (2048 iterations), as Box's own keys have.
      encryptedKeyPem: privateKey.export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase,
      }) as string,
      publicKey,
      enterpriseId: '987654321',
      serviceAccount: {
        id: '30632000001',
        name: 'JWT Vault sandbox',
        login: 'AutomationUser_1234567_JwtVaultSbx@boxdevedition.com',
      },
      appUser: {
        id: BOX_APP_USER_ID,
        name: 'Vault Demo App User',
        login: 'AppUser_1234567_JwtVaultSbx@boxdevedition.com',
      },
    };
  });
  return demo;
}

/** Box's config.json, field for field as the developer console downloads it. */
export interface BoxConfig {
  boxAppSettings: {
    clientID: string;
    clientSecret: string;
    appAuth: { publicKeyID: string; privateKey: string; passphrase: string };
  };
  enterpriseID: string;
}

export async function boxDemo(): Promise<BoxConfig> {
  const app = await demoApp();
  return {
    boxAppSettings: {
      clientID: app.clientId,
      clientSecret: app.clientSecret,
      appAuth: { publicKeyID: app.publicKeyId, privateKey: app.encryptedKeyPem, passphrase: app.passphrase },
    },
    enterpriseID: app.enterpriseId,
  };
}

const state = providerState('box', () => ({
  /** Whether the enterprise admin has authorized the app (admin `box/authorized`). */
  authorized: true,
  /** jti → its assertion's exp (ms): refused again until then. */
  usedJtis: new Map<string, number>(),
  tokens: createTokenBook<BoxUser>(),
}));

export function setBoxAuthorized(ctx: SandboxContext, authorized: boolean): void {
  state(ctx).authorized = authorized;
}

const tokenUrl = (ctx: SandboxContext) => `${ctx.baseUrl}${BOX_TOKEN_PATH}`;

const refuse = (error: string, description: string): Reply => ({
  status: 400,
  body: { error, error_description: description },
  headers: { 'Cache-Control': 'no-store' },
});

const checkClaim = (claim: string, more = '') =>
  refuse('invalid_grant', `Please check the '${claim}' claim.${more}`);

export async function boxTokenEndpoint(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  const form = parseForm(req.body);
  if (!form.ok) return refuse('invalid_request', 'Invalid grant_type parameter or parameter missing');
  const params = form.params;
  const grantType = params.get('grant_type') ?? '';
  const clientId = params.get('client_id') ?? text(peek(params.get('assertion') ?? '')?.claims ?? {}, 'iss');
  return { ...(await verdict(ctx, params)), log: { grantType, clientId: clientId ?? '' } };
}

async function verdict(ctx: SandboxContext, form: Map<string, string>): Promise<Reply> {
  const app = await demoApp();
  const grantType = form.get('grant_type');
  if (!grantType) return refuse('invalid_request', 'Invalid grant_type parameter or parameter missing');
  if (grantType !== JWT_BEARER)
    return refuse(
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server.',
    );
  if (form.get('client_id') !== app.clientId || form.get('client_secret') !== app.clientSecret)
    return refuse('invalid_client', 'The client credentials are invalid');

  const assertion = form.get('assertion') ?? '';
  const jws = peek(assertion);
  if (!jws) return refuse('invalid_request', 'Invalid assertion parameter or parameter missing');
  const { header, claims } = jws;
  if (
    header.kid !== app.publicKeyId ||
    !ALGORITHMS.includes(String(header.alg)) ||
    !(await signedBy(assertion, app.publicKey, ALGORITHMS))
  )
    return refuse(
      'invalid_grant',
      'Signature verification error. The public key identified by "kid" must correspond to the private key used for signing.',
    );
  if (claims.iss !== app.clientId) return checkClaim('iss');
  if (claims.aud !== tokenUrl(ctx)) return checkClaim('aud', ` Should be ${tokenUrl(ctx)}`);
  const now = nowSeconds(ctx);
  const { exp } = claims;
  if (typeof exp !== 'number' || exp <= now || exp > now + MAX_ASSERTION_SECONDS + SKEW_SECONDS)
    return checkClaim('exp');
  const jti = text(claims, 'jti');
  if (!jti || jti.length < JTI_LENGTH.min || jti.length > JTI_LENGTH.max || !firstUse(ctx, jti, exp))
    return checkClaim('jti');

  const user = subject(app, claims);
  if (user === 'subType') return checkClaim('box_sub_type');
  if (!user) return checkClaim('sub', " The 'sub' specified is invalid.");
  if (!state(ctx).authorized)
    return refuse('unauthorized_client', 'This app is not authorized by the enterprise admin');

  const accessToken = randomBytes(24).toString('base64url');
  const seconds = Math.min(TOKEN_SECONDS, ctx.ttl.accessToken);
  state(ctx).tokens.issue(ctx, accessToken, user, seconds);
  return {
    status: 200,
    body: { access_token: accessToken, expires_in: seconds, restricted_to: [], token_type: 'bearer' },
    headers: { 'Cache-Control': 'no-store' },
  };
}

/** Who the assertion asks for: the service account for the enterprise, or the app user. */
function subject(app: BoxApp, claims: Record<string, unknown>): BoxUser | 'subType' | undefined {
  const sub = text(claims, 'sub');
  if (claims.box_sub_type === 'enterprise') return sub === app.enterpriseId ? app.serviceAccount : undefined;
  if (claims.box_sub_type === 'user') return sub === app.appUser.id ? app.appUser : undefined;
  return 'subType';
}

/** Records a jti until its assertion's exp; false when it was seen before. */
function firstUse(ctx: SandboxContext, jti: string, exp: number): boolean {
  const used = state(ctx).usedJtis;
  const now = ctx.now();
  for (const [seen, until] of used) if (until <= now) used.delete(seen);
  if (used.has(jti)) return false;
  used.set(jti, exp * 1000);
  return true;
}

const unauthorized = (): Reply => ({
  status: 401,
  body: {
    type: 'error',
    status: 401,
    code: 'unauthorized',
    message: 'The access token provided is invalid.',
  },
  headers: {
    'WWW-Authenticate':
      'Bearer realm="Service", error="invalid_token", error_description="The access token provided is invalid."',
  },
});

/** GET /box/2.0/users/me (and anything under /box/2.0/): the token's user, or Box's 401. */
export function boxApiEndpoint(ctx: SandboxContext, req: SandboxRequest): Reply {
  const token = state(ctx).tokens.bearer(ctx, req);
  if (!('info' in token)) return unauthorized();
  const { id, name, login } = token.info;
  return { status: 200, body: { type: 'user', id, name, login } };
}

export const boxFaults: FaultShapes = {
  prefix: `${BOX_PREFIX}/`,
  unauthorized,
  throttled: () => ({
    status: 429,
    body: {
      type: 'error',
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Request rate limit exceeded, please try again later',
      request_id: randomBytes(6).toString('hex'),
    },
  }),
};
