// The demo's journey in a real API tool: Swagger UI on its own origin calls the sandbox's API;
// "Try it out" → "Execute" gets the user's data with no token typed anywhere, because the
// extension adds the header.

import { type SwaggerTool, startSwaggerTool } from '../../demo/swagger-tool';
import { type Sandbox, startSandbox } from '../../sandbox';
import { expect, test } from './fixtures';
import { openPopup } from './harness';
import { connect, type World } from './world';

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
}) => {
  const popup = await openPopup(extension);
  await connect(popup, { sandbox, tool: swagger, otherTool: swagger } as unknown as World);

  const tool = await extension.context.newPage();
  await tool.goto(`${swagger.origin}/`);
  await tool.getByText('/restapi/v1.0/account/{accountId}/extension/{extensionId}').click();
  await tool.getByRole('button', { name: 'Try it out' }).click();
  await tool.getByRole('button', { name: 'Execute' }).click();

  const response = tool.locator('.live-responses-table .response');
  await expect(response.locator('.response-col_status')).toHaveText('200');
  await expect(response.locator('.microlight').first()).toContainText('"name": "Alice Example"');
  // The request Swagger UI built carries no Authorization header: nobody typed a token.
  await expect(tool.locator('.curl-command')).not.toContainText('Authorization');
});
