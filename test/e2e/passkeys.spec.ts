// Passkey unlock in real Chromium, with the DevTools protocol's virtual authenticators (PRF on,
// user verification on): enrolled from Settings → Passkeys after the master password, then the
// locked popup opens with one click and a tool's request is authenticated; another
// authenticator's passkey is refused with its code; once removed, the password is needed; and the
// password opens the vault at every step; the passkey answers a destination change's prompt.
// Nothing of the PRF outputs or the data key is on disk.
import type { Page } from '@playwright/test';
import { audit, type Finding, POPUP_SIZE } from './audit';
import { expect, test } from './fixtures';
import { call, filesContaining, openPopup, send } from './harness';
import { askEveryTime, editToolOrigins, openPage } from './popup-steps';
import { addVirtualAuthenticator, createPrfPasskey } from './webauthn';
import { connect, injectedToken, openTool, PASSWORD, toolFetch, worldPerTest } from './world';

const current = worldPerTest();

async function unlockWithPassword(popup: Page): Promise<void> {
  await popup.getByLabel('Master password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
}

test('a passkey unlocks the vault in one click; another is refused; removed, the password is needed', async ({
  extension,
}) => {
  const { world, api } = current;
  const findings: Finding[] = [];
  const popup = await openPopup(extension);
  await popup.setViewportSize(POPUP_SIZE);
  await connect(popup, world);
  await popup.reload();
  const cdp = await extension.context.newCDPSession(popup);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const first = await addVirtualAuthenticator(cdp);

  // Enrolled after the master password, from its Settings page.
  const page = await openPage(popup, 'Settings', 'Passkeys');
  await page.getByLabel('Name of the new passkey').fill('Virtual key');
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByRole('status')).toHaveText('Virtual key added: it unlocks the vault from now on.');
  await expect(page.getByRole('list', { name: 'Enrolled passkeys' }).getByRole('listitem')).toHaveCount(1);
  await audit(popup, 'passkeys-settings', findings);

  // What the authenticator answers for the enrolled passkey's salt: a canary for the disk scan.
  const [challenge] = await call<{ credentialId: string; prfSalt: string }[]>(popup, 'passkeys.challenges');
  const enrolledOutput = await popup.evaluate(async ({ credentialId, prfSalt }) => {
    const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const id = bytes(
      credentialId
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(credentialId.length / 4) * 4, '='),
    );
    const got = (await navigator.credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        allowCredentials: [{ type: 'public-key', id }],
        userVerification: 'required',
        extensions: { prf: { evalByCredential: { [credentialId]: { first: bytes(prfSalt) } } } },
      },
    })) as PublicKeyCredential;
    const output = got.getClientExtensionResults().prf?.results?.first as ArrayBuffer;
    return btoa(String.fromCharCode(...new Uint8Array(output)));
  }, challenge!);

  // Locked: one click, no password, and a tool's request carries the token again.
  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByRole('button', { name: 'Unlock with a passkey' })).toBeVisible();
  await audit(popup, 'unlock-passkey', findings);
  const started = Date.now();
  await popup.getByRole('button', { name: 'Unlock with a passkey' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Unlocked');
  test.info().annotations.push({
    type: 'passkey unlock: click → unlocked',
    description: `${Date.now() - started} ms`,
  });
  const tool = await openTool(extension, world.tool.origin);
  await expect.poll(async () => (await toolFetch(tool, api)).status, { timeout: 15_000 }).toBe(200);
  expect(await injectedToken(popup)).toBeTruthy();

  // A destination change, with the grace period at 0: the passkey answers the prompt.
  await popup.bringToFront();
  await askEveryTime(popup);
  await editToolOrigins(popup, `Alice → ${world.sandbox.url}/restapi/`, [
    world.tool.origin,
    world.otherTool.origin,
  ]);
  const prompt = popup.getByRole('form', { name: 'Confirm it is you' });
  await expect(prompt).toContainText(world.otherTool.origin);
  await expect(prompt.getByLabel('Master password')).toHaveCount(0);
  await audit(popup, 'confirm-passkey', findings, prompt);
  await prompt.getByRole('button', { name: 'Confirm' }).click();
  await expect(prompt).toHaveCount(0);
  const [moved] = await call<{ toolOrigins: string[] }[]>(popup, 'connections.list');
  expect(moved?.toolOrigins).toEqual([world.tool.origin, world.otherTool.origin]);

  // Another authenticator's passkey, made for this page: the worker refuses it with its code.
  await popup.bringToFront();
  await call(popup, 'vault.lock');
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: first, enabled: false });
  await addVirtualAuthenticator(cdp, { transport: 'usb' });
  const { credentialId, prfOutput } = await createPrfPasskey(popup, 'another');
  const stranger = { credentialId, prfOutput };
  expect(await send(popup, 'vault.unlockWithPasskey', stranger)).toMatchObject({
    ok: false,
    error: { code: 'PASSKEY_REFUSED' },
  });
  // The enrolled one's id with the stranger's output: refused too.
  const [enrolled] = await call<{ credentialId: string }[]>(popup, 'passkeys.challenges');
  expect(
    await send(popup, 'vault.unlockWithPasskey', { ...stranger, credentialId: enrolled!.credentialId }),
  ).toMatchObject({ ok: false, error: { code: 'PASSKEY_REFUSED' } });
  // The password opens it at every step.
  await popup.reload();
  await unlockWithPassword(popup);

  // Removed: a password-only vault again.
  const settings = await openPage(popup, 'Settings', 'Passkeys');
  await settings.getByRole('button', { name: 'Remove Virtual key' }).click();
  // Confirmations are asked every time now: the master password, one click away from the passkey.
  const confirmRemoval = popup.getByRole('form', { name: 'Confirm it is you' });
  await confirmRemoval.getByRole('button', { name: 'Use the master password instead' }).click();
  await confirmRemoval.getByLabel('Master password').fill(PASSWORD);
  await confirmRemoval.getByRole('button', { name: 'Confirm' }).click();
  await expect(settings.getByRole('list', { name: 'Enrolled passkeys' })).toHaveCount(0);
  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByRole('status').first()).toHaveText('Locked');
  await expect(popup.getByLabel('Master password')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Unlock with a passkey' })).toHaveCount(0);
  await unlockWithPassword(popup);

  // Neither passkey's PRF output, nor the data key they unwrap, is anywhere in the profile on
  // disk (the key lives in storage.session, in memory, while the vault is open).
  const dataKey = await popup.evaluate(async () => {
    const kept = await chrome.storage.session.get('vault.dataKey');
    return kept['vault.dataKey'] as string;
  });
  expect(dataKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  await call(popup, 'vault.lock');
  await extension.context.close();
  for (const canary of [enrolledOutput, stranger.prfOutput, dataKey])
    expect(await filesContaining(extension.userDataDir, canary)).toEqual([]);
  expect(findings).toEqual([]);
});
