// The Salesforce and client-assertion (private_key_jwt) kinds through the popup, as a person adds
// them, against the sandbox's strict emulations: the key pasted, a connection, and a tool's
// requests authenticated across three 20 s token lifetimes with none sent without the header and
// no 401; and each refusal a person can meet — a user not approved for the app, a deactivated
// client, a wrong audience, a rate-limited token endpoint — explained, then recovered from once
// fixed, by the vault alone or with one click.
import type { Page } from '@playwright/test';
import { DOCUSIGN_DEMO_ACCOUNT_ID } from '../../sandbox/docusign';
import type { LogEntry } from '../../sandbox/index';
import { expect, test } from './fixtures';
import { openPopup } from './harness';
import { connectInForm, createVault, openPage, region } from './popup-steps';
import { openTool, pollTool, toolFetch, worldPerTest } from './world';

const LIFETIME_SECONDS = 20;
const CLIENT_ASSERTION = 'Client credentials, signed assertion (private_key_jwt)';

const under = (log: LogEntry[], prefix: string) => log.filter((entry) => entry.path.startsWith(prefix));

/** The add form of a kind, from Credentials → Add credential. */
async function addForm(popup: Page, kind: string, marker: string) {
  const page = await openPage(popup, 'Credentials', 'Add credential', 'Add a credential');
  await page.getByLabel(kind).check();
  const form = page.getByRole('form', { name: 'Add a credential' });
  await expect(form.getByLabel(marker)).toBeVisible();
  return form;
}

async function pasteKeyAndSave(form: ReturnType<Page['getByRole']>, key: string) {
  await form.getByLabel('Private key', { exact: true }).fill(key);
  await expect(form.getByLabel('Key, read')).toContainText('RSA 2048-bit');
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(form).toHaveCount(0);
}

async function addSalesforce(
  popup: Page,
  demo: { consumerKey: string; username: string; loginUrl: string; privateKey: string },
) {
  const form = await addForm(popup, 'Salesforce JWT bearer', 'Consumer key');
  await form.getByLabel('Consumer key').fill(demo.consumerKey);
  await form.getByLabel('Username').fill(demo.username);
  await form.getByLabel('My Domain', { exact: true }).check();
  await form.getByLabel('My Domain URL').fill(demo.loginUrl);
  await expect(form.getByLabel('What the vault sends')).toContainText(`"aud": "${demo.loginUrl}"`);
  await pasteKeyAndSave(form, demo.privateKey);
}

/** A connection whose API the form starts at (the Salesforce instance), checked, then saved. */
async function connectAtStart(popup: Page, credential: string, api: string, toolOrigin: string) {
  const connections = await region(popup, 'Connections');
  await connections.getByRole('link', { name: 'Add connection' }).click();
  const form = popup.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Credential').selectOption({ label: credential });
  await expect(form.getByLabel('App')).toHaveCount(0);
  await expect(form.getByLabel('API base URL')).toHaveValue(api);
  await form.getByLabel('Tool origins (one per line)').fill(toolOrigin);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form).toHaveCount(0);
  return connections.getByRole('listitem').filter({ hasText: credential });
}

