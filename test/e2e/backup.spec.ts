// Vault backup and restore through the popup, as a person does it: make a backup in one
// profile, restore it in a fresh one (everything back, auto-auth working), see a wrong backup
// password and a damaged file refused with different messages and nothing changed, merge into
// a vault with entries of its own without losing them. Nothing secret stays in the profile.
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, canary, filesContaining, launch, openPopup, removeProfile } from './harness';
import { openPage, region } from './popup-steps';
import {
  connect,
  connectionStatus,
  ME,
  openTool,
  PASSWORD,
  startWorld,
  stopWorld,
  toolFetch,
  type World,
} from './world';

const BACKUP_PASSWORD = 'correct horse battery staple';
const SETTINGS = {
  autoLockMinutes: 42,
  lockOnSystemLock: false,
  revokeOnLock: false,
  confirmGraceMinutes: 5,
  activityLog: 'kept',
  activityKeepDays: 7,
};

/** Makes a backup through the popup's backup page and returns the downloaded file's path. */
async function makeBackup(popup: Page): Promise<string> {
  const page = await openPage(popup, 'Settings', 'Back up the vault');
  const form = page.getByRole('form', { name: 'Back up the vault' });
  await form.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await form.getByLabel('Confirm backup password').fill(BACKUP_PASSWORD);
  await form.getByLabel('Master password, to confirm').fill(PASSWORD);
  await form.getByRole('button', { name: 'Make a backup' }).click();
  await expect(form.getByRole('status')).toContainText('jwt-vault-backup-');
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    form.getByRole('button', { name: 'Download the backup' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^jwt-vault-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = path.join(tmpdir(), `backup-${crypto.randomUUID()}.json`);
  await download.saveAs(file);
  return file;
}

/** Chooses the file, types the backup password and asks for the preview. */
async function previewRestore(popup: Page, file: string, password = BACKUP_PASSWORD): Promise<Locator> {
  const page = await openPage(popup, 'Settings', 'Restore from a backup');
  const form = page.getByRole('form', { name: 'Restore from a backup' });
  await form.getByLabel('Backup file').setInputFiles(file);
  await form.getByLabel('Backup password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Preview the restore' }).click();
  return form;
}

/** axe-core finds nothing on the page showing (backup or restore), in the light and the dark theme. */
async function expectAccessible(popup: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page: popup }).include('section.page').analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  }
  await popup.emulateMedia({ colorScheme: null });
}

async function newVault(popup: Page): Promise<void> {
  await call(popup, 'vault.create', { password: PASSWORD });
  await popup.reload();
  await expect(await region(popup, 'Settings')).toBeVisible();
}

