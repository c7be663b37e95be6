// @vitest-environment happy-dom
// Passkeys in the popup, over a scripted worker and a fake WebAuthn (the browser-API boundary):
// the locked view offers the passkey only when one is enrolled and asks the authenticator for
// exactly those, a closed dialog is said in words, and Settings says why where the browser cannot.
// Unlocked, a passkey answers the confirmations (the prompt, a backup) in the master password's
// place, and the password stays one click away.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VaultError, WrongPasswordError } from '../../../src/core/errors';
import { Apps } from '../../../src/popup/components/apps';
import { ErrorMessage } from '../../../src/popup/components/error-message';
import { PasskeysSettings } from '../../../src/popup/components/passkeys-settings';
import { Unlock } from '../../../src/popup/components/unlock';
import { SettingsView } from '../../../src/popup/components/views/settings-view';
import {
  APP,
  button,
  click,
  field,
  mounted,
  scriptedClient,
  settle,
  typeInto,
  unlockedVault,
  unmountAll,
} from './support';

// The Settings view's auto-lock page asks the platform about screen locks; not under test here.
vi.mock('../../../src/platform/idle', () => ({ reportsScreenLock: () => true }));

const SALT = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const OUTPUT = new Uint8Array(32).fill(9);
const CHALLENGES = [{ credentialId: 'cred-A_1', prfSalt: SALT }];
const ANSWER = { credentialId: 'cred-A_1', prfOutput: btoa(String.fromCharCode(...OUTPUT)) };

/** A WebAuthn whose get() answers as the given function does. */
function fakeWebAuthn(get: (options: CredentialRequestOptions) => Promise<unknown>, prf = true) {
  vi.stubGlobal(
    'PublicKeyCredential',
    Object.assign(class {}, { getClientCapabilities: async () => ({ 'extension:prf': prf }) }),
  );
  const spy = vi.fn(get);
  Object.defineProperty(navigator, 'credentials', {
    value: { get: spy, create: vi.fn() },
    configurable: true,
  });
  return spy;
}

const answered = async () => ({
  id: 'cred-A_1',
  getClientExtensionResults: () => ({ prf: { results: { first: OUTPUT.buffer } } }),
});

function lockedVault() {
  return scriptedClient({
    'vault.status': { state: 'locked', passkeys: 1 },
    'passkeys.challenges': CHALLENGES,
    'vault.unlockWithPasskey': { state: 'unlocked' },
  });
}

/** The worker's gate, at the message boundary: a passkey's answer or the password, else the prompt. */
function gated(payload: { password?: string; passkey?: unknown }) {
  if (payload.password === undefined && payload.passkey === undefined) {
    throw new VaultError('CONFIRMATION_REQUIRED', 'The client secret of Demo is about to be shown.');
  }
}

/** An unlocked vault with one passkey and one app whose secret asks for a confirmation. */
function unlockedWithPasskey() {
  return scriptedClient(
    unlockedVault({
      'vault.status': { state: 'unlocked', passkeys: 1 },
      'apps.list': [{ ...APP, hasSecret: true }],
      'passkeys.challenges': CHALLENGES,
      'apps.secret': (payload: { password?: string; passkey?: unknown }) => {
        gated(payload);
        return { clientSecret: 'the secret' };
      },
      'backup.create': { fileName: 'jwt-vault-backup.json', content: '{}' },
    }),
  );
}

const secretCalls = (client: ReturnType<typeof scriptedClient>) =>
  client.calls.filter((c) => c.type === 'apps.secret').map((c) => c.payload);