test.describe('Salesforce JWT bearer', () => {
  const current = worldPerTest();

  test('key → connection at the instance → a tool authenticated through three 20 s session timeouts', async ({
    extension,
  }) => {
    test.setTimeout(150_000);
    const { world } = current;
    const demo = await world.sandbox.admin.salesforceDemo();
    await world.sandbox.admin.setTtl({ accessToken: LIFETIME_SECONDS });
    const popup = await openPopup(extension);
    await createVault(popup);
    await addSalesforce(popup, demo);
    expect(await popup.content()).not.toContain('PRIVATE KEY');
    // A My Domain login URL is the org's instance: the connection's API starts there.
    const card = await connectAtStart(popup, demo.username, `${demo.loginUrl}/services/`, world.tool.origin);
    await expect(card.locator('.chip')).toHaveText('active', { timeout: 30_000 });
    const tool = await openTool(extension, world.tool.origin);
    await world.sandbox.admin.clearLog();

    const answers = await pollTool(
      tool,
      `${world.sandbox.url}/salesforce/services/data/v61.0/sobjects`,
      LIFETIME_SECONDS * 3_000 + 5_000,
    );
    const log = await world.sandbox.admin.log();
    const api = under(log, '/salesforce/services/data/');
    expect(answers.length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((status) => status !== '200')).toEqual([]);
    expect(api.length).toBe(answers.length);
    expect(api.filter((entry) => entry.authScheme !== 'Bearer')).toEqual([]);
    // A session in use lives on, and the vault renews only at the shortest timeout an org can
    // set (15 minutes): no new assertion was needed in these 65 s.
    const tokens = under(log, '/salesforce/services/oauth2/token');
    expect(tokens.filter((entry) => entry.status !== 200)).toEqual([]);
    test.info().annotations.push({
      type: 'Salesforce tokens',
      description: `${tokens.length} assertions over ${answers.length} tool requests, 0 without the header, 0 401s`,
    });
  });

  test('a user not approved for the app is explained, and the connection comes back once approved', async ({
    extension,
  }) => {
    const { world } = current;
    const demo = await world.sandbox.admin.salesforceDemo();
    await world.sandbox.admin.setSalesforceApproved(false);
    const popup = await openPopup(extension);
    await createVault(popup);
    await addSalesforce(popup, demo);
    const card = await connectAtStart(popup, demo.username, `${demo.loginUrl}/services/`, world.tool.origin);
    await expect(card.locator('.chip')).toHaveText(
      /^failed: Salesforce says this user has not approved the connected app/,
      { timeout: 30_000 },
    );

    // The admin pre-authorizes the user; one click asks again.
    await world.sandbox.admin.setSalesforceApproved(true);
    await card.getByRole('button', { name: /^Refresh now/ }).click();
    await expect(card.locator('.chip')).toHaveText('active', { timeout: 30_000 });
    const tool = await openTool(extension, world.tool.origin);
    expect((await toolFetch(tool, `${world.sandbox.url}/salesforce/services/data/v61.0/`)).status).toBe(200);
  });
});

