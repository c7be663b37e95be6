// A Google service account through the popup, as a person adds one, against the sandbox's strict
// Google token endpoint: the key file pasted, a connection to the API, and a tool's requests
// authenticated through three 20 s token lifetimes — each token got with a fresh signed assertion,
// there being no refresh token — with none sent without the header and no 401. A key Google does
// not accept is explained, and replacing the key file brings the connection back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LogEntry } from '../../sandbox/index';
import { expect, test } from './fixtures';
import { openPopup } from './harness';
import { connectInForm, createVault, openPage, region } from './popup-steps';
import { openTool, pollTool, toolFetch, worldPerTest } from './world';

const TOKEN = '/google/token';
const WHOAMI = '/google/api/whoami';
const LIFETIME_SECONDS = 20;

const googleApi = (log: LogEntry[]) => log.filter((entry) => entry.path.startsWith('/google/api/'));
const googleTokens = (log: LogEntry[]) => log.filter((entry) => entry.path === TOKEN);

/** Adds the credential through Credentials → Add credential → Google service account. */
async function addServiceAccount(popup: import('@playwright/test').Page, keyFile: string) {
  const page = await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  await page.getByLabel('Google service account').check();
  const form = page.getByRole('form', { name: 'Add a credential' });
  await form.getByLabel('Key file', { exact: true }).fill(keyFile);
  const preview = form.getByLabel('Key file, read');
  await expect(preview).toContainText(JSON.parse(keyFile).client_email);
  await expect(preview).toContainText('RSA 2048-bit');
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(form).toHaveCount(0);
}

test.describe('Google service account', () => {
  const current = worldPerTest();

  test('key file → connection → a tool authenticated through three 20 s lifetimes, every token a new assertion', async ({
    extension,
  }) => {
    test.setTimeout(150_000);
    const { world } = current;
    const keyFile = JSON.stringify(await world.sandbox.admin.googleKeyFile(), null, 2);
    const email = JSON.parse(keyFile).client_email as string;
    await world.sandbox.admin.setTtl({ accessToken: LIFETIME_SECONDS });
    const popup = await openPopup(extension);
    await createVault(popup);
    await addServiceAccount(popup, keyFile);
    // What the page keeps of it: no key, anywhere in its DOM.
    expect(await popup.content()).not.toContain('PRIVATE KEY');
    await connectInForm(popup, {
      credential: email,
      apiBaseUrl: `${world.sandbox.url}/google/api/`,
      toolOrigin: world.tool.origin,
    });
    const tool = await openTool(extension, world.tool.origin);
    await world.sandbox.admin.clearLog();

    // A tool polling every 500 ms for a little over three lifetimes.
    const answers = await pollTool(tool, `${world.sandbox.url}${WHOAMI}`, LIFETIME_SECONDS * 3_000 + 5_000);

    const log = await world.sandbox.admin.log();
    expect(answers.length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((status) => status !== '200')).toEqual([]);
    // Every request reached the API with the header, and none was refused.
    expect(googleApi(log).length).toBe(answers.length);
    expect(googleApi(log).filter((entry) => entry.authScheme !== 'Bearer')).toEqual([]);
    expect(googleApi(log).filter((entry) => entry.status === 401)).toEqual([]);
    // A new token before each expiry (at half the lifetime), each a signed assertion.
    const tokens = googleTokens(log);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tokens.map((entry) => `${entry.status} ${entry.grantType}`))).toEqual(
      new Set(['200 urn:ietf:params:oauth:grant-type:jwt-bearer']),
    );
    expect(tokens.every((entry) => entry.authScheme === 'none')).toBe(true);
    test.info().annotations.push({
      type: 'Google tokens',
      description: `${tokens.length} assertions over ${answers.length} tool requests, 0 without the header, 0 401s`,
    });
  });

  test('a key Google does not accept is explained, and replacing the key file brings the connection back', async ({
    extension,
  }) => {
    const { world } = current;
    const good = await world.sandbox.admin.googleKeyFile();
    // The account's own file, but holding another key: as after the key was deleted in the console.
    const otherKey = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../fixtures/keys/google-service-account.json'), 'utf8'),
    ).private_key as string;
    const popup = await openPopup(extension);
    await createVault(popup);
    await addServiceAccount(popup, JSON.stringify({ ...good, private_key: otherKey }));

    const connections = await region(popup, 'Connections');
    await connections.getByRole('link', { name: 'Add connection' }).click();
    const form = popup.getByRole('form', { name: 'Add a connection' });
    await expect(form.getByLabel('App')).toHaveCount(0);
    await form.getByLabel('API base URL').fill(`${world.sandbox.url}/google/api/`);
    await form.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect(form).toHaveCount(0);
    const card = connections.getByRole('listitem').filter({ hasText: good.client_email! });
    await expect(card.locator('.chip')).toHaveText(/^failed: Google did not accept the key's signature/, {
      timeout: 30_000,
    });

    const page = await openPage(popup, 'Credentials', good.client_email!);
    await page.getByLabel('New key file (leave empty to keep the key)').fill(JSON.stringify(good));
    await expect(page.getByLabel('New key', { exact: true })).toContainText('RSA 2048-bit');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const home = await region(popup, 'Connections');
    await expect(
      home.getByRole('listitem').filter({ hasText: good.client_email! }).locator('.chip'),
    ).toHaveText('active', { timeout: 30_000 });
    const tool = await openTool(extension, world.tool.origin);
    expect((await toolFetch(tool, `${world.sandbox.url}${WHOAMI}`)).status).toBe(200);
  });
});
