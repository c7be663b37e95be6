// The demo's journey (the one `npm start` runs) in a real API tool: Swagger UI on its own origin
// calls the sandbox's API; "Try it out" → "Execute" gets the user's data with no token typed
// anywhere, because the extension adds the header. On the way it saves the README's pictures.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { journey, POPUP_SIZE } from '../../demo/journey';
import { type SwaggerTool, startSwaggerTool } from '../../demo/swagger-tool';
import { type Sandbox, startSandbox } from '../../sandbox';
import { demoCredentials } from '../../sandbox/demo-credentials';
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
    env: demoCredentials(sandbox).env,
    apiUrl: `${sandbox.url}/restapi/`,
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