test.describe('vault backup', () => {
  let world: World;
  test.beforeEach(async () => {
    world = await startWorld();
  });
  test.afterEach(async () => {
    await stopWorld(world);
  });

  test('backup, then restore in a fresh profile: everything is back and auto-auth works', async () => {
    test.setTimeout(120_000);
    const jwt = (await world.sandbox.admin.issueCredential({ userId: 208594004, label: canary('LBL') })).jwt;
    const secret = world.sandbox.seed.apps.demo.clientSecret!;
    const source = await launch();
    const target = await launch();
    let file = '';
    try {
      const popup = await openPopup(source);
      await connect(popup, world, jwt);
      await call(popup, 'settings.save', { settings: SETTINGS });
      await popup.reload();
      file = await makeBackup(popup);
      const text = await readFile(file, 'utf8');
      for (const plain of [jwt, secret, 'Alice']) expect(text).not.toContain(plain);
      await source.close();

      const fresh = await openPopup(target);
      await newVault(fresh);

      // A wrong backup password and a damaged file: different messages, nothing restored.
      let form = await previewRestore(fresh, file, 'not the backup password');
      await expect(form.getByRole('alert')).toHaveText(
        'The backup password is not correct. Nothing was changed.',
      );
      const damaged = JSON.parse(text);
      damaged.ciphertext = `${damaged.ciphertext[0] === 'A' ? 'B' : 'A'}${damaged.ciphertext.slice(1)}`;
      const damagedFile = `${file}.damaged.json`;
      await writeFile(damagedFile, JSON.stringify(damaged));
      form = await previewRestore(fresh, damagedFile);
      await expect(form.getByRole('alert')).toHaveText(
        'The backup file is damaged or was changed after it was made. Nothing was changed.',
      );
      await form.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
      await form.getByRole('button', { name: 'Preview the restore' }).click();
      await expect(form.getByRole('alert')).toContainText('damaged');
      expect(await call(fresh, 'apps.list')).toEqual([]);
      expect(await call(fresh, 'credentials.list')).toEqual([]);

      form = await previewRestore(fresh, file);
      const adds = form.getByRole('list', { name: 'Will be added' });
      await expect(adds.getByRole('listitem')).toHaveText([
        'Settings',
        `App: Demo (${world.sandbox.seed.apps.demo.clientId})`,
        'Credential: Alice',
        `Connection: Alice → ${world.sandbox.url}/restapi/`,
      ]);
      await expect(form.getByRole('list', { name: 'Already in the vault' })).toHaveCount(0);
      await form.getByRole('button', { name: 'Restore', exact: true }).click();
      await expect(form.getByRole('status')).toHaveText('Restore finished: 4 added.');

      // Shown in the popup, and all there in the worker, secrets included.
      await expect((await region(fresh, 'Credentials')).getByText('Alice')).toBeVisible();
      expect(await call(fresh, 'settings.get')).toEqual(SETTINGS);
      expect(await call(fresh, 'apps.list')).toEqual([
        expect.objectContaining({
          name: 'Demo',
          clientId: world.sandbox.seed.apps.demo.clientId,
          hasSecret: true,
        }),
      ]);
      expect(await call(fresh, 'connections.list')).toEqual([
        expect.objectContaining({
          apiBaseUrl: `${world.sandbox.url}/restapi/`,
          toolOrigins: [world.tool.origin],
        }),
      ]);
      await expect.poll(async () => (await connectionStatus(fresh))?.injecting).toBe(true);
      const tool = await openTool(target, world.tool.origin);
      expect((await toolFetch(tool, `${world.sandbox.url}${ME}`)).status).toBe(200);

      await fresh.getByRole('button', { name: 'Lock' }).click();
      await expect(fresh.getByLabel('Master password')).toBeFocused();
      await target.close();
      for (const plain of [jwt, secret]) expect(await filesContaining(target.userDataDir, plain)).toEqual([]);
    } finally {
      await source.close().catch(() => {});
      await target.close().catch(() => {});
      await removeProfile(source.userDataDir);
      await removeProfile(target.userDataDir);
    }
  });

  test('merging into a vault with entries keeps them and skips the duplicates', async ({ extension }) => {
    test.setTimeout(120_000);
    const popup = await openPopup(extension);
    await connect(popup, world);
    await popup.reload();
    const file = await makeBackup(popup);
    const other = await launch();
    try {
      const mine = await openPopup(other);
      await call(mine, 'vault.create', { password: PASSWORD });
      const demo = world.sandbox.seed.apps.demo;
      await call(mine, 'apps.save', {
        app: {
          name: 'My demo',
          clientId: demo.clientId,
          clientSecret: demo.clientSecret,
          serverUrl: world.sandbox.url,
        },
      });
      await call(mine, 'credentials.save', {
        credential: {
          label: 'alice',
          jwt: world.sandbox.jwts.demo,
          allowed: { kind: 'organization' },
          notes: 'mine',
        },
      });
      await mine.reload();

      const form = await previewRestore(mine, file);
      const conflicts = form.getByRole('list', { name: 'Already in the vault' });
      await expect(conflicts.getByRole('listitem')).toHaveText([
        `App: Demo (${demo.clientId}) (same client ID as “My demo (${demo.clientId})”)`,
        'Credential: Alice (same label as “alice”)',
      ]);
      await expect(form.getByLabel('Keep mine')).toBeChecked();
      await expectAccessible(mine);
      await form.getByRole('button', { name: 'Restore', exact: true }).click();
      await expect(form.getByRole('status')).toHaveText('Restore finished: 1 added, 2 kept as they were.');

      const apps = await call<{ id: string; name: string }[]>(mine, 'apps.list');
      const credentials = await call<{ id: string; label: string; notes: string }[]>(
        mine,
        'credentials.list',
      );
      expect(apps).toEqual([expect.objectContaining({ name: 'My demo' })]);
      expect(credentials).toEqual([expect.objectContaining({ label: 'alice', notes: 'mine' })]);
      // The backup's connection now runs on the entries this vault kept.
      expect(await call(mine, 'connections.list')).toEqual([
        expect.objectContaining({ appId: apps[0]!.id, credentialId: credentials[0]!.id }),
      ]);
      await expect.poll(async () => (await connectionStatus(mine))?.injecting).toBe(true);
    } finally {
      await other.close().catch(() => {});
      await removeProfile(other.userDataDir);
    }
  });
});
