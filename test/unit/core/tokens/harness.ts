// A token manager wired to the real client and a sandbox on one manual clock, with a fake
// scheduler (the worker's chrome.alarms), a memory store and a recorded token listener.
// Imported by the manager tests only.
import type { AppSeed, Sandbox, SandboxOptions } from '../../../../sandbox/index';
import {
  type ActiveToken,
  type ConnectionConfig,
  createMemorySessionStore,
  createTokenClient,
  createTokenManager,
  type FetchLike,
  type Scheduler,
  type SessionStore,
  type TokenManager,
  type TokenPolicy,
} from '../../../../src/core/tokens';
import { appOf, recordingFetch, seedApps, startTestSandbox } from './fixtures';

export interface FakeScheduler extends Scheduler {
  pending: Map<string, number>;
}

export function fakeScheduler(): FakeScheduler {
  const pending = new Map<string, number>();
  return {
    pending,
    schedule: (id, at) => {
      pending.set(id, at);
    },
    cancel: (id) => {
      pending.delete(id);
    },
  };
}

export interface HarnessOptions {
  app?: AppSeed;
  jwt?: (sandbox: Sandbox) => string;
  sandbox?: Omit<SandboxOptions, 'seed' | 'clock'>;
  policy?: Partial<TokenPolicy>;
  store?: SessionStore;
}

export async function harness(options: HarnessOptions = {}) {
  const { sandbox, clock } = await startTestSandbox(options.sandbox);
  const recorder = recordingFetch();
  // Requests can be held at the door, to look at the manager while one is in flight.
  let gate: Promise<void> | undefined;
  let open = () => {};
  const hooks: { beforeRequest?: (body: URLSearchParams) => Promise<void> | void } = {};
  const gated: FetchLike = async (url, init) => {
    if (gate) await gate;
    await hooks.beforeRequest?.(new URLSearchParams(String(init.body ?? '')));
    return recorder.fetch(url, init);
  };
  const client = createTokenClient({ fetch: gated, clock });
  const scheduler = fakeScheduler();
  const store = options.store ?? createMemorySessionStore();
  const events: [string, ActiveToken | undefined][] = [];
  const config = (connectionId: string, app = options.app ?? seedApps.demo): ConnectionConfig => ({
    connectionId,
    app: appOf(sandbox, app),
    jwt: options.jwt?.(sandbox) ?? sandbox.jwts.demo,
  });
  const configs = new Map<string, ConnectionConfig>([['conn-1', config('conn-1')]]);
  let resolveError: Error | undefined;

  const makeManager = (): TokenManager =>
    createTokenManager({
      client,
      clock,
      scheduler,
      store,
      resolve: async (id) => {
        if (resolveError) throw resolveError;
        return configs.get(id);
      },
      onToken: (id, token) => {
        events.push([id, token]);
      },
      // The connection's own test request, as the worker makes it.
      probe: async (_id, accessToken) => {
        const response = await fetch(`${sandbox.url}/restapi/v1.0/account/~/extension/~`, {
          headers: { Authorization: `Bearer ${accessToken}` },
        });
        if (response.status !== 401) return { ok: true };
        const body = (await response.json()) as { errors?: { errorCode: string }[] };
        return { ok: false, code: body.errors?.[0]?.errorCode ?? 'none' };
      },
      ...(options.policy ? { policy: options.policy } : {}),
    });
  const manager = makeManager();

  return {
    /** Runs before each request reaches the sandbox, e.g. to inject a fault for one grant. */
    hooks,
    sandbox,
    clock,
    client,
    manager,
    makeManager,
    scheduler,
    store,
    events,
    configs,
    config,
    seen: recorder.seen,
    /** Token endpoint requests sent so far (revoke excluded). */
    tokenRequests: recorder.tokenRequests,
    revokeRequests: () => recorder.seen.filter((r) => r.url.endsWith('/oauth/revoke')).length,
    grants: () =>
      recorder.seen.filter((r) => r.url.endsWith('/oauth/token')).map((r) => r.body.get('grant_type')),
    failResolveWith: (error: Error | undefined) => {
      resolveError = error;
    },
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => {
      gate = undefined;
      open();
    },
    /** Moves the clock to the pending wake-up of `id` and delivers it. */
    async fire(id = 'conn-1') {
      const at = scheduler.pending.get(id);
      if (at === undefined) throw new Error(`nothing scheduled for ${id}`);
      scheduler.pending.delete(id);
      clock.set(Math.max(at, clock.now()));
      await manager.onScheduled(id);
    },
    async apiStatus(accessToken: string): Promise<number> {
      const response = await fetch(`${sandbox.url}/restapi/v1.0/account/~/extension/~`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      return response.status;
    },
  };
}

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
