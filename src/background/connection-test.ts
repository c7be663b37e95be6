// The worker's own GET to a connection's API with a token: the popup's "Test request", and the
// probe that tells an API refusing new tokens from a tool whose request was refused. Sent by the
// worker itself (the rules serve only tool tabs). Imported by auto-auth and tests.

import { VaultError } from '../core/errors';
import type { FetchLike } from '../core/tokens';

/** RingCentral's "who am I" call when the API is RingCentral's, the API base itself otherwise. */
const RINGCENTRAL_TEST_PATH = 'v1.0/account/~/extension/~';

/** The test request's URL: a relative path under the API base, never anywhere else. */
export function testUrl(apiBaseUrl: string, path: string | undefined): string {
  const relative = path ?? (apiBaseUrl.endsWith('/restapi/') ? RINGCENTRAL_TEST_PATH : '');
  if (/^[a-z][a-z0-9+.-]*:|^\/|\\|(^|\/)\.\.?(\/|$)/i.test(relative)) {
    throw new VaultError(
      'INVALID_INPUT',
      'The test path must be relative to the API base URL, without "..".',
    );
  }
  const url = new URL(relative, apiBaseUrl).href;
  if (!url.startsWith(apiBaseUrl)) {
    throw new VaultError('INVALID_INPUT', 'The test path must stay under the API base URL.');
  }
  return url;
}

/** One GET with the token to this URL only: no redirect is followed with it, no cookie sent. */
export function getWithToken(fetch: FetchLike, url: string, accessToken: string) {
  return fetch(url, {
    headers: { Authorization: `Bearer ${accessToken}` },
    redirect: 'manual',
    credentials: 'omit',
  });
}

/**
 * The error code an API's 401 carries, RingCentral's way (`errorCode`, or the first of `errors`)
 * or OAuth's (`error`). Undefined when the body says none; the caller checks its shape.
 */
export function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as { errorCode?: unknown; errors?: unknown; error?: unknown };
  const first = Array.isArray(fields.errors) ? (fields.errors[0] as { errorCode?: unknown }) : undefined;
  const code = first?.errorCode ?? fields.errorCode ?? fields.error;
  return typeof code === 'string' ? code : undefined;
}

/** Whether the API takes the token at the connection's test URL; the code of its refusal if not. */
export async function probeToken(
  fetch: FetchLike,
  apiBaseUrl: string,
  accessToken: string,
): Promise<{ ok: boolean; code?: string }> {
  const response = await getWithToken(fetch, testUrl(apiBaseUrl, undefined), accessToken);
  // Only a 401 says the token was refused; a 403 or 404 came past authentication.
  if (response.status !== 401) return { ok: response.status < 500 };
  const code = errorCodeOf(await response.json().catch(() => undefined));
  return code === undefined ? { ok: false } : { ok: false, code };
}
