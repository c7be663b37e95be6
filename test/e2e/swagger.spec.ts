// The demo's journey (the one `npm start` runs) in a real API tool: Swagger UI on its own origin
// calls the sandbox's API; "Try it out" → "Execute" gets the user's data with no token typed
// anywhere, because the extension adds the header. On the way it saves the README's pictures.
// Then every provider the demo offers, each from the file its console gives, in one vault.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { journey, POPUP_SIZE } from '../../demo/journey';
import { DEMO_PROVIDERS, demoCredentialsFor } from '../../demo/providers';
import { type SwaggerTool, startSwaggerTool } from '../../demo/swagger-tool';
import { type Sandbox, startSandbox } from '../../sandbox';
import { expect, test } from './fixtures';
import { pngSize } from './png';
import { region } from './popup-steps';

let sandbox: Sandbox;
let swagger: SwaggerTool;
test.beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: false });
  // The tool on "localhost", the API on 127.0.0.1: two origins, as in real life.
  swagger = await startSwaggerTool(sandbox.url, { host: '127.0.0.1', name: 'localhost' });
});
test.afterAll(async () => {
  await Promise.all([sandbox.close(), swagger.close()]);
});

test('Swagger UI: Try it out → Execute returns the user, authenticated by the extension', async ({
  extension,
}, testInfo) => {
  const screenshots = testInfo.outputPath('screenshots');
  const steps = journey({
    context: extension.context,
    extensionId: extension.extensionId,
    password: 'a long master password',
    credentials: [(await demoCredentialsFor(sandbox)).ringcentral],
    toolOrigin: swagger.origin,
    screenshots,
  });
  const results: string[] = [];
  for (const step of steps) results.push(await step.run());
  expect(results.at(-1)).toContain('200 OK for Alice Example');

  // The connection was made in the popup's form, not by a message: the popup lists it as active.
  const popup = extension.context.pages().find((page) => page.url().startsWith('chrome-extension://'));
  const item = (await region(popup!, 'Connections')).getByRole('listitem');
  await expect(item).toContainText(`Alice (sandbox) → ${sandbox.url}/restapi/`);
  await expect(item).toContainText(`from ${swagger.origin}`);
  await expect(item.locator('.chip')).toHaveText('active');

  // The request Swagger UI built carries no Authorization header: nobody typed a token.
  const tool = extension.context.pages().find((page) => page.url().startsWith(swagger.origin));
  await expect(tool!.locator('.curl-command')).toBeVisible();
  await expect(tool!.locator('.curl-command')).not.toContainText('Authorization');

  // The README's pictures: the popup at its own size, and the tool's operation.
  expect(pngSize(await readFile(path.join(screenshots, 'popup.png')))).toEqual(POPUP_SIZE);
  expect(pngSize(await readFile(path.join(screenshots, 'demo.png')))?.width).toBeGreaterThan(600);
});

test('the demo with every provider: each credential from its file, connected, and its API answers Swagger UI', async ({
  extension,
}) => {
  test.setTimeout(240_000);
  const credentials = Object.values(await demoCredentialsFor(sandbox));
  expect(credentials.map((c) => c.provider)).toEqual([...DEMO_PROVIDERS]);
  await sandbox.admin.clearLog();
  const steps = journey({
    context: extension.context,
    extensionId: extension.extensionId,
    password: 'a long master password',
    credentials,
    toolOrigin: swagger.origin,
  });
  const results: string[] = [];
  for (const step of steps) results.push(`${step.title}: ${await step.run()}`);
  const calls = results.filter((line) => line.includes('Execute:'));
  expect(calls).toHaveLength(DEMO_PROVIDERS.length);
  for (const call of calls) expect(call).toMatch(/: 200 OK for [^;]+; no token typed/);

  // One connection per provider, each active, in the popup the journey used.
  const popup = extension.context.pages().find((page) => page.url().startsWith('chrome-extension://'));
  const cards = (await region(popup!, 'Connections')).getByRole('listitem');
  await expect(cards).toHaveCount(DEMO_PROVIDERS.length);
  await expect(cards.locator('.chip').filter({ hasText: /^active$/ })).toHaveCount(DEMO_PROVIDERS.length);

  // Each API call carried a Bearer token, and none was refused.
  const log = await sandbox.admin.log();
  for (const credential of credentials) {
    const calls = log.filter(
      (entry) =>
        entry.path === credential.operation.replace('{accountId}', '~').replace('{extensionId}', '~'),
    );
    expect(calls.length, credential.name).toBeGreaterThanOrEqual(1);
    expect(
      calls.filter((entry) => entry.authScheme !== 'Bearer' || entry.status !== 200),
      credential.name,
    ).toEqual([]);
  }
});