describe('passkeys in the popup', () => {
  afterEach(() => {
    unmountAll();
    vi.unstubAllGlobals();
  });

  it('unlocks with the enrolled passkey: asks for exactly those, and sends its PRF output', async () => {
    const get = fakeWebAuthn(answered);
    const client = lockedVault();
    const { root } = await mounted(<Unlock />, client);
    await settle(() => root.textContent?.includes('Unlock with a passkey') ?? false);
    await click(button(root, 'Unlock with a passkey'));
    await settle(() => client.calls.some((c) => c.type === 'vault.unlockWithPasskey'));
    const asked = get.mock.calls[0]![0].publicKey!;
    expect(asked.userVerification).toBe('required');
    expect(asked.allowCredentials).toHaveLength(1);
    expect(Object.keys(asked.extensions?.prf?.evalByCredential ?? {})).toEqual(['cred-A_1']);
    expect(client.calls.find((c) => c.type === 'vault.unlockWithPasskey')?.payload).toEqual({
      credentialId: 'cred-A_1',
      prfOutput: btoa(String.fromCharCode(...OUTPUT)),
    });
  });

  it('offers no passkey when none is enrolled, and asks nothing about them', async () => {
    fakeWebAuthn(answered);
    const client = scriptedClient({ 'vault.status': { state: 'locked' } });
    const { root } = await mounted(<Unlock />, client);
    await settle(() => root.querySelector('input[type="password"]') !== null);
    expect(root.textContent).not.toContain('Unlock with a passkey');
    expect(client.calls.map((c) => c.type)).toEqual(['vault.status']);
  });

  it('says so in words when the passkey dialog was closed, and sends nothing', async () => {
    fakeWebAuthn(async () => {
      throw new DOMException('closed', 'NotAllowedError');
    });
    const client = lockedVault();
    const { root } = await mounted(
      <>
        <ErrorMessage />
        <Unlock />
      </>,
      client,
    );
    await settle(() => root.textContent?.includes('Unlock with a passkey') ?? false);
    await click(button(root, 'Unlock with a passkey'));
    await settle(() => root.querySelector('[data-code="PASSKEY_UNAVAILABLE"]') !== null);
    expect(root.textContent).toContain('The passkey was not used');
    expect(client.calls.some((c) => c.type === 'vault.unlockWithPasskey')).toBe(false);
  });

  it('answers the prompt before a reveal with the passkey: the same request, with its answer and no password', async () => {
    const get = fakeWebAuthn(answered);
    const client = unlockedWithPasskey();
    const { root } = await mounted(<Apps />, client, { hash: `#/apps/${APP.id}` });
    await click(button(root, `Reveal client secret of ${APP.name}`));
    await settle(() => root.querySelector('form.confirm-password') !== null);
    const prompt = root.querySelector('form.confirm-password') as HTMLFormElement;
    expect(prompt.textContent).toContain('The browser asks for your passkey');
    expect(prompt.querySelector('input[type="password"]')).toBeNull();
    await click(button(prompt, 'Confirm'));
    await settle(() => root.textContent?.includes('the secret') ?? false);
    expect(root.querySelector('form.confirm-password')).toBeNull();
    expect(secretCalls(client)).toEqual([{ id: APP.id }, { id: APP.id, passkey: ANSWER }]);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('keeps a closed passkey dialog in the prompt, and the master password one click away', async () => {
    fakeWebAuthn(async () => {
      throw new DOMException('closed', 'NotAllowedError');
    });
    const client = unlockedWithPasskey();
    const { root } = await mounted(<Apps />, client, { hash: `#/apps/${APP.id}` });
    await click(button(root, `Reveal client secret of ${APP.name}`));
    await settle(() => root.querySelector('form.confirm-password') !== null);
    const prompt = () => root.querySelector('form.confirm-password') as HTMLFormElement;
    await click(button(prompt(), 'Confirm'));
    await settle(() => prompt().querySelector('[role="alert"]') !== null);
    expect(prompt().querySelector('[role="alert"]')?.textContent).toContain('The passkey was not used');
    expect(secretCalls(client)).toHaveLength(1);

    await click(button(prompt(), 'Use the master password instead'));
    await typeInto(field(prompt(), 'Master password') as HTMLInputElement, 'the master password');
    await click(button(prompt(), 'Confirm'));
    await settle(() => root.textContent?.includes('the secret') ?? false);
    expect(secretCalls(client)).toEqual([{ id: APP.id }, { id: APP.id, password: 'the master password' }]);
  });

  it('makes a backup with the passkey in place of the master password', async () => {
    fakeWebAuthn(answered);
    const client = unlockedWithPasskey();
    const { root } = await mounted(<SettingsView />, client, { hash: '#/settings/backup' });
    await settle(() => root.querySelector('form[aria-labelledby="settings-backup-title"]') !== null);
    const form = root.querySelector('form[aria-labelledby="settings-backup-title"]') as HTMLFormElement;
    expect(form.textContent).toContain('The browser asks for your passkey');
    await typeInto(field(form, 'Backup password') as HTMLInputElement, 'a long backup password');
    await typeInto(field(form, 'Confirm backup password') as HTMLInputElement, 'a long backup password');
    await click(button(form, 'Make a backup'));
    await settle(() => client.calls.some((c) => c.type === 'backup.create'));
    expect(client.calls.find((c) => c.type === 'backup.create')?.payload).toEqual({
      passkey: ANSWER,
      backupPassword: 'a long backup password',
    });
  });

  it('checks the master password before the authenticator makes a passkey, and enrols with the right one', async () => {
    fakeWebAuthn(answered);
    const create = vi.fn(async () => ({
      id: 'cred-new',
      getClientExtensionResults: () => ({ prf: { enabled: true, results: { first: OUTPUT.buffer } } }),
    }));
    (navigator.credentials as unknown as { create: typeof create }).create = create;
    const client = scriptedClient(
      unlockedVault({
        'vault.checkPassword': (payload: { password: string }) => {
          if (payload.password !== 'the master password') throw new WrongPasswordError();
          return {};
        },
        'passkeys.enrol': { credentialId: 'cred-new', name: 'Laptop', createdAt: 1 },
      }),
    );
    const { root } = await mounted(<PasskeysSettings titleId="t" />, client);
    await settle(() => root.querySelector('form') !== null);
    const form = root.querySelector('form') as HTMLFormElement;
    await typeInto(field(form, 'Name of the new passkey') as HTMLInputElement, 'Laptop');
    await typeInto(field(form, 'Master password') as HTMLInputElement, 'mistyped');
    await click(button(form, 'Add a passkey'));
    await settle(() => form.querySelector('[data-code="WRONG_PASSWORD"]') !== null);
    expect(create).not.toHaveBeenCalled();
    expect(client.calls.some((c) => c.type === 'passkeys.enrol')).toBe(false);

    await typeInto(field(form, 'Master password') as HTMLInputElement, 'the master password');
    await click(button(form, 'Add a passkey'));
    await settle(() => client.calls.some((c) => c.type === 'passkeys.enrol'));
    expect(create).toHaveBeenCalledTimes(1);
    expect(client.calls.find((c) => c.type === 'passkeys.enrol')?.payload).toMatchObject({
      credentialId: 'cred-new',
      name: 'Laptop',
      prfOutput: ANSWER.prfOutput,
      password: 'the master password',
    });
  });

  it('hides enrolling where the browser has no PRF, with the reason in one line', async () => {
    fakeWebAuthn(answered, false);
    const { root } = await mounted(<PasskeysSettings titleId="t" />, scriptedClient(unlockedVault()));
    await settle(() => root.textContent?.includes('no PRF extension') ?? false);
    expect(root.querySelector('form')).toBeNull();
    expect(root.querySelectorAll('button')).toHaveLength(0);
  });
});
