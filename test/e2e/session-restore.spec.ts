// Nothing typed into a secret field is kept by the browser. Chromium's session restore stores
// the form state of every open tab — the popup page opened with "Open in tab" too — for the
// controls that may autocomplete. A canary goes into every field of the popup that can hold a
// secret, in every view that has one (nothing is submitted that would send anything); once a
// plain field typed beside them is on disk (the state was written), the browser closes and the
// whole profile is scanned, ASCII and UTF-16LE: the plain fields are found, the secrets never.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { call, canary, filesContaining, type Launched, launch, openPopup, removeProfile } from './harness';
import { openPage, region, type ViewName } from './popup-steps';
import { PASSWORD } from './world';

const CLIENT_ID = 'partner-client-id';
const ENCRYPTED_KEY = readFileSync(
  path.join(import.meta.dirname, '../fixtures/keys/rsa-2048-encrypted-aes256-sha256.pem'),
  'utf8',
);

/** The popup page as "Open in tab" opens it; the popup-sized page that opened it is closed. */
async function openInTab(launched: Launched): Promise<Page> {
  const popup = await openPopup(launched);
  await expect(popup.getByRole('status').first()).not.toHaveText('Connecting to the vault…');
  const [tab] = await Promise.all([
    launched.context.waitForEvent('page'),
    popup.getByRole('button', { name: 'Open in tab' }).click(),
  ]);
  await popup.close();
  await expect(tab.getByRole('button', { name: 'Open in tab' })).toHaveCount(0);
  return tab;
}

/** A plain page with a plain text field: proof that this browser writes form state at all. */
async function plainPage(launched: Launched, value: string): Promise<void> {
  const page = await launched.context.newPage();
  await page.goto('data:text/html,<title>plain</title><input aria-label="plain">');
  await page.getByLabel('plain').fill(value);
}

/** Waits until every plain canary is on disk: the tabs' form state has been written. */
async function waitForSessionWrite(dir: string, plain: string[]): Promise<void> {
  for (const value of plain) {
    await expect
      .poll(() => filesContaining(dir, value), { timeout: 30_000, message: 'the session is written' })
      .not.toEqual([]);
  }
}

/** Each canary and the profile files holding it, as ASCII/UTF-8 or UTF-16LE. */
async function hits(dir: string, canaries: Record<string, string>): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(canaries)) {
    const files = await filesContaining(dir, value);
    if (files.length > 0) found[field] = files;
  }
  return found;
}

/** A private JWK (the wrong key, pasted where the public one belongs) carrying the canary. */
function privateJwk(marker: string): string {
  return JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB', d: marker });
}

