// Shared fixtures for the token tests: a sandbox on a free port (one signing key per file, fast
// startup), the seed's apps as TokenApps, and fetch wrappers that count or script requests.
// Imported by test/unit/core/tokens only.
import { onTestFinished } from 'vitest';
import {
  type AppSeed,
  createManualClock,
  createSigningKey,
  defaultSeed,
  type ManualClock,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from '../../../../sandbox/index';
import type { FetchLike, TokenApp } from '../../../../src/core/tokens';

export const seedApps = defaultSeed.apps;

// Key generation costs a few hundred ms: one key for every sandbox of a test file.
const signingKey = createSigningKey();

/**
 * A sandbox in test mode without the Auth rate limit (unless asked), on a manual clock the test
 * shares with the code under test. Closed when the test finishes.
 */
export async function startTestSandbox(
  options: Omit<SandboxOptions, 'seed' | 'clock'> = {},
): Promise<{ sandbox: Sandbox; clock: ManualClock }> {
  const clock = createManualClock(Date.UTC(2026, 0, 1));
  const sandbox = await startSandbox({
    signingKey: await signingKey,
    testMode: true,
    rateLimit: false,
    clock,
    ...options,
  });
  onTestFinished(() => sandbox.close());
  return { sandbox, clock };
}

export function appOf(sandbox: Sandbox, seed: AppSeed = seedApps.demo): TokenApp {
  return {
    clientId: seed.clientId,
    ...(seed.clientSecret ? { clientSecret: seed.clientSecret } : {}),
    serverUrl: sandbox.url,
    tokenPath: '/restapi/oauth/token',
    revokePath: '/restapi/oauth/revoke',
  };
}

export interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  body: URLSearchParams;
}

/** The global fetch, recording every request it passes on. */
export function recordingFetch(): { fetch: FetchLike; seen: SeenRequest[]; tokenRequests: () => number } {
  const seen: SeenRequest[] = [];
  const fetchLike: FetchLike = (url, init) => {
    seen.push({
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: new URLSearchParams(String(init.body ?? '')),
    });
    return fetch(url, init);
  };
  return {
    fetch: fetchLike,
    seen,
    tokenRequests: () => seen.filter((request) => request.url.endsWith('/oauth/token')).length,
  };
}

/** A fetch that answers every request with `respond()` and never touches the network. */
export function scriptedFetch(
  respond: (url: string, init: RequestInit) => Response | Promise<Response>,
): FetchLike {
  return async (url, init) => respond(url, init);
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** Waits for a condition by polling the event loop; fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
