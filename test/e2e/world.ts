// The world the auto-authentication tests and benchmarks run in: the sandbox, a tool page on
// localhost (allowed) and another on 127.0.0.2 (not allowed), and helpers that create a vault
// with one connection, fetch the API from a tool page and read the worker's state and rules.
// Imported by e2e specs and bench/.
import { expect, type Page, test } from '@playwright/test';
import type { LogEntry, Sandbox, SandboxOptions } from '../../sandbox/index';
import { startSandbox } from '../../sandbox/index';
import { call, type Launched } from './harness';
import { startToolServer, type ToolServer } from './tool-server';

export const PASSWORD = 'a long master password';
/** An API read that needs the Bearer token: the token's own user. */
export const ME = '/restapi/v1.0/account/~/extension/~';
export const TOKEN_PATH = '/restapi/oauth/token';
export const REVOKE_PATH = '/restapi/oauth/revoke';
export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const REFRESH_GRANT = 'refresh_token';

export interface World {
  sandbox: Sandbox;
  tool: ToolServer;
  otherTool: ToolServer;
}

/** Test mode (short TTLs allowed) and no rate limit unless `options` say otherwise. */
export async function startWorld(options: Omit<SandboxOptions, 'seed'> = {}): Promise<World> {
  const sandbox = await startSandbox({ testMode: true, rateLimit: false, ...options });
  const tool = await startToolServer('127.0.0.1', 'localhost');
  const otherTool = await startToolServer('127.0.0.2');
  return { sandbox, tool, otherTool };
}

export async function stopWorld(world: World): Promise<void> {
  await Promise.all([world.sandbox.close(), world.tool.close(), world.otherTool.close()]);
}

/** A test's own world, and the API read (`ME`) on its sandbox. */
export interface TestWorld {
  world: World;
  api: string;
}

/**
 * A fresh world for each test of the file or `describe` block that calls it: started before the
 * test, stopped after it. Read it inside a test (`const { world, api } = current`), not before.
 */
export function worldPerTest(options: Omit<SandboxOptions, 'seed'> = {}): TestWorld {
  const current = {} as TestWorld;
  test.beforeEach(async () => {
    current.world = await startWorld(options);
    current.api = `${current.world.sandbox.url}${ME}`;
  });
  test.afterEach(async () => {
    await stopWorld(current.world);
  });
  return current;
}

export interface StatusView {
  connectionId: string;
  state: string;
  generation: number;
  expiresAt?: number;
  retryAt?: number;
  lastError?: { code: string; message: string };
  injecting: boolean;
}

/** The sandbox's demo app and a user's JWT as a RingCentral quick start's `.env` spells them. */
export function envFileFor(world: World, jwt = world.sandbox.jwts.demo): string {
  const demo = world.sandbox.seed.apps.demo;
  // The quick start's own spelling: spaces around "=", single quotes.
  return [
    '# RingCentral quick start',
    `RC_SERVER_URL = '${world.sandbox.url}'`,
    `RC_APP_CLIENT_ID = '${demo.clientId}'`,
    `RC_APP_CLIENT_SECRET = '${demo.clientSecret}'`,
    `RC_USER_JWT = '${jwt}'`,
    '',
  ].join('\n');
}

/** Sends one request to the worker and resolves to its value (the popup page's way, in any browser). */
export type Send = <T = unknown>(type: string, payload?: unknown) => Promise<T>;

/** Creates the vault and one connection from the sandbox's demo app and JWT to its API. */
export async function connect(popup: Page, world: World, jwt = world.sandbox.jwts.demo) {
  return connectThrough((type, payload) => call(popup, type, payload), world, jwt);
}