test.describe('client credentials with a signed assertion', () => {
  const current = worldPerTest();

  test('Entra: key and certificate → connection → a tool authenticated through three 20 s lifetimes, each token a new assertion', async ({
    extension,
  }) => {
    test.setTimeout(150_000);
    const { world } = current;
    const demo = (await world.sandbox.admin.clientAssertionDemo()).entra;
    await world.sandbox.admin.setTtl({ accessToken: LIFETIME_SECONDS });
    const popup = await openPopup(extension);
    await createVault(popup);
    const form = await addForm(popup, CLIENT_ASSERTION, 'Client ID');
    await form.getByLabel('Microsoft Entra').check();
    await form.getByLabel('Client ID').fill(demo.clientId);
    await form.getByLabel('Token URL').fill(demo.tokenUrl);
    await form.getByLabel('Scopes (one per line)').fill(demo.scope!);
    await form.getByLabel('Certificate', { exact: true }).fill(demo.certificate!);
    await expect(form.getByLabel('What the vault sends')).toContainText('"x5t#S256"');
    await pasteKeyAndSave(form, demo.privateKey);
    await connectInForm(popup, {
      credential: demo.clientId,
      apiBaseUrl: `${world.sandbox.url}/entra/api/`,
      toolOrigin: world.tool.origin,
    });
    const tool = await openTool(extension, world.tool.origin);
    await world.sandbox.admin.clearLog();

    const answers = await pollTool(
      tool,
      `${world.sandbox.url}/entra/api/me`,
      LIFETIME_SECONDS * 3_000 + 5_000,
    );
    const log = await world.sandbox.admin.log();
    const api = under(log, '/entra/api/');
    expect(answers.length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((status) => status !== '200')).toEqual([]);
    expect(api.length).toBe(answers.length);
    expect(api.filter((entry) => entry.authScheme !== 'Bearer')).toEqual([]);
    // A new token before each expiry, each a client_credentials grant with a fresh assertion.
    const tokens = log.filter((entry) => entry.path.endsWith('/oauth2/v2.0/token'));
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tokens.map((entry) => `${entry.status} ${entry.grantType} ${entry.clientId}`))).toEqual(
      new Set([`200 client_credentials ${demo.clientId}`]),
    );
    test.info().annotations.push({
      type: 'Entra tokens',
      description: `${tokens.length} assertions over ${answers.length} tool requests, 0 without the header, 0 401s`,
    });
  });

  test('Okta: a deactivated client and a wrong audience are explained, and each recovers once fixed', async ({
    extension,
  }) => {
    const { world } = current;
    const demo = (await world.sandbox.admin.clientAssertionDemo()).okta;
    await world.sandbox.admin.setClientAssertionRevoked('okta', true);
    const popup = await openPopup(extension);
    await createVault(popup);
    // "Another server" pointed at Okta, with an audience Okta does not check for.
    const form = await addForm(popup, CLIENT_ASSERTION, 'Client ID');
    await form.getByLabel('Another server').check();
    await form.getByLabel('Client ID').fill(demo.clientId);
    await form.getByLabel('Token URL').fill(demo.tokenUrl);
    await form.getByLabel('Audience (aud, optional)').fill(`${world.sandbox.url}/okta`);
    await form.getByLabel('Scopes (one per line, optional)').fill(demo.scope!);
    await form.getByLabel('Key ID (kid, optional)').fill(demo.keyId);
    await pasteKeyAndSave(form, demo.privateKey);

    const connections = await region(popup, 'Connections');
    await connections.getByRole('link', { name: 'Add connection' }).click();
    const add = popup.getByRole('form', { name: 'Add a connection' });
    await add.getByLabel('API base URL').fill(`${world.sandbox.url}/okta/api/`);
    await add.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
    await add.getByRole('button', { name: 'Save connection' }).click();
    await expect(add).toHaveCount(0);
    const card = connections.getByRole('listitem').filter({ hasText: demo.clientId });
    await expect(card.locator('.chip')).toHaveText(
      /^failed: The authorization server says this client is deactivated/,
      {
        timeout: 30_000,
      },
    );

    await world.sandbox.admin.setClientAssertionRevoked('okta', false);
    await card.getByRole('button', { name: /^Refresh now/ }).click();
    await expect(card.locator('.chip')).toHaveText(
      /^failed: The authorization server refused the assertion's audience/,
      {
        timeout: 30_000,
      },
    );

    // The audience fixed on the credential's page: the connection asks again by itself.
    const page = await openPage(popup, 'Credentials', demo.clientId);
    await page.getByLabel('Audience (aud, optional)').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const home = await region(popup, 'Connections');
    await expect(home.getByRole('listitem').filter({ hasText: demo.clientId }).locator('.chip')).toHaveText(
      'active',
      {
        timeout: 30_000,
      },
    );
    const tool = await openTool(extension, world.tool.origin);
    expect((await toolFetch(tool, `${world.sandbox.url}/okta/api/whoami`)).status).toBe(200);
  });

  test('Auth0: a rate-limited token endpoint is explained, and the vault asks again when it said to', async ({
    extension,
  }) => {
    const { world } = current;
    const demo = (await world.sandbox.admin.clientAssertionDemo()).auth0;
    await world.sandbox.admin.failNext({ status: 429, retryAfterSeconds: 3, pathPrefix: '/auth0/oauth/' });
    const popup = await openPopup(extension);
    await createVault(popup);
    const form = await addForm(popup, CLIENT_ASSERTION, 'Client ID');
    await form.getByLabel('Auth0').check();
    await form.getByLabel('Client ID').fill(demo.clientId);
    await form.getByLabel('Token URL').fill(demo.tokenUrl);
    await form.getByLabel('API audience').fill(demo.audience!);
    await form.getByLabel('Key ID (kid, optional)').fill(demo.keyId);
    await pasteKeyAndSave(form, demo.privateKey);

    const connections = await region(popup, 'Connections');
    await connections.getByRole('link', { name: 'Add connection' }).click();
    const add = popup.getByRole('form', { name: 'Add a connection' });
    await add.getByLabel('API base URL').fill(`${world.sandbox.url}/auth0/api/`);
    await add.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
    await add.getByRole('button', { name: 'Save connection' }).click();
    await expect(add).toHaveCount(0);
    const card = connections.getByRole('listitem').filter({ hasText: demo.clientId });
    await expect(card).toContainText("Auth0's limit on token requests was reached", { timeout: 30_000 });
    // No click: Retry-After passes and the vault asks again.
    await expect(card.locator('.chip')).toHaveText('active', { timeout: 30_000 });
    const tokens = (await world.sandbox.admin.log()).filter((entry) => entry.path === '/auth0/oauth/token');
    expect(tokens.map((entry) => entry.status)).toEqual([429, 200]);
    expect(Date.parse(tokens[1]!.at) - Date.parse(tokens[0]!.at)).toBeGreaterThanOrEqual(2_500);
    const tool = await openTool(extension, world.tool.origin);
    expect((await toolFetch(tool, `${world.sandbox.url}/auth0/api/whoami`)).status).toBe(200);
  });
});

