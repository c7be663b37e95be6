// The demo's journey, step by step, in a browser with the extension: create the vault, import
// the sandbox's .env, connect Swagger UI, and call the API from it — all through the pages, as a
// person does. `npm start --headless` runs it and prints each step; the e2e test runs the same
// steps. With `screenshots`, it also saves the README's two pictures on the way.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { popupUrl } from './chromium';

export interface JourneyInput {
  context: BrowserContext;
  extensionId: string;
  password: string;
  env: string;
  apiUrl: string;
  toolOrigin: string;
  /** A folder to save popup.png and demo.png in; none are taken without it. */
  screenshots?: string;
}

export interface Step {
  title: string;
  run(): Promise<string>;
}

const TIMEOUT = 20_000;
const APP_NAME = 'Sandbox demo';
const CREDENTIAL_LABEL = 'Alice (sandbox)';
/** About the size Chromium gives an extension's popup. */
export const POPUP_SIZE = { width: 380, height: 600 };
const TOOL_SIZE = { width: 1100, height: 900 };

/** The selected option's text: what a person reads in a closed drop-down. */
async function chosen(select: Locator): Promise<string> {
  await select.waitFor({ timeout: TIMEOUT });
  return (await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)) ?? '';
}

/** Opens one of the unlocked popup's views from its navigation bar, as a person does. */
async function openView(popup: Page, view: 'Home' | 'Credentials'): Promise<void> {
  const link = popup
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: view, exact: true });
  await link.click({ timeout: TIMEOUT });
  await popup
    .getByRole('navigation', { name: 'Views' })
    .locator('a[aria-current="page"]', { hasText: view })
    .waitFor({ timeout: TIMEOUT });
}

/**
 * The popup as the README shows it, at its own size: the home view from the top, the header with
 * the vault's state above the connection, its status chip and token line in view unscrolled.
 */
async function shootPopup(popup: Page, file: string): Promise<void> {
  // Nothing focused or hovered: no focus ring or tooltip in the picture.
  await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await popup.mouse.move(0, 0);
  await popup.evaluate(() => window.scrollTo(0, 0));
  // The chip and the token line beside it (which wraps at this width) are the bottom edge.
  const status = await popup
    .getByRole('region', { name: 'Connections' })
    .locator('.generation')
    .boundingBox();
  if (!status) throw new Error('the popup shows no connection to picture');
  if (status.y + status.height > POPUP_SIZE.height)
    throw new Error('the home view does not show the connection without scrolling');
  await popup.screenshot({ path: file });
}

/** The tool's operation, from its title to the live response, one pixel per CSS pixel. */
async function shootTool(tool: Page, file: string): Promise<void> {
  await tool.mouse.move(0, 0);
  const operation = tool.locator('.opblock.is-open');
  const whole = await operation.boundingBox();
  const response = await operation.locator('.live-responses-table').boundingBox();
  if (!whole || !response) throw new Error('Swagger UI shows no response to picture');
  // Boxes are in viewport coordinates; a full-page clip is in the page's.
  const scrolled = await tool.evaluate(() => window.scrollY);
  const bottom = response.y + response.height + 4;
  await tool.screenshot({
    path: file,
    scale: 'css',
    fullPage: true,
    clip: { x: whole.x, y: whole.y + scrolled, width: whole.width, height: bottom - whole.y },
  });
}

export function journey(input: JourneyInput): Step[] {
  let popup: Page;
  let tool: Page;
  /** Where to save the named picture, or undefined when none are wanted. */
  const shot = async (name: string) => {
    if (!input.screenshots) return undefined;
    await mkdir(input.screenshots, { recursive: true });
    return path.join(input.screenshots, name);
  };
  return [
    {
      title: 'Open the popup and create the vault',
      run: async () => {
        popup = await input.context.newPage();
        await popup.setViewportSize(POPUP_SIZE);
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
        // The first steps point to the Credentials view, whose "Import from .env" page this is.
        await openView(popup, 'Credentials');
        await popup
          .getByRole('region', { name: 'Credentials' })
          .getByRole('link', { name: 'Import from .env', exact: true })
          .click({ timeout: TIMEOUT });
        const form = popup.getByRole('form', { name: 'Import from a .env file or a JWT' });
        await form.getByLabel('.env contents or a JWT').fill(input.env);
        await form.getByLabel('App name').fill(APP_NAME);
        await form.getByLabel('Credential label').fill(CREDENTIAL_LABEL);
        await form.getByRole('button', { name: 'Save app and credential' }).click();
        await popup
          .getByRole('region', { name: 'Credentials' })
          .getByText(CREDENTIAL_LABEL)
          .waitFor({ timeout: TIMEOUT });
        return 'app and credential saved, encrypted';
      },
    },
    {
      title: 'Connect Swagger UI to the sandbox API',
      run: async () => {
        // Connections are on the home view, the one the popup opens on.
        await openView(popup, 'Home');
        const connections = popup.getByRole('region', { name: 'Connections' });
        await connections.getByRole('link', { name: 'Add connection' }).click();
        const form = popup.getByRole('form', { name: 'Add a connection' });
        await form.getByLabel('Credential').selectOption({ label: CREDENTIAL_LABEL });
        // The form offers the apps the credential allows; the imported one is the only one here.
        const app = await chosen(form.getByRole('combobox', { name: 'App' }));
        if (!app.startsWith(APP_NAME))
          throw new Error(`the connection form offers "${app}", not ${APP_NAME}`);
        await form.getByLabel('API base URL').fill(input.apiUrl);
        await form.getByLabel('Tool origins (one per line)').fill(input.toolOrigin);
        // Both hosts are in the manifest's host permissions: the browser grants Save's ask unprompted.
        await form.getByRole('button', { name: 'Save connection' }).click();
        await form.waitFor({ state: 'detached', timeout: TIMEOUT });
        const item = connections.getByRole('listitem').filter({ hasText: CREDENTIAL_LABEL });
        await item.locator('.chip').getByText('active', { exact: true }).waitFor({ timeout: TIMEOUT });
        const file = await shot('popup.png');
        if (file) await shootPopup(popup, file);
        return `saved in the popup, active: a token is injected into ${input.apiUrl} from ${input.toolOrigin}`;
      },
    },
    {
      title: 'In Swagger UI: Try it out → Execute',
      run: async () => {
        tool = await input.context.newPage();
        await tool.setViewportSize(TOOL_SIZE);
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
        const file = await shot('demo.png');
        if (file) await shootTool(tool, file);
        return `200 OK for ${name ?? 'the user'}; no token typed, the extension added it`;
      },
    },
  ];
}