function jwtWith(marker: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: '42', exp: 3_900_000_000, jti: marker })}.c2ln`;
}

async function fill(field: Locator, value: string): Promise<void> {
  await field.fill(value);
  await expect(field).toHaveValue(value);
}

test('no secret typed into the popup page in a tab reaches the profile on disk', async () => {
  test.setTimeout(180_000);
  const secrets: Record<string, string> = {};
  const secret = (field: string) => {
    secrets[field] = canary(field.replace(/\W+/g, ''));
    return secrets[field];
  };
  const plain: Record<string, string> = {};
  let launched = await launch();
  const dir = launched.userDataDir;
  try {
    // 1. First run: the master password and its confirmation, typed and not submitted.
    let tab = await openInTab(launched);
    await fill(tab.getByLabel('Master password'), secret('create: master password'));
    await fill(tab.getByLabel('Confirm password'), secret('create: confirm password'));
    plain.firstRun = canary('PlainFirstRun');
    await plainPage(launched, plain.firstRun);
    await waitForSessionWrite(dir, [plain.firstRun]);
    await launched.close();

    // 2. Unlocked: every form with a secret field open at once, each page in a tab of its own
    // (a page's form shows only while it does). Settings comes first: it has no plain text
    // field, so the plain fields typed in the later tabs are what shows the state was written
    // (one session file holds every tab's).
    launched = await launch(dir);
    const setup = await openPopup(launched);
    await call(setup, 'vault.create', { password: PASSWORD });
    await call(setup, 'apps.save', {
      app: {
        name: 'Partner',
        clientId: CLIENT_ID,
        clientSecret: 'stored secret',
        serverUrl: 'https://platform.ringcentral.com',
      },
    });
    await call(setup, 'credentials.save', {
      credential: { label: 'Alice', jwt: jwtWith('stored'), allowed: { kind: 'organization' } },
    });

    /** A page of the popup in a tab of its own: its forms show only while it does. */
    const pageInTab = async (view: ViewName, link: string, heading = link) => {
      const opened = await openInTab(launched);
      return { tab: opened, page: await openPage(opened, view, link, heading) };
    };

    const change = (await pageInTab('Settings', 'Change the master password')).page.getByRole('form', {
      name: 'Change the master password',
    });
    await fill(change.getByLabel('Current password'), secret('change: current password'));
    await fill(change.getByLabel('New password', { exact: true }), secret('change: new password'));
    await fill(change.getByLabel('Confirm new password'), secret('change: confirm password'));
    const rekey = (await pageInTab('Settings', 'Key derivation')).page;
    await fill(rekey.getByLabel('Password, to confirm re-keying'), secret('re-key: password'));

    const backupForm = (await pageInTab('Settings', 'Back up the vault')).page.getByRole('form', {
      name: 'Back up the vault',
    });
    await fill(backupForm.getByLabel('Backup password', { exact: true }), secret('backup: password'));
    await fill(backupForm.getByLabel('Confirm backup password'), secret('backup: confirm password'));
    await fill(backupForm.getByLabel('Master password, to confirm'), secret('backup: master password'));
    const restoreForm = (await pageInTab('Settings', 'Restore from a backup')).page.getByRole('form', {
      name: 'Restore from a backup',
    });
    await fill(
      restoreForm.getByLabel('Backup password', { exact: true }),
      secret('restore: backup password'),
    );
    // Exporting for a trusted app is on Settings too, beside the backup.
    const exportForm = (await pageInTab('Settings', 'Export for a trusted app')).page.getByRole('form', {
      name: 'Export a credential',
    });
    await fill(
      exportForm.getByRole('textbox', { name: 'Public key (JWK)' }),
      privateJwk(secret('export: JWK')),
    );
    await fill(exportForm.getByLabel('Master password, to confirm'), secret('export: master password'));

    const appForm = (await pageInTab('Apps', 'Add app', 'Add an app')).page.getByRole('form', {
      name: 'Add an app',
    });
    plain.appName = canary('PlainAppName');
    await fill(appForm.getByLabel('App name'), plain.appName);
    await fill(appForm.getByLabel('Client secret', { exact: false }), secret('app: client secret'));

    const credentialForm = (
      await pageInTab('Credentials', 'Add credential', 'Add a credential')
    ).page.getByRole('form', { name: 'Add a credential' });
    await fill(credentialForm.getByLabel('JWT', { exact: true }), secret('credential: JWT'));
    await fill(credentialForm.getByLabel('Notes'), secret('credential: notes'));

    // A service account's key file, pasted into its own form.
    const googlePage = (await pageInTab('Credentials', 'Add credential', 'Add a credential')).page;
    await googlePage.getByLabel('Google service account').check();
    await fill(
      googlePage.getByRole('form', { name: 'Add a credential' }).getByLabel('Key file', { exact: true }),
      secret('google: key file'),
    );

    // A Salesforce key, encrypted (a canary in the comment above it), and its passphrase.
    const salesforcePage = (await pageInTab('Credentials', 'Add credential', 'Add a credential')).page;
    await salesforcePage.getByLabel('Salesforce JWT bearer').check();
    const salesforceForm = salesforcePage.getByRole('form', { name: 'Add a credential' });
    await fill(
      salesforceForm.getByLabel('Private key', { exact: true }),
      `${secret('salesforce: private key')}\n${ENCRYPTED_KEY}`,
    );
    await fill(salesforceForm.getByLabel('Key passphrase'), secret('salesforce: key passphrase'));

    // A private_key_jwt client's key and notes.
    const clientPage = (await pageInTab('Credentials', 'Add credential', 'Add a credential')).page;
    await clientPage.getByLabel('Client credentials, signed assertion (private_key_jwt)').check();
    const clientForm = clientPage.getByRole('form', { name: 'Add a credential' });
    await fill(
      clientForm.getByLabel('Private key', { exact: true }),
      secret('client assertion: private key'),
    );
    await fill(clientForm.getByLabel('Notes'), secret('client assertion: notes'));

    // The file a credential starts from, pasted but not recognised (so it stays in the field).
    const startPage = (await pageInTab('Credentials', 'Add credential', 'Add a credential')).page;
    await fill(
      startPage.getByLabel('Start from a file (paste it, or drop it here)'),
      secret('start: pasted file'),
    );

    // A Box app's config.json.
    const boxPage = (await pageInTab('Credentials', 'Add credential', 'Add a credential')).page;
    await boxPage.getByLabel('Box JWT (config.json)').check();
    await fill(
      boxPage.getByRole('form', { name: 'Add a credential' }).getByLabel('config.json', { exact: true }),
      secret('box: config.json'),
    );

    // A Zoom app's client secret.
    const zoomPage = (await pageInTab('Credentials', 'Add credential', 'Add a credential')).page;
    await zoomPage.getByLabel('Client credentials, client secret (Zoom server-to-server)').check();
    await fill(
      zoomPage.getByRole('form', { name: 'Add a credential' }).getByLabel('Client secret'),
      secret('zoom: client secret'),
    );

    const envForm = (
      await pageInTab('Credentials', 'Import from .env', 'Import from a .env file or a JWT')
    ).page.getByRole('form', { name: 'Import from a .env file or a JWT' });
    const envSecret = secret('.env: client secret');
    await fill(
      envForm.getByLabel('.env contents or a JWT'),
      [
        `# ${secret('.env: contents')}`,
        'RC_SERVER_URL=https://platform.ringcentral.com',
        'RC_APP_CLIENT_ID=env-client-id',
        `RC_APP_CLIENT_SECRET=${envSecret}`,
        '',
      ].join('\n'),
    );
    // The import fills its own client secret field from the pasted text.
    await expect(envForm.getByLabel('Client secret')).toHaveValue(envSecret);

    const listTab = await openInTab(launched);
    plain.credentialsView = canary('PlainCredentialsView');
    await fill(
      (await region(listTab, 'Credentials')).getByLabel('Filter credentials'),
      plain.credentialsView,
    );

    // The master password prompt of a sensitive action (Reveal, with no grace period).
    const settings = await call<Record<string, unknown>>(setup, 'settings.get');
    await call(setup, 'settings.save', { settings: { ...settings, confirmGraceMinutes: 0 } });
    const { tab: prompted, page: partner } = await pageInTab('Apps', 'Partner');
    await partner.getByRole('button', { name: 'Reveal client secret of Partner' }).click();
    const prompt = prompted.getByRole('form', { name: 'Confirm with the master password' });
    await fill(prompt.getByLabel('Master password'), secret('confirm prompt: master password'));
    // The plain field beside it, on the same page: the app's name in its edit form.
    plain.prompted = canary('PlainPrompted');
    await fill(partner.getByRole('form', { name: 'Edit Partner' }).getByLabel('App name'), plain.prompted);

    // A finished passphrase export shows the passphrase in a field until the tab closes.
    // On Settings, like the first tab: no plain field of its own (see above).
    const { tab: exported } = await pageInTab('Settings', 'Export for a trusted app');
    const passphraseExport = exported.getByRole('form', { name: 'Export a credential' });
    await passphraseExport.getByLabel('A one-off passphrase').check();
    await passphraseExport.getByLabel('Master password, to confirm').fill(PASSWORD);
    await passphraseExport.getByRole('button', { name: 'Export', exact: true }).click();
    const passphrase = exported.getByLabel('Passphrase', { exact: true });
    await expect(passphrase).toHaveValue(/.{16,}/);
    secrets['export: passphrase shown'] = await passphrase.inputValue();

    await waitForSessionWrite(dir, [plain.appName, plain.credentialsView, plain.prompted]);
    await launched.close();

    // 3. After a browser restart the vault is locked: the unlock form.
    launched = await launch(dir);
    tab = await openInTab(launched);
    await fill(tab.getByLabel('Master password'), secret('unlock: master password'));
    plain.locked = canary('PlainLocked');
    await plainPage(launched, plain.locked);
    await waitForSessionWrite(dir, [plain.locked]);
    await launched.close();

    // The plain fields were written with the tabs' state, so the scan sees what the browser keeps.
    const plainHits = await hits(dir, plain);
    expect(Object.keys(plainHits).sort()).toEqual(Object.keys(plain).sort());
    expect(
      Object.values(plainHits)
        .flat()
        .some((file) => file.split(path.sep).includes('Sessions')),
    ).toBe(true);
    expect(Object.keys(secrets)).toHaveLength(28);
    expect(await hits(dir, secrets)).toEqual({});
  } finally {
    await launched.close().catch(() => {});
    await removeProfile(dir);
  }
});