test.describe('client credentials with a secret', () => {
  const current = worldPerTest();

  async function addZoom(
    popup: Page,
    demo: { accountId: string; clientId: string; clientSecret: string; tokenUrl: string },
    secret = demo.clientSecret,
  ) {
    const form = await addForm(
      popup,
      'Client credentials, client secret (Zoom server-to-server)',
      'Account ID',
    );
    await form.getByLabel('Account ID').fill(demo.accountId);
    await form.getByLabel('Client ID').fill(demo.clientId);
    await form.getByLabel('Client secret').fill(secret);
    await form.getByLabel('Token URL').fill(demo.tokenUrl);
    await form.getByRole('button', { name: 'Save credential' }).click();
    await expect(form).toHaveCount(0);
  }

  test('Zoom: a tool authenticated through three 20 s lifetimes, a new token before each expiry', async ({
    extension,
  }) => {
    test.setTimeout(150_000);
    const { world } = current;
    const demo = await world.sandbox.admin.zoomDemo();
    await world.sandbox.admin.setTtl({ accessToken: LIFETIME_SECONDS });
    const popup = await openPopup(extension);
    await createVault(popup);
    await addZoom(popup, demo);
    expect(await popup.content()).not.toContain(demo.clientSecret);
    await connectInForm(popup, {
      credential: demo.clientId,
      apiBaseUrl: `${world.sandbox.url}/zoom/v2/`,
      toolOrigin: world.tool.origin,
    });
    const tool = await openTool(extension, world.tool.origin);
    await world.sandbox.admin.clearLog();
    const answers = await pollTool(
      tool,
      `${world.sandbox.url}/zoom/v2/users/me`,
      LIFETIME_SECONDS * 3_000 + 5_000,
    );
    const log = await world.sandbox.admin.log();
    const api = under(log, '/zoom/v2/');
    expect(answers.length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((status) => status !== '200')).toEqual([]);
    expect(api.length).toBe(answers.length);
    expect(api.filter((entry) => entry.authScheme !== 'Bearer')).toEqual([]);
    const tokens = under(log, '/zoom/oauth/token');
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tokens.map((entry) => `${entry.status} ${entry.grantType} ${entry.authScheme}`))).toEqual(
      new Set(['200 account_credentials Basic']),
    );
    test.info().annotations.push({
      type: 'Zoom tokens',
      description: `${tokens.length} token requests over ${answers.length} tool requests, 0 without the header, 0 401s`,
    });
  });

  test('Zoom: a wrong secret and a deactivated app are explained, and each recovers once fixed', async ({
    extension,
  }) => {
    const { world } = current;
    const demo = await world.sandbox.admin.zoomDemo();
    const popup = await openPopup(extension);
    await createVault(popup);
    await addZoom(popup, demo, 'an-old-secret');
    const connections = await region(popup, 'Connections');
    await connections.getByRole('link', { name: 'Add connection' }).click();
    const add = popup.getByRole('form', { name: 'Add a connection' });
    await expect(add.getByLabel('API base URL')).toHaveValue('https://api.zoom.us/v2/');
    await add.getByLabel('API base URL').fill(`${world.sandbox.url}/zoom/v2/`);
    await add.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
    await add.getByRole('button', { name: 'Save connection' }).click();
    await expect(add).toHaveCount(0);
    const card = connections.getByRole('listitem').filter({ hasText: demo.clientId });
    await expect(card.locator('.chip')).toHaveText(/^failed: Zoom did not accept the client ID and secret/, {
      timeout: 30_000,
    });

    // The app deactivated meanwhile: the new secret meets that.
    await world.sandbox.admin.setZoomRevoked(true);
    const page = await openPage(popup, 'Credentials', demo.clientId);
    await page.getByLabel('New client secret (leave empty to keep it)').fill(demo.clientSecret);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const home = await region(popup, 'Connections');
    const again = home.getByRole('listitem').filter({ hasText: demo.clientId });
    await expect(again.locator('.chip')).toHaveText(/^failed: Zoom says this app is deactivated/, {
      timeout: 30_000,
    });

    await world.sandbox.admin.setZoomRevoked(false);
    await again.getByRole('button', { name: /^Refresh now/ }).click();
    await expect(again.locator('.chip')).toHaveText('active', { timeout: 30_000 });
    const tool = await openTool(extension, world.tool.origin);
    expect((await toolFetch(tool, `${world.sandbox.url}/zoom/v2/users/me`)).status).toBe(200);
  });
});

