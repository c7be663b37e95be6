// A typed client for the admin surface, for tests and scripts; it speaks HTTP like any other client.

import type { CredentialView, StateView } from './admin';
import type { BoxConfig } from './box';
import type { ClientAssertionDemo, ClientAssertionProvider } from './client-assertion';
import type { TtlSettings } from './context';
import type { DocusignDemo } from './docusign';
import type { RateLimitSettings } from './rate-limit';
import type { LogEntry } from './request-log';
import type { SalesforceDemo } from './salesforce';
import type { Restriction } from './state';
import type { ZoomDemo } from './zoom';

export class SandboxAdminError extends Error {
  override name = 'SandboxAdminError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A credential as the admin surface returns it, JWT included. */
export type IssuedCredential = CredentialView;

export interface AdminClient {
  state(): Promise<StateView>;
  log(): Promise<LogEntry[]>;
  clearLog(): Promise<void>;
  /** Seed state, start settings, empty log; the key and the seed JWTs stay. */
  reset(): Promise<void>;
  /** The demo Google service account's key file, as the Cloud console downloads one. */
  googleKeyFile(): Promise<Record<string, string>>;
  /** The demo Salesforce connected app: consumer key, username, login URL, PKCS#1 key. */
  salesforceDemo(): Promise<SalesforceDemo>;
  /** false: the demo user is not pre-authorized for the app ("user hasn't approved this consumer"). */
  setSalesforceApproved(approved: boolean): Promise<void>;
  /** The demo private_key_jwt clients of Okta, Auth0 and Entra. */
  clientAssertionDemo(): Promise<Record<ClientAssertionProvider, ClientAssertionDemo>>;
  setClientAssertionRevoked(provider: ClientAssertionProvider, revoked: boolean): Promise<void>;
  /** The demo Zoom server-to-server app: account ID, client ID and secret, token URL. */
  zoomDemo(): Promise<ZoomDemo>;
  setZoomRevoked(revoked: boolean): Promise<void>;
  /** The demo Box app's config.json, as the developer console downloads it (its key encrypted). */
  boxDemo(): Promise<BoxConfig>;
  /** false: the enterprise admin has not authorized the app (`unauthorized_client`). */
  setBoxAuthorized(authorized: boolean): Promise<void>;
  /** The demo DocuSign integration: key, user, account server, PKCS#1 key, consent link, API base. */
  docusignDemo(): Promise<DocusignDemo>;
  /** false: the demo user has not consented (`consent_required`) until the consent link is opened. */
  setDocusignConsent(consented: boolean): Promise<void>;
  /** Seconds; below 600 only in test mode. */
  setTtl(ttl: Partial<TtlSettings>): Promise<TtlSettings>;
  issueCredential(input: {
    userId: number;
    label?: string;
    restriction?: Restriction;
    /** ISO date; omitted or null: no expiry. */
    expiresAt?: string | null;
  }): Promise<IssuedCredential>;
  revokeCredential(id: string): Promise<void>;
  expireCredential(id: string): Promise<void>;
  deleteCredential(id: string): Promise<void>;
  revokeSession(target: { sessionId: string } | { token: string }): Promise<void>;
  /** false switches the Auth group off; partial settings keep the rest. */
  setRateLimit(settings: Partial<RateLimitSettings> | false): Promise<void>;
  /** Starts the penalty now, for one user or everyone. */
  rateLimitNow(userId?: number): Promise<void>;
  /** The next `count` non-admin requests (optionally only under `pathPrefix`) fail. */
  failNext(fault: {
    count?: number;
    status?: 401 | 429 | 500 | 503;
    retryAfterSeconds?: number;
    pathPrefix?: string;
  }): Promise<void>;
  setLatency(ms: number): Promise<void>;
  /** Moves the sandbox clock forward; token and penalty times follow it. */
  advanceClock(seconds: number): Promise<void>;
  /** Connection refused from the moment this resolves; back after upAfterMs, or on up(). */
  down(options?: { upAfterMs?: number }): Promise<void>;
  /** Only for an in-process sandbox: nothing answers HTTP while it is down. */
  up(): Promise<void>;
}

export function createAdminClient(url: string, token: string, local?: { up(): Promise<void> }): AdminClient {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__sandbox/${path}`, {
      method,
      headers: {
        'X-Sandbox-Admin': token,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      throw new SandboxAdminError(response.status, String(json.errorCode), String(json.message));
    }
    return json as T;
  };
  const post = async (path: string, body: unknown = {}) => {
    await call('POST', path, body);
  };

  return {
    state: () => call<StateView>('GET', 'state'),
    log: async () => (await call<{ entries: LogEntry[] }>('GET', 'log')).entries,
    clearLog: () => post('log/clear'),
    reset: () => post('reset'),
    googleKeyFile: () => call<Record<string, string>>('GET', 'google/key-file'),
    salesforceDemo: () => call<SalesforceDemo>('GET', 'salesforce/demo'),
    setSalesforceApproved: (approved) => post('salesforce/approved', { approved }),
    clientAssertionDemo: () =>
      call<Record<ClientAssertionProvider, ClientAssertionDemo>>('GET', 'client-assertion/demo'),
    setClientAssertionRevoked: (provider, revoked) => post('client-assertion/revoked', { provider, revoked }),
    zoomDemo: () => call<ZoomDemo>('GET', 'zoom/demo'),
    setZoomRevoked: (revoked) => post('zoom/revoked', { revoked }),
    boxDemo: () => call<BoxConfig>('GET', 'box/demo'),
    setBoxAuthorized: (authorized) => post('box/authorized', { authorized }),
    docusignDemo: () => call<DocusignDemo>('GET', 'docusign/demo'),
    setDocusignConsent: (consented) => post('docusign/consent', { consented }),
    setTtl: async (ttl) => (await call<{ ttl: TtlSettings }>('POST', 'ttl', ttl)).ttl,
    issueCredential: (input) => call<IssuedCredential>('POST', 'credentials', input),
    revokeCredential: (id) => post('credentials/revoke', { id }),
    expireCredential: (id) => post('credentials/expire', { id }),
    deleteCredential: (id) => post('credentials/delete', { id }),
    revokeSession: (target) => post('sessions/revoke', target),
    setRateLimit: (settings) => post('rate-limit', settings === false ? { enabled: false } : settings),
    rateLimitNow: (userId) => post('rate-limit/now', userId === undefined ? {} : { userId }),
    failNext: (fault) => post('faults', fault),
    setLatency: (ms) => post('latency', { ms }),
    advanceClock: (seconds) => post('clock/advance', { seconds }),
    down: (options = {}) => post('down', options),
    up: async () => {
      if (!local) throw new Error('up() needs the in-process sandbox; use down({ upAfterMs }) remotely');
      await local.up();
    },
  };
}
