// The Firefox build (FIREFOX_DIST, from `npm run build:firefox`) in a real headless Firefox ESR,
// loaded as a temporary add-on: the popup page creates the vault (Argon2id WebAssembly in the
// event page), locks, refuses a wrong password, unlocks; the Bearer header reaches the sandbox API
// from an allowed tool page (set up through the popup's own forms, and by messages), also once the
// idle event page has unloaded; a 401 brings a new token.
//
// Driven over Marionette, Firefox's own protocol (geckodriver's), by a small client in firefox/:
// Playwright's Firefox over WebDriver BiDi (channel "moz-firefox") fails to open a context in a
// stock ESR (it sends emulation.setMediaFeaturesOverride, an unknown command there) and cannot
// install add-ons; a BiDi client of our own needs WebSocket, behind a flag in Node 20. Marionette
// is length-prefixed JSON over TCP and installs temporary add-ons (Addon:Install).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { GECKO } from '../../manifest.config';
import { ADDON_ORIGIN, type Firefox, launchFirefox } from './firefox/launch';
import type { Reply } from './harness';
import { storedKdf } from './page-scripts';
import {
  connectThrough,
  envFileFor,
  JWT_GRANT,
  ME,
  PASSWORD,
  REFRESH_GRANT,
  type Send,
  startWorld,
  statusThrough,
  stopWorld,
  TOKEN_PATH,
  type World,
} from './world';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIREFOX_DIST = path.resolve(process.env.FIREFOX_DIST ?? path.join(ROOT, 'dist-firefox'));
const POPUP = `${ADDON_ORIGIN}/src/popup/index.html`;

/** A fresh Firefox with the build installed and the popup page open, quit after the test. */
const test = base.extend<{ firefox: Firefox; firefoxPrefs: Record<string, string | number | boolean> }>({
  firefoxPrefs: [{}, { option: true }],
  firefox: async ({ firefoxPrefs }, use, testInfo) => {
    expect(
      existsSync(path.join(FIREFOX_DIST, 'manifest.json')),
      `no build in ${FIREFOX_DIST}: run npm run build:firefox`,
    ).toBe(true);
    const firefox = await launchFirefox(firefoxPrefs);
    try {
      await firefox.installTemporaryAddon(FIREFOX_DIST);
      await firefox.navigate(POPUP);
      await use(firefox);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('firefox-output', { body: firefox.output(), contentType: 'text/plain' });
      await firefox.close();
    }
  },
});

/** The input inside the <label> whose own text is `label`. */
const field = (label: string) => `//label[normalize-space(text()[1])=${JSON.stringify(label)}]/input`;
const textBox = (label: string) => `//label[normalize-space(text()[1])=${JSON.stringify(label)}]/textarea`;
const button = (name: string) => `//button[normalize-space(.)=${JSON.stringify(name)}]`;

/** Opens a view of the unlocked popup from its navigation bar and waits until it shows. */
async function openView(firefox: Firefox, view: 'home' | 'credentials'): Promise<void> {
  await firefox.click(`//nav[@aria-label="Views"]//a[@href="#/${view}"]`);
  const current = () =>
    firefox.evaluate(
      () =>
        document.querySelector('nav[aria-label="Views"] a[aria-current="page"]')?.getAttribute('href') ?? '',
    );
  await expect.poll(current, { message: `the ${view} view shows` }).toBe(`#/${view}`);
}

/** The vault's state as the popup's header shows it. */
const vaultState = (firefox: Firefox) =>
  firefox.evaluate(() => document.querySelector('.vault-state[role="status"]')?.textContent ?? null);
const alertText = (firefox: Firefox) =>
  firefox.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? null);

/**
 * Submits a password form and waits for its outcome: the popup's alert when it shows one (such
 * as "Something went wrong inside the vault." when Argon2id cannot run), else the vault's state
 * once it has left `from`. A failure then fails at once, with its message.
 */
async function submitAndSettle(firefox: Firefox, submit: string, from: string): Promise<string | null> {
  await firefox.click(button(submit));
  const outcome = async () => (await alertText(firefox)) ?? (await vaultState(firefox));
  await expect.poll(outcome, { timeout: 30_000, message: `${submit} settles` }).not.toBe(from);
  return outcome();
}

