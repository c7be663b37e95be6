// Trusted-app export through the popup, as a person does it: choose the credential and one of
// the apps it allows, protect the export with the app's public key or a one-off passphrase,
// confirm with the master password, download the .jwe. Then the app's side: jose alone opens
// the file (the open-export script). Nothing secret stays in the profile.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { exportJWK, generateKeyPair } from 'jose';
import { EXIT, OpenExportError, openExport } from '../../scripts/open-export';
import { expect, test } from './fixtures';
import { call, canary, filesContaining, launch, openPopup, removeProfile } from './harness';
import { openPage } from './popup-steps';
import { PASSWORD } from './world';

const DEMO_CLIENT = 'demo-client-id';

/** A vault with two apps and a credential that allows only the first, made by messages. */
async function vault(popup: Page, jwt: string): Promise<void> {
  await call(popup, 'vault.create', { password: PASSWORD });
  for (const [name, clientId] of [
    ['Partner', DEMO_CLIENT],
    ['Other', 'other-client-id'],
  ]) {
    await call(popup, 'apps.save', {
      app: { name, clientId, serverUrl: 'https://platform.ringcentral.com' },
    });
  }
  await call(popup, 'credentials.save', {
    credential: {
      label: 'Alice',
      jwt,
      allowed: { kind: 'specific', clientIds: [DEMO_CLIENT, 'partner-two'] },
    },
  });
  await popup.reload();
}

function jwtWith(marker: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: '42', exp: 3_900_000_000, jti: marker })}.${Buffer.from(marker).toString('base64url')}`;
}

async function startExport(popup: Page): Promise<void> {
  await openPage(popup, 'Settings', 'Export for a trusted app');
  await expect(popup.getByRole('combobox', { name: 'Credential', exact: true })).toHaveValue(/.+/);
}

/** Confirms with the master password and downloads the file; returns its text. */
async function confirmAndDownload(popup: Page, password = PASSWORD): Promise<string> {
  await popup.getByLabel('Master password, to confirm').fill(password);
  await popup.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(popup.getByRole('heading', { name: 'Export ready' })).toBeVisible();
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Download .jwe' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`alice-for-${DEMO_CLIENT}.jwe`);
  return readFile(await download.path(), 'utf8');
}

test('exports to the app public key and only the app private key opens it', async () => {
  const launched = await launch();
  const jwt = jwtWith(canary('Jwt'));
  try {
    const popup = await openPopup(launched);
    await vault(popup, jwt);
    await startExport(popup);

    // Only the apps the credential allows are offered: "Other" is registered but not allowed.
    const recipient = popup.getByRole('combobox', { name: 'For the app' });
    await expect(recipient.locator('option')).toHaveText([`Partner (${DEMO_CLIENT})`, 'partner-two']);

    const { publicKey, privateKey } = await generateKeyPair('ECDH-ES+A256KW', { extractable: true });
    const privateJwk = await exportJWK(privateKey);

    // A private key where the public key belongs is refused, and the reason is given.
    await popup.getByRole('textbox', { name: 'Public key (JWK)' }).fill(JSON.stringify(privateJwk));
    await popup.getByLabel('Master password, to confirm').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(popup.getByRole('alert')).toContainText('This is a private key');

    // A wrong master password exports nothing.
    await popup
      .getByRole('textbox', { name: 'Public key (JWK)' })
      .fill(JSON.stringify(await exportJWK(publicKey)));
    await popup.getByLabel('Master password, to confirm').fill('not the password');
    await popup.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(popup.getByRole('alert')).toHaveText('The password is not correct.');

    const jwe = await confirmAndDownload(popup);
    const payload = await openExport(jwe, { key: privateJwk }, DEMO_CLIENT);
    expect(payload).toMatchObject({
      jwt,
      label: 'Alice',
      aud: DEMO_CLIENT,
      allowed: [DEMO_CLIENT, 'partner-two'],
    });
    expect(payload.exp - payload.iat).toBe(86_400);

    // Another app's key cannot open it.
    const stranger = await exportJWK(
      (await generateKeyPair('ECDH-ES+A256KW', { extractable: true })).privateKey,
    );
    const refused = await openExport(jwe, { key: stranger }, DEMO_CLIENT).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenExportError);
    expect((refused as OpenExportError).exit).toBe(EXIT.decrypt);

    // The export is logged, by key thumbprint.
    await popup.getByRole('button', { name: 'Done' }).click();
    const log = popup.getByRole('list', { name: 'Past exports' });
    await expect(log.getByRole('listitem')).toHaveCount(1);
    await expect(log).toContainText(`Alice → ${DEMO_CLIENT}`);

    await popup.getByRole('button', { name: 'Lock' }).click();
    await expect(popup.getByLabel('Master password')).toBeFocused();
    await launched.close();
    expect(await filesContaining(launched.userDataDir, jwt)).toEqual([]);
  } finally {
    await launched.close().catch(() => {});
    await removeProfile(launched.userDataDir);
  }
});

test('exports with a one-off passphrase, shown once, that opens the file', async ({ extension }) => {
  const popup = await openPopup(extension);
  const jwt = jwtWith(canary('Jwt'));
  await vault(popup, jwt);
  await startExport(popup);
  await popup.getByLabel('A one-off passphrase').check();
  await popup.getByRole('combobox', { name: 'Valid for' }).selectOption({ label: '1 hour' });
  const jwe = await confirmAndDownload(popup);
  const passphrase = await popup.getByLabel('Passphrase').inputValue();
  expect(passphrase).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);

  const payload = await openExport(jwe, { passphrase }, DEMO_CLIENT);
  expect(payload).toMatchObject({ jwt });
  expect(payload.exp - payload.iat).toBe(3_600);
  // Once closed, the passphrase is gone from the popup for good.
  await popup.getByRole('button', { name: 'Done' }).click();
  expect(await popup.content()).not.toContain(passphrase);
});
