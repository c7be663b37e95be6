// Shared helpers for the sandbox tests: one signing key per file, form posts, token exchanges.

import { onTestFinished } from 'vitest';
import {
  type AppSeed,
  createSigningKey,
  defaultSeed,
  type SandboxOptions,
  startSandbox,
} from '../../sandbox/index';

export const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const apps = defaultSeed.apps;
export const users = defaultSeed.users;

// Key generation costs a few hundred ms: share one key between the sandboxes of a test file.
const signingKey = createSigningKey();

/** A sandbox with the default seed on a free port, closed when the current test finishes. */
export async function start(options: Omit<SandboxOptions, 'seed'> = {}) {
  const sandbox = await startSandbox({ signingKey: await signingKey, ...options });
  onTestFinished(() => sandbox.close());
  return sandbox;
}

export function basic(clientId: string, secret?: string | null): string {
  const raw = secret ? `${clientId}:${secret}` : clientId;
  return `Basic ${Buffer.from(raw).toString('base64')}`;
}

/** Client authentication the way the SDK does it: Basic with a secret, else client_id in the body. */
export function clientAuth(app: AppSeed): {
  headers: Record<string, string>;
  params: Record<string, string>;
} {
  return app.clientSecret
    ? { headers: { Authorization: basic(app.clientId, app.clientSecret) }, params: {} }
    : { headers: {}, params: { client_id: app.clientId } };
}

export function postForm(
  url: string,
  params: Record<string, string> | string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: typeof params === 'string' ? params : new URLSearchParams(params).toString(),
  });
}

export interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  scope: string;
  owner_id: string;
  endpoint_id: string;
}

/** POST /restapi/oauth/token for `app`; returns the raw response. */
export function tokenRequest(base: string, app: AppSeed, params: Record<string, string>): Promise<Response> {
  const auth = clientAuth(app);
  return postForm(`${base}/restapi/oauth/token`, { ...params, ...auth.params }, auth.headers);
}

/** A JWT exchange expected to succeed. */
export async function exchange(
  base: string,
  jwt: string,
  app: AppSeed = apps.demo,
  extra: Record<string, string> = {},
): Promise<TokenBody> {
  const response = await tokenRequest(base, app, { grant_type: jwtBearer, assertion: jwt, ...extra });
  if (response.status !== 200)
    throw new Error(`exchange failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenBody;
}

export function refresh(base: string, refreshToken: string, app: AppSeed = apps.demo): Promise<Response> {
  return tokenRequest(base, app, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

export function revoke(base: string, token: string, app: AppSeed = apps.demo): Promise<Response> {
  const auth = clientAuth(app);
  return postForm(`${base}/restapi/oauth/revoke`, { token, ...auth.params }, auth.headers);
}

export function getExtension(base: string, accessToken?: string): Promise<Response> {
  return fetch(`${base}/restapi/v1.0/account/~/extension/~`, {
    headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
  });
}

/** The detailed errorCode of an error body, whichever shape it has. */
export function errorCodeOf(body: {
  errorCode?: string;
  errors?: { errorCode: string }[];
}): string | undefined {
  return body.errors?.[0]?.errorCode ?? body.errorCode;
}

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs`. */
export async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
