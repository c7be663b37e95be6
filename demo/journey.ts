// The demo's journey, step by step, in a browser with the extension: create the vault, then for
// each provider add its credential from the file a person holds, connect Swagger UI to its API,
// and call the API from it — all through the pages, as a person does. `npm start --headless` runs
// it and prints each step; the e2e tests run the same steps. With `screenshots`, it also saves the
// README's two pictures on the way (at the first provider).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { popupUrl } from './chromium';
import { demoApiName } from './openapi';
import type { DemoCredential, FormStep } from './providers';

export interface JourneyInput {
  context: BrowserContext;
  extensionId: string;
  password: string;
  /** The providers' credentials, in the order the journey adds them. */
  credentials: DemoCredential[];
  toolOrigin: string;
  /** A folder to save popup.png and demo.png in; none are taken without it. */
  screenshots?: string;
}

export interface Step {
  title: string;
  run(): Promise<string>;
}

const TIMEOUT = 20_000;
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

/** One step of a credential's form, its field or choice found by the label a person reads. */
async function formStep(page: Locator, step: FormStep): Promise<void> {
  if ('check' in step) await page.getByLabel(step.check, { exact: true }).check({ timeout: TIMEOUT });
  else await page.getByLabel(step.fill, { exact: true }).fill(step.value, { timeout: TIMEOUT });
}

/** Who the API says the token is for, from the first field that names someone. */
function whoFrom(body: string): string | undefined {
  return /"(?:name|email|user|login|client_id|accountName)": "([^"]+)"/.exec(body)?.[1];
}

/** The three steps of one provider: its credential from the file, a connection, a call. */
function providerSteps(
  input: JourneyInput,
  credential: DemoCredential,
  ui: { popup: () => Promise<Page>; tool: () => Promise<Page> },
  shot: (name: string) => Promise<string | undefined>,
): Step[] {
  const { name, label, file } = credential;
  return [
    {
      title:
        credential.via === 'import'
          ? `${name}: import the app and JWT from ${file.name}`
          : `${name}: add the credential from ${file.name}`,
      run: async () => {
        const popup = await ui.popup();
        await openView(popup, 'Credentials');
        const credentials = popup.getByRole('region', { name: 'Credentials' });
        if (credential.via === 'import') {
          await credentials
            .getByRole('link', { name: 'Import from .env', exact: true })
            .click({ timeout: TIMEOUT });
          const form = popup.getByRole('form', { name: 'Import from a .env file or a JWT' });
          await form.getByLabel('.env contents or a JWT').fill(file.text);
          for (const step of credential.steps) await formStep(form, step);
          await form.getByRole('button', { name: 'Save app and credential' }).click();
        } else {
          await credentials
            .getByRole('link', { name: 'Add credential', exact: true })
            .click({ timeout: TIMEOUT });
          const page = popup.getByRole('region', { name: 'Add a credential', exact: true });
          // As a person picks the file from the demo's folder; the page recognises what it holds.
          await page
            .getByLabel('Or choose the file', { exact: true })
            .setInputFiles({ name: file.name, mimeType: 'text/plain', buffer: Buffer.from(file.text) });
          await page.getByRole('status').first().waitFor({ timeout: TIMEOUT });
          for (const step of credential.steps) await formStep(page, step);
          // Save waits, enabled, until the page has read the key.
          await page.getByRole('button', { name: 'Save credential' }).click({ timeout: TIMEOUT });
        }
        await credentials.getByText(label, { exact: true }).waitFor({ timeout: TIMEOUT });
        return `"${label}" saved, encrypted`;
      },
    },
    {
      title: `${name}: connect Swagger UI to its API`,
      run: async () => {
        const popup = await ui.popup();
        // Connections are on the home view, the one the popup opens on.
        await openView(popup, 'Home');
        const connections = popup.getByRole('region', { name: 'Connections' });
        await connections.getByRole('link', { name: 'Add connection' }).click();
        const form = popup.getByRole('form', { name: 'Add a connection' });
        await form.getByLabel('Credential').selectOption({ label });
        if (credential.via === 'import') {
          // The form offers the apps the credential allows; the imported one is the only one here.
          const app = await chosen(form.getByRole('combobox', { name: 'App' }));
          if (!app) throw new Error('the connection form offers no app for the imported credential');
        }
        await form.getByLabel('API base URL').fill(credential.apiUrl);
        await form.getByLabel('Tool origins (one per line)').fill(input.toolOrigin);
        // The hosts are in the manifest's host permissions: the browser grants Save's ask unprompted.
        await form.getByRole('button', { name: 'Save connection' }).click();
        await form.waitFor({ state: 'detached', timeout: TIMEOUT });
        const item = connections.getByRole('listitem').filter({ hasText: label });
        await item.locator('.chip').getByText('active', { exact: true }).waitFor({ timeout: TIMEOUT });
        const file = await shot('popup.png');
        if (file) await shootPopup(popup, file);
        return `active: a token is injected into ${credential.apiUrl} from ${input.toolOrigin}`;
      },
    },
    {
      title: `${name}: in Swagger UI, Try it out → Execute`,
      run: async () => {
        const tool = await ui.tool();
        await tool.goto(`${input.toolOrigin}/?api=${credential.provider}`);
        const select = tool.locator('#select');
        if ((await chosen(select)) !== demoApiName(credential.provider))
          throw new Error(
            `Swagger UI shows "${await chosen(select)}", not ${demoApiName(credential.provider)}`,
          );
        await tool
          .locator(`.opblock-summary-path[data-path="${credential.operation}"]`)
          .click({ timeout: TIMEOUT });
        const operation = tool.locator('.opblock.is-open');
        await operation.getByRole('button', { name: 'Try it out' }).click();
        await operation.getByRole('button', { name: 'Execute' }).click();
        const status = operation.locator('.live-responses-table .response .response-col_status');
        await status.waitFor({ timeout: TIMEOUT });
        const code = (await status.textContent())?.trim();
        if (code !== '200') throw new Error(`the API answered ${code}, not 200`);
        const body =
          (await operation.locator('.live-responses-table .response .microlight').first().textContent()) ??
          '';
        const file = await shot('demo.png');
        if (file) await shootTool(tool, file);
        return `200 OK for ${whoFrom(body) ?? 'the credential'}; no token typed, the extension added it`;
      },
    },
  ];
}

export function journey(input: JourneyInput): Step[] {
  let popup: Page | undefined;
  let tool: Page | undefined;
  let shots = 0;
  const ui = {
    // Each step brings its tab to the front, as a person switches tabs: a background tab's
    // animation frames are throttled, and the popup would not be what the person looks at.
    popup: async () => {
      if (!popup) throw new Error('the popup is not open');
      await popup.bringToFront();
      return popup;
    },
    tool: async () => {
      if (!tool) {
        tool = await input.context.newPage();
        await tool.setViewportSize(TOOL_SIZE);
      }
      await tool.bringToFront();
      return tool;
    },
  };
  /** Where to save the named picture: only wanted once, at the first provider. */
  const shot = async (name: string) => {
    if (!input.screenshots || shots >= 2) return undefined;
    shots += 1;
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
    ...input.credentials.flatMap((credential) => providerSteps(input, credential, ui, shot)),
  ];
}
