// The demo's journey, step by step, in a browser with the extension: create the vault, import
// the sandbox's .env, connect Swagger UI, and call the API from it. `npm start --headless`
// runs it and prints each step; the e2e test runs the same steps.
import type { BrowserContext, Page } from '@playwright/test';
import { popupUrl } from './chromium';

export interface JourneyInput {
  context: BrowserContext;
  extensionId: string;
  password: string;
  env: string;
  apiUrl: string;
  toolOrigin: string;
}

export interface Step {
  title: string;
  run(): Promise<string>;
}

const TIMEOUT = 20_000;

async function send(popup: Page, type: string, payload: unknown): Promise<unknown> {
  const reply = (await popup.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [
    type,
    payload,
  ] as const)) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!reply.ok) throw new Error(reply.error?.message ?? `${type} failed`);
  return reply.value;
}

export function journey(input: JourneyInput): Step[] {
  let popup: Page;
  let tool: Page;
  return [
    {
      title: 'Open the popup and create the vault',
      run: async () => {
        popup = await input.context.newPage();
        await popup.goto(popupUrl(input.extensionId));
        await popup.getByLabel('Master password').fill(input.password);
        await popup.getByLabel('Confirm password').fill(input.password);
        await popup.getByRole('button', { name: 'Create vault' }).click();
        await popup.getByRole('button', { name: 'Lock' }).waitFor({ timeout: TIMEOUT });
        return 'vault created and unlocked';
      },
    },
    {
      title: 'Import the sandbox app and JWT from the .env block',
      run: async () => {
        await popup.getByRole('button', { name: 'Paste or choose a .env file' }).click();
        const form = popup.getByRole('form', { name: 'Import from a .env file or a JWT' });
        await form.getByLabel('.env contents or a JWT').fill(input.env);
        await form.getByLabel('App name').fill('Sandbox demo');
        await form.getByLabel('Credential label').fill('Alice (sandbox)');
        await form.getByRole('button', { name: 'Save app and credential' }).click();
        await popup
          .getByRole('region', { name: 'Credentials' })
          .getByText('Alice (sandbox)')
          .waitFor({ timeout: TIMEOUT });
        return 'app and credential saved, encrypted';
      },
    },
    {
      title: 'Connect Swagger UI to the sandbox API',
      run: async () => {
        const [app] = (await send(popup, 'apps.list', {})) as { id: string }[];
        const [credential] = (await send(popup, 'credentials.list', {})) as { id: string }[];
        await send(popup, 'connections.save', {
          connection: {
            credentialId: credential?.id,
            appId: app?.id,
            apiBaseUrl: input.apiUrl,
            toolOrigins: [input.toolOrigin],
            enabled: true,
          },
        });
        await popup.reload();
        await popup
          .getByRole('region', { name: 'Connections' })
          .getByText(/^active/)
          .waitFor({ timeout: TIMEOUT });
        return `a token is injected into ${input.apiUrl} from ${input.toolOrigin}`;
      },
    },
    {
      title: 'In Swagger UI: Try it out → Execute',
      run: async () => {
        tool = await input.context.newPage();
        await tool.goto(`${input.toolOrigin}/`);
        await tool.getByText('/restapi/v1.0/account/{accountId}/extension/{extensionId}').click();
        await tool.getByRole('button', { name: 'Try it out' }).click();
        await tool.getByRole('button', { name: 'Execute' }).click();
        const status = tool.locator('.live-responses-table .response .response-col_status');
        await status.waitFor({ timeout: TIMEOUT });
        const code = (await status.textContent())?.trim();
        if (code !== '200') throw new Error(`the API answered ${code}, not 200`);
        const body =
          (await tool.locator('.live-responses-table .response .microlight').first().textContent()) ?? '';
        const name = /"name": "([^"]+)"/.exec(body)?.[1];
        return `200 OK for ${name ?? 'the user'}; no token typed, the extension added it`;
      },
    },
  ];
}