/** `connect`, through any way of talking to the worker (Firefox's tests send over Marionette). */
export async function connectThrough(send: Send, world: World, jwt = world.sandbox.jwts.demo) {
  const demo = world.sandbox.seed.apps.demo;
  await send('vault.create', { password: PASSWORD });
  const app = await send<{ id: string }>('apps.save', {
    app: {
      name: 'Demo',
      clientId: demo.clientId,
      clientSecret: demo.clientSecret,
      serverUrl: world.sandbox.url,
    },
  });
  const credential = await send<{ id: string }>('credentials.save', {
    credential: { label: 'Alice', jwt, allowed: { kind: 'organization' } },
  });
  const connection = await send<{ id: string }>('connections.save', {
    connection: {
      credentialId: credential.id,
      appId: app.id,
      apiBaseUrl: `${world.sandbox.url}/restapi/`,
      toolOrigins: [world.tool.origin],
      enabled: true,
    },
  });
  await expect.poll(async () => (await statusThrough(send))?.injecting).toBe(true);
  return connection;
}

/** The first (in these tests: only) connection's status as the popup sees it. */
export async function connectionStatus(popup: Page): Promise<StatusView | undefined> {
  return statusThrough((type, payload) => call(popup, type, payload));
}

export async function statusThrough(send: Send): Promise<StatusView | undefined> {
  return (await send<StatusView[]>('connections.status'))[0];
}

export async function toolFetch(page: Page, url: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (target) => {
    const response = await fetch(target);
    return { status: response.status, body: await response.json() };
  }, url);
}

/**
 * A tool polling the API every 500 ms for `durationMs`, as Swagger UI's "Try it out" clicked
 * over and over: each answer as "200", or its status and RingCentral's errorCode when it has one.
 */
export async function pollTool(page: Page, url: string, durationMs: number): Promise<string[]> {
  return page.evaluate(
    async ([target, duration]) => {
      const seen: string[] = [];
      const end = performance.now() + duration;
      while (performance.now() < end) {
        const started = performance.now();
        const response = await fetch(target);
        const body = (await response.json().catch(() => undefined)) as
          | { errors?: { errorCode?: string }[] }
          | undefined;
        const code = body?.errors?.[0]?.errorCode;
        seen.push(response.ok ? '200' : code ? `${response.status} ${code}` : String(response.status));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 500 - (performance.now() - started))));
      }
      return seen;
    },
    [url, durationMs] as const,
  );
}

/**
 * Opens a tool page in a new tab. With `pinned` (the default: the tool is allowed), waits until
 * the worker has pinned the header rule to the tab, as it does right after the page commits.
 */
export async function openTool(launched: Launched, origin: string, { pinned = true } = {}): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(`${origin}/`);
  if (pinned)
    await expect.poll(() => tabPinned(launched, page), { message: 'the tool tab is pinned' }).toBe(true);
  return page;
}

/** Whether a header rule is pinned to the tab showing `page` (read from an extension context). */
export async function tabPinned(launched: Launched, page: Page): Promise<boolean> {
  const extensionPage = launched.context.pages().find((p) => p.url().startsWith('chrome-extension://'));
  const read = async (url: string) => {
    const tabs = await chrome.tabs.query({});
    const ids = tabs.filter((tab) => tab.url === url).map((tab) => tab.id);
    const rules = await chrome.declarativeNetRequest.getSessionRules();
    const pinned = rules.flatMap((rule) => rule.condition.tabIds ?? []);
    return ids.length > 0 && ids.every((id) => id !== undefined && pinned.includes(id));
  };
  if (extensionPage) return extensionPage.evaluate(read, page.url());
  return (await launched.serviceWorker()).evaluate(read, page.url());
}

export interface SessionRule {
  id: number;
  action: { type: string; requestHeaders?: { header: string; value?: string }[] };
}

export async function sessionRules(popup: Page): Promise<SessionRule[]> {
  return popup.evaluate(() => chrome.declarativeNetRequest.getSessionRules()) as Promise<SessionRule[]>;
}

/** The access token the header rule injects now (a tool tab must be open), or undefined without one. */
export async function injectedToken(popup: Page): Promise<string | undefined> {
  const header = (await sessionRules(popup)).flatMap((r) => r.action.requestHeaders ?? [])[0];
  return header?.value?.slice('Bearer '.length);
}

/** The sandbox's token requests (exchange and refresh), oldest first. */
export function tokenRequests(log: LogEntry[]): LogEntry[] {
  return log.filter((entry) => entry.path === TOKEN_PATH);
}