test.describe('Box JWT', () => {
  const current = worldPerTest();

  async function addBox(popup: Page, configFile: string, tokenUrl: string) {
    const form = await addForm(popup, 'Box JWT (config.json)', 'Or choose the config.json');
    await form.getByLabel('config.json', { exact: true }).fill(configFile);
    await expect(form.getByLabel('App, read')).toBeVisible();
    await form.getByLabel('Token URL').fill(tokenUrl);
    await form.getByRole('button', { name: 'Save credential' }).click();
    await expect(form).toHaveCount(0);
  }

  test('config.json → connection → a tool authenticated through three 20 s lifetimes; an unauthorized app explained and recovered', async ({
    extension,
  }) => {
    test.setTimeout(150_000);
    const { world } = current;
    const config = await world.sandbox.admin.boxDemo();
    const configFile = JSON.stringify(config, null, 2);
    const { clientID, clientSecret } = (
      config as unknown as { boxAppSettings: { clientID: string; clientSecret: string } }
    ).boxAppSettings;
    await world.sandbox.admin.setTtl({ accessToken: LIFETIME_SECONDS });
    await world.sandbox.admin.setBoxAuthorized(false);
    const popup = await openPopup(extension);
    await createVault(popup);
    await addBox(popup, configFile, `${world.sandbox.url}/box/oauth2/token`);
    const page = await popup.content();
    expect(page).not.toContain('PRIVATE KEY');
    expect(page).not.toContain(clientSecret);

    const label = `Box app ${clientID}`;
    const connections = await region(popup, 'Connections');
    await connections.getByRole('link', { name: 'Add connection' }).click();
    const add = popup.getByRole('form', { name: 'Add a connection' });
    await expect(add.getByLabel('API base URL')).toHaveValue('https://api.box.com/2.0/');
    await add.getByLabel('API base URL').fill(`${world.sandbox.url}/box/2.0/`);
    await add.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
    await add.getByRole('button', { name: 'Save connection' }).click();
    await expect(add).toHaveCount(0);
    const card = connections.getByRole('listitem').filter({ hasText: label });
    await expect(card.locator('.chip')).toHaveText(
      /^failed: The enterprise's admin has not authorized this app/,
      {
        timeout: 30_000,
      },
    );
    await world.sandbox.admin.setBoxAuthorized(true);
    await card.getByRole('button', { name: /^Refresh now/ }).click();
    await expect(card.locator('.chip')).toHaveText('active', { timeout: 30_000 });

    const tool = await openTool(extension, world.tool.origin);
    await world.sandbox.admin.clearLog();
    const answers = await pollTool(
      tool,
      `${world.sandbox.url}/box/2.0/users/me`,
      LIFETIME_SECONDS * 3_000 + 5_000,
    );
    const log = await world.sandbox.admin.log();
    const api = under(log, '/box/2.0/');
    expect(answers.length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((status) => status !== '200')).toEqual([]);
    expect(api.length).toBe(answers.length);
    expect(api.filter((entry) => entry.authScheme !== 'Bearer')).toEqual([]);
    const tokens = under(log, '/box/oauth2/token');
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tokens.map((entry) => `${entry.status} ${entry.grantType}`))).toEqual(
      new Set(['200 urn:ietf:params:oauth:grant-type:jwt-bearer']),
    );
    test.info().annotations.push({
      type: 'Box tokens',
      description: `${tokens.length} assertions over ${answers.length} tool requests, 0 without the header, 0 401s`,
    });
  });
});

