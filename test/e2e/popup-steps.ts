// Steps the popup's e2e specs share: first run through the UI, and axe-core in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { PASSWORD } from './world';

/** First run as a person does it: choose the master password, confirm it, create. */
export async function createVault(popup: Page): Promise<void> {
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByLabel('Confirm password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
}

/** The views of the unlocked popup, as its navigation bar names them. */
export type ViewName = 'Home' | 'Activity' | 'Credentials' | 'Apps' | 'Settings';

/** The view each region of the unlocked popup is on (a view's list; its pages: openPage). */
const VIEW_OF_REGION: Record<string, ViewName> = {
  'First steps': 'Home',
  Connections: 'Home',
  Activity: 'Activity',
  Credentials: 'Credentials',
  Apps: 'Apps',
  Settings: 'Settings',
};

/** Opens a view from the navigation bar, as a person does, and waits until it shows. */
export async function openView(popup: Page, view: ViewName): Promise<void> {
  const link = popup
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: view, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/**
 * A region of the unlocked popup (Apps, Credentials, Connections, Backup and restore…), on its
 * view: the view is opened first. The locator stays valid only while that view shows.
 */
export async function region(popup: Page, name: keyof typeof VIEW_OF_REGION | string): Promise<Locator> {
  const view = VIEW_OF_REGION[name];
  if (!view) throw new Error(`no view holds a region named ${name}`);
  await openView(popup, view);
  return popup.getByRole('region', { name });
}

/**
 * Opens a page of a view by following its link in the view's list (the region `listName`) — a
 * credential's or an app's row, "Add credential", a Settings section, a connection's card — as a
 * person does, and returns the page: the region
 * named by its heading (`heading`, else the link's text), which takes the focus. The locator
 * stays valid only while the page shows.
 */
export async function openPage(
  popup: Page,
  listName: string,
  link: string,
  heading = link,
): Promise<Locator> {
  const list = await region(popup, listName);
  await list.getByRole('link', { name: link, exact: true }).click();
  const page = popup.getByRole('region', { name: heading, exact: true });
  await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeFocused();
  return page;
}

/**
 * Opens a connection's page from its card on Home ("Alice → https://…/restapi/"), as a person
 * does: the card's name is the link. Resolves to the page, whose heading has the focus.
 */
export async function openConnection(popup: Page, name: string): Promise<Locator> {
  return openPage(popup, 'Connections', name);
}

/** Edits a connection's tool origins and saves; the change may then wait for a confirmation. */
export async function editToolOrigins(popup: Page, name: string, origins: string[]): Promise<void> {
  const connection = await openConnection(popup, name);
  await connection.getByRole('button', { name: /^Edit / }).click();
  const form = connection.getByRole('form', { name: 'Edit connection' });
  await form.getByLabel('Tool origins (one per line)').fill(origins.join('\n'));
  await form.getByRole('button', { name: 'Save changes' }).click();
}

/** Settings: confirmations asked every time (a grace period of 0 minutes). */
export async function askEveryTime(popup: Page): Promise<void> {
  const page = await openPage(popup, 'Settings', 'Auto-lock and confirmations');
  const form = page.getByRole('form', { name: 'Auto-lock and confirmations' });
  await form.getByLabel('Confirm again after this many minutes').fill('0');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Settings saved.');
}

/** Adds an app through the Apps form: client ID "<name>-client-id", a server nobody answers on. */
export async function addApp(popup: Page, name: string, secret: string): Promise<void> {
  const page = await openPage(popup, 'Apps', 'Add app', 'Add an app');
  const form = page.getByRole('form', { name: 'Add an app' });
  await form.getByLabel('App name').fill(name);
  await form.getByLabel('Client ID').fill(`${name}-client-id`);
  await form.getByLabel('Client secret (leave empty if the app has none)').fill(secret);
  await form.getByLabel('Server URL').fill('http://127.0.0.1:9');
  await form.getByRole('button', { name: 'Save app' }).click();
  // Saved, the list shows again, with the app in it.
  await expect(popup.getByRole('region', { name: 'Apps' }).getByText(`${name}-client-id`)).toBeVisible();
}

/** Adds a connection through its form and waits for its first token ("active"). */
export async function connectInForm(
  popup: Page,
  connection: { credential: string; apiBaseUrl: string; toolOrigin: string },
): Promise<void> {
  const connections = await region(popup, 'Connections');
  await connections.getByRole('link', { name: 'Add connection' }).click();
  const form = popup.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Credential').selectOption({ label: connection.credential });
  await form.getByLabel('API base URL').fill(connection.apiBaseUrl);
  await form.getByLabel('Tool origins (one per line)').fill(connection.toolOrigin);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form).toHaveCount(0);
  const item = connections.getByRole('listitem').filter({ hasText: connection.credential });
  // The first exchange waits for the worker and the sandbox: slow on a loaded machine.
  await expect(item.locator('.chip')).toHaveText('active', { timeout: 30_000 });
}

/** axe-core's violations in both colour schemes, as "rule: targets" lines (none expected). */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const builder = new AxeBuilder({ page });
    const { violations } = await (include ? builder.include(include) : builder).analyze();
    for (const v of violations)
      found.push(`${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}

/**
 * Restores a backup file through the Settings restore page, as a person does: file, backup
 * password, preview, Restore (duplicates kept as they are). Resolves when it finished.
 */
export async function restoreThroughForm(popup: Page, file: string, backupPassword: string): Promise<void> {
  const page = await openPage(popup, 'Settings', 'Restore from a backup');
  const form = page.getByRole('form', { name: 'Restore from a backup' });
  await form.getByLabel('Backup file').setInputFiles(file);
  await form.getByLabel('Backup password', { exact: true }).fill(backupPassword);
  await form.getByRole('button', { name: 'Preview the restore' }).click();
  await form.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText(/^Restore finished/);
}