/** Sends a request to the background page from the popup page, as the popup does. */
async function call<T = unknown>(firefox: Firefox, type: string, payload: unknown = {}): Promise<T> {
  const reply = await firefox.evaluate(
    (t: string, p: unknown) => browser.runtime.sendMessage({ type: t, payload: p }) as Promise<Reply>,
    type,
    payload,
  );
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

/** The vault and one connection from the sandbox's demo app and JWT, for the tool page. */
async function connectDemo(firefox: Firefox, world: World): Promise<void> {
  // Firefox makes every MV3 host permission optional; installing grants the manifest's local
  // hosts by default (extensions.originControls.grantByDefault), nothing else.
  const granted = await firefox.evaluate(() =>
    browser.permissions.contains({ origins: ['http://localhost/*', 'http://127.0.0.1/*'] }),
  );
  expect(granted, 'host access to localhost and 127.0.0.1 after install').toBe(true);

  await connectThrough(sender(firefox), world);
}

const sender =
  (firefox: Firefox): Send =>
  (type, payload) =>
    call(firefox, type, payload);

const connectionStatus = (firefox: Firefox) => statusThrough(sender(firefox));

/** A fetch from the current page, as the tool makes it. */
const fetchFromPage = (firefox: Firefox, url: string) =>
  firefox.evaluate(async (target: string) => {
    const response = await fetch(target);
    return { status: response.status, body: (await response.json()) as unknown };
  }, url);

test('Firefox runs the popup: create with Argon2id, lock, a wrong password, unlock', async ({ firefox }) => {
  await expect.poll(() => vaultState(firefox)).toBe('No vault yet');

  await firefox.type(field('Master password'), PASSWORD);
  await firefox.type(field('Confirm password'), PASSWORD);
  expect(await submitAndSettle(firefox, 'Create vault', 'No vault yet')).toBe('Unlocked');

  // The stored header names the default Argon2id parameters: the WebAssembly ran in Firefox's
  // event page under the extension's CSP (a blocked module would have failed the creation).
  const kdf = await firefox.evaluate(storedKdf);
  expect(kdf).toEqual({ id: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });

  await firefox.click(button('Lock'));
  await expect.poll(() => vaultState(firefox)).toBe('Locked');

  await firefox.type(field('Master password'), 'not the password');
  expect(await submitAndSettle(firefox, 'Unlock', 'Locked')).toBe('The password is not correct.');
  expect(await vaultState(firefox)).toBe('Locked');

  await firefox.type(field('Master password'), PASSWORD);
  // The last attempt's alert may still show a moment after this click: wait for the state.
  await firefox.click(button('Unlock'));
  await expect.poll(() => vaultState(firefox), { timeout: 30_000 }).toBe('Unlocked');
});

test.describe('Bearer injection in Firefox', () => {
  // Firefox unloads an idle event page after 30 s; sooner here, to see that the header and the
  // unlocked vault outlive the page.
  test.use({ firefoxPrefs: { 'extensions.background.idle.timeout': 2_000 } });
  let world: World;
  test.beforeEach(async () => {
    world = await startWorld();
  });
  test.afterEach(async () => {
    await stopWorld(world);
  });

  test('a fetch from the allowed tool carries the token, after the event page unloads too; another origin gets none', async ({
    firefox,
  }) => {
    await connectDemo(firefox, world);
    await world.sandbox.admin.clearLog();

    await firefox.navigate(`${world.tool.origin}/`);
    await expect
      .poll(() => firefox.backgroundState(GECKO.id), { message: 'the idle event page unloads' })
      .toBe('stopped');
    const mine = await fetchFromPage(firefox, `${world.sandbox.url}${ME}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: 208594004, extensionNumber: '101' });

    await firefox.navigate(`${world.otherTool.origin}/`);
    expect((await fetchFromPage(firefox, `${world.sandbox.url}${ME}`)).status).toBe(401);

    const apiCalls = (await world.sandbox.admin.log()).filter((entry) => entry.path === ME);
    expect(apiCalls.map((entry) => [entry.origin, entry.authScheme])).toEqual([
      [world.tool.origin, 'Bearer'],
      [world.otherTool.origin, 'none'],
    ]);

    // The popup wakes the page; the vault is still unlocked and still injecting.
    await firefox.navigate(POPUP);
    await expect.poll(() => vaultState(firefox)).toBe('Unlocked');
    expect((await connectionStatus(firefox))?.injecting).toBe(true);
  });

  test("the popup's own forms: import a .env, add the connection; the tool's request carries the token", async ({
    firefox,
  }) => {
    await expect.poll(() => vaultState(firefox)).toBe('No vault yet');
    await firefox.type(field('Master password'), PASSWORD);
    await firefox.type(field('Confirm password'), PASSWORD);
    expect(await submitAndSettle(firefox, 'Create vault', 'No vault yet')).toBe('Unlocked');

    // The import is a page of the Credentials view, the connections on the home view.
    await openView(firefox, 'credentials');
    await firefox.click('//a[@href="#/credentials/import"]');
    await firefox.type(textBox('.env contents or a JWT'), envFileFor(world));
    await firefox.type(field('App name'), 'Demo');
    await firefox.type(field('Credential label'), 'Alice');
    await firefox.click(button('Save app and credential'));
    const listed = () =>
      firefox.evaluate(
        () => document.querySelector('[aria-labelledby="credentials-title"] li')?.textContent ?? '',
      );
    await expect.poll(listed, { message: 'the credential is listed' }).toContain('Alice');

    // The form starts with the one credential and the app it allows; the API is the app's.
    await openView(firefox, 'home');
    await firefox.click('//a[@href="#/home/new"]');
    await firefox.type(field('API base URL'), `${world.sandbox.url}/restapi/`);
    await firefox.type(textBox('Tool origins (one per line)'), world.tool.origin);
    await firefox.click(button('Save connection'));
    const chip = () =>
      firefox.evaluate(
        () => document.querySelector('[aria-labelledby="connections-title"] .chip')?.textContent ?? '',
      );
    await expect.poll(chip, { message: 'the connection gets its token', timeout: 30_000 }).toBe('active');

    await world.sandbox.admin.clearLog();
    await firefox.navigate(`${world.tool.origin}/`);
    expect((await fetchFromPage(firefox, `${world.sandbox.url}${ME}`)).status).toBe(200);
    const [apiCall] = (await world.sandbox.admin.log()).filter((entry) => entry.path === ME);
    expect([apiCall?.origin, apiCall?.authScheme]).toEqual([world.tool.origin, 'Bearer']);
  });

  test('a 401 wakes the unloaded event page, which gets a new token: the next fetch succeeds', async ({
    firefox,
  }) => {
    await connectDemo(firefox, world);
    const before = await connectionStatus(firefox);

    await firefox.navigate(`${world.tool.origin}/`);
    expect((await fetchFromPage(firefox, `${world.sandbox.url}${ME}`)).status).toBe(200);
    await expect
      .poll(() => firefox.backgroundState(GECKO.id), { message: 'the idle event page unloads' })
      .toBe('stopped');
    // The session ends at the server, as an admin revoking the user's tokens would.
    for (const session of (await world.sandbox.admin.state()).sessions) {
      await world.sandbox.admin.revokeSession({ sessionId: session.id });
    }
    await world.sandbox.admin.clearLog();

    // webRequest sees the 401 (observing only), which wakes the page to re-exchange.
    expect((await fetchFromPage(firefox, `${world.sandbox.url}${ME}`)).status).toBe(401);
    await expect
      .poll(async () => (await fetchFromPage(firefox, `${world.sandbox.url}${ME}`)).status, {
        message: 'a fetch with a new token',
      })
      .toBe(200);
    // The revoked session's refresh token is refused, so the one flight falls back to the JWT.
    const tokenRequests = (await world.sandbox.admin.log()).filter((entry) => entry.path === TOKEN_PATH);
    expect(tokenRequests.map((entry) => [entry.grantType, entry.status])).toEqual([
      [REFRESH_GRANT, 400],
      [JWT_GRANT, 200],
    ]);

    await firefox.navigate(POPUP);
    expect((await connectionStatus(firefox))?.generation).toBe(before!.generation + 1);
  });
});