test.describe('DocuSign JWT grant', () => {
  const current = worldPerTest();

  test('consent asked for with its link, given in a tab, then a tool authenticated through three 20 s lifetimes', async ({
    extension,
  }) => {
    test.setTimeout(150_000);
    const { world } = current;
    const demo = await world.sandbox.admin.docusignDemo();
    await world.sandbox.admin.setTtl({ accessToken: LIFETIME_SECONDS });
    await world.sandbox.admin.setDocusignConsent(false);
    const popup = await openPopup(extension);
    await createVault(popup);
    const form = await addForm(popup, 'DocuSign JWT grant', 'Integration key');
    await form.getByLabel('Integration key').fill(demo.integrationKey);
    await form.getByLabel('User ID').fill(demo.userId);
    await form.getByLabel('Another account server').check();
    await form.getByLabel('Account server URL').fill(demo.accountServer);
    await form.getByLabel('Redirect URI').fill(new URL(demo.consentUrl).searchParams.get('redirect_uri')!);
    await expect(form.getByLabel('What the vault sends')).toContainText(
      `"aud": "${new URL(demo.accountServer).host}"`,
    );
    await pasteKeyAndSave(form, demo.privateKey);

    const connections = await region(popup, 'Connections');
    await connections.getByRole('link', { name: 'Add connection' }).click();
    const add = popup.getByRole('form', { name: 'Add a connection' });
    await add.getByLabel('API base URL').fill(`${demo.apiBaseUri}/restapi/`);
    await add.getByLabel('Tool origins (one per line)').fill(world.tool.origin);
    await add.getByRole('button', { name: 'Save connection' }).click();
    await expect(add).toHaveCount(0);
    const card = connections.getByRole('listitem').filter({ hasText: demo.userId });
    await expect(card.locator('.chip')).toHaveText(/^failed: DocuSign needs the user to consent/, {
      timeout: 30_000,
    });

    // The card offers the consent page; the person opens it and accepts, then asks again.
    const link = card.getByRole('link', { name: 'Give consent at DocuSign' });
    await expect(link).toHaveAttribute('href', demo.consentUrl);
    const [consentPage] = await Promise.all([extension.context.waitForEvent('page'), link.click()]);
    await consentPage.waitForLoadState();
    await expect(consentPage.locator('body')).toContainText(/consent/i);
    await consentPage.close();
    await popup.bringToFront();
    await card.getByRole('button', { name: /^Refresh now/ }).click();
    await expect(card.locator('.chip')).toHaveText('active', { timeout: 30_000 });
    await expect(card.getByRole('link', { name: 'Give consent at DocuSign' })).toHaveCount(0);

    const tool = await openTool(extension, world.tool.origin);
    await world.sandbox.admin.clearLog();
    const answers = await pollTool(
      tool,
      `${demo.apiBaseUri}/restapi/v2.1/accounts/${DOCUSIGN_DEMO_ACCOUNT_ID}`,
      LIFETIME_SECONDS * 3_000 + 5_000,
    );
    const log = await world.sandbox.admin.log();
    const api = under(log, '/docusign-api/');
    expect(answers.length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((status) => status !== '200')).toEqual([]);
    expect(api.length).toBe(answers.length);
    expect(api.filter((entry) => entry.authScheme !== 'Bearer')).toEqual([]);
    const tokens = under(log, '/docusign/oauth/token');
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tokens.map((entry) => entry.status))).toEqual(new Set([200]));
    test.info().annotations.push({
      type: 'DocuSign tokens',
      description: `${tokens.length} assertions over ${answers.length} tool requests, 0 without the header, 0 401s`,
    });
  });
});
