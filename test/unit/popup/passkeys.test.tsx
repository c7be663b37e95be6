// @vitest-environment happy-dom
// Passkeys in the popup, over a scripted worker and a fake WebAuthn (the browser-API boundary):
// the locked view offers the passkey only when one is enrolled and asks the authenticator for
// exactly those, a closed dialog is said in words, and Settings says why where the browser cannot.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorMessage } from '../../../src/popup/components/error-message';
import { PasskeysSettings } from '../../../src/popup/components/passkeys-settings';
import { Unlock } from '../../../src/popup/components/unlock';
import { button, click, mounted, scriptedClient, settle, unlockedVault, unmountAll } from './support';

const SALT = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const OUTPUT = new Uint8Array(32).fill(9);
const CHALLENGES = [{ credentialId: 'cred-A_1', prfSalt: SALT }];

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
    'vault.status': { state: 'locked' },
    'passkeys.challenges': CHALLENGES,
    'vault.unlockWithPasskey': { state: 'unlocked' },
  });
}

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

  it('offers no passkey when none is enrolled', async () => {
    fakeWebAuthn(answered);
    const client = scriptedClient({ 'vault.status': { state: 'locked' }, 'passkeys.challenges': [] });
    const { root } = await mounted(<Unlock />, client);
    await settle(() => client.calls.some((c) => c.type === 'passkeys.challenges'));
    expect(root.textContent).not.toContain('Unlock with a passkey');
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

  it('hides enrolling where the browser has no PRF, with the reason in one line', async () => {
    fakeWebAuthn(answered, false);
    const { root } = await mounted(<PasskeysSettings titleId="t" />, scriptedClient(unlockedVault()));
    await settle(() => root.textContent?.includes('no PRF extension') ?? false);
    expect(root.querySelector('form')).toBeNull();
    expect(root.querySelectorAll('button')).toHaveLength(0);
  });
});
