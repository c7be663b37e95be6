// @vitest-environment happy-dom
// The in-place master-password prompt: shown when the worker answers CONFIRMATION_REQUIRED,
// with the worker's words; a wrong password stays in the prompt; the right one retries the same
// action with it; Cancel drops the action. Driven through the views that use it.
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VaultError, WrongPasswordError } from '../../../src/core/errors';
import { Apps } from '../../../src/popup/components/apps';
import { ErrorMessage } from '../../../src/popup/components/error-message';
import { loadRarePages } from '../../../src/popup/components/views/load';
import { SettingsView } from '../../../src/popup/components/views/settings-view';
import { PopupContext } from '../../../src/popup/context';
import { NavigationContext } from '../../../src/popup/navigation-context';
import { createPopupState } from '../../../src/popup/state';
import { readAll, testNavigation, workerLike } from './support';

// The Settings view's auto-lock page asks the platform about screen locks; not under test here.
vi.mock('../../../src/platform/idle', () => ({ reportsScreenLock: () => true }));

const MASTER = 'the master password';
const SECRET = 'app secret value';
const APP = {
  id: 'app-1',
  name: 'Demo',
  clientId: 'client-1',
  serverUrl: 'https://a.example.test',
  tokenPath: '/t',
  revokePath: '/r',
  hasSecret: true,
};

const flush = async () => {
  for (let i = 0; i < 6; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
const button = (name: string) =>
  [...document.querySelectorAll('button')].find(
    (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
  ) as HTMLButtonElement;
const prompt = () => document.querySelector('form.confirm-password') as HTMLFormElement | null;

async function confirmWith(password: string): Promise<void> {
  const input = prompt()!.querySelector('input[type="password"]') as HTMLInputElement;
  input.value = password;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await flush();
  prompt()!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await flush();
}

/** The worker's gate, faked at the message boundary: the master password or nothing. */
function gated(type: string, payload: { password?: string; masterPassword?: string }) {
  // A restore's `password` opens the backup; the master password comes apart.
  const given = type === 'backup.restore' ? payload.masterPassword : payload.password;
  if (given === undefined) {
    throw new VaultError(
      'CONFIRMATION_REQUIRED',
      `This would send stored secrets to https://b.example.test (${type}).`,
    );
  }
  if (given !== MASTER) throw new WrongPasswordError();
}

/** `view` at `hash` (the demo app's page unless told), over a worker that answers with `answer`. */
async function mounted(
  view: preact.ComponentChild,
  answer: (type: string, payload: never) => unknown,
  hash = `#/apps/${APP.id}`,
) {
  const calls: [string, unknown][] = [];
  const state = createPopupState(
    workerLike({
      call: async (type, payload) => {
        calls.push([type, payload]);
        if (type === 'vault.status') return { state: 'unlocked' } as never;
        if (type === 'apps.list') return [APP] as never;
        if (type === 'settings.get')
          return {
            autoLockMinutes: 15,
            lockOnSystemLock: true,
            revokeOnLock: true,
            confirmGraceMinutes: 2,
          } as never;
        return (answer(type, payload as never) ?? []) as never;
      },
    }),
  );
  await state.refresh();
  await readAll(state);
  render(
    <NavigationContext.Provider value={testNavigation(hash)}>
      <PopupContext.Provider value={state}>{view}</PopupContext.Provider>
    </NavigationContext.Provider>,
    document.body,
  );
  await flush();
  return calls;
}

describe('the master-password prompt', () => {
  // Pages loaded apart (a connection's page, backup, export): in before each test renders them.
  beforeAll(loadRarePages);
  afterEach(() => render(null, document.body));

  it('asks in place for Reveal, keeps a wrong password in the prompt, and retries with the right one', async () => {
    const calls = await mounted(<Apps />, (type, payload) => {
      if (type !== 'apps.secret') return undefined;
      gated(type, payload);
      return { clientSecret: SECRET };
    });
    button('Reveal client secret of Demo').click();
    await flush();
    expect(prompt()?.textContent).toContain('https://b.example.test');
    expect(document.activeElement).toBe(prompt()?.querySelector('input'));
    expect(document.body.textContent).not.toContain(SECRET);

    await confirmWith('wrong');
    expect(prompt()?.querySelector('[role="alert"]')?.textContent).toBe(
      'The master password is not correct.',
    );
    await confirmWith(MASTER);
    expect(prompt()).toBeNull();
    expect(document.querySelector('code.secret')?.textContent).toBe(SECRET);
    expect(calls.filter(([type]) => type === 'apps.secret').map(([, payload]) => payload)).toEqual([
      { id: 'app-1' },
      { id: 'app-1', password: 'wrong' },
      { id: 'app-1', password: MASTER },
    ]);
  });

  it('drops the action on Cancel: nothing is shown and nothing is sent again', async () => {
    const calls = await mounted(<Apps />, (type, payload) => {
      if (type !== 'apps.secret') return undefined;
      gated(type, payload);
      return { clientSecret: SECRET };
    });
    button('Copy client secret of Demo').click();
    await flush();
    button('Cancel').click();
    await flush();
    expect(prompt()).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
    expect(calls.filter(([type]) => type === 'apps.secret')).toHaveLength(1);
  });

  it("retries an app's save with the password and returns to the list", async () => {
    const calls = await mounted(<Apps />, (type, payload) => {
      if (type === 'apps.save') gated(type, payload);
      return type === 'apps.save' ? APP : undefined;
    });
    const form = document.querySelector('form[aria-labelledby="edit-app-app-1"]') as HTMLFormElement;
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    expect(prompt()).not.toBeNull();
    await confirmWith(MASTER);
    expect(document.querySelector('form[aria-labelledby="edit-app-app-1"]')).toBeNull();
    const saves = calls.filter(([type]) => type === 'apps.save').map(([, payload]) => payload);
    expect(saves).toHaveLength(2);
    expect(saves[1]).toMatchObject({ app: { id: 'app-1' }, password: MASTER });
  });

  it('keeps a wrong password to the prompt alone, shows nothing after Cancel, and a later refusal once, in the form', async () => {
    let duplicate = false;
    await mounted(
      <>
        <ErrorMessage />
        <Apps />
      </>,
      (type, payload) => {
        if (type !== 'apps.save') return undefined;
        gated(type, payload);
        if (duplicate) throw new VaultError('DUPLICATE', 'An app with this client ID is already registered.');
        return APP;
      },
    );
    const form = () => document.querySelector('form[aria-labelledby="edit-app-app-1"]') as HTMLFormElement;
    const alerts = () => [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
    form().dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    await confirmWith('wrong');
    // Once, in the prompt: the form and the page say nothing of it.
    expect(alerts()).toEqual(['The master password is not correct.']);
    expect(prompt()?.querySelector('[role="alert"]')).not.toBeNull();

    const cancel = [...prompt()!.querySelectorAll('button')].find((b) => b.textContent === 'Cancel');
    cancel?.click();
    await flush();
    expect(prompt()).toBeNull();
    expect(alerts()).toEqual([]);

    duplicate = true;
    form().dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    await confirmWith(MASTER);
    expect(prompt()).toBeNull();
    expect(alerts()).toEqual(['An app with this client ID is already registered.']);
    expect(form().querySelector('[role="alert"]')?.getAttribute('data-code')).toBe('DUPLICATE');
  });

  it('lists in the restore preview where a replacement would send secrets, and restores after the password', async () => {
    const calls = await mounted(
      <SettingsView />,
      (type, payload) => {
        if (type === 'backup.preview') {
          return {
            adds: [],
            skipped: [],
            conflicts: [
              {
                kind: 'apps',
                label: 'Demo (client-1)',
                reason: 'same-client-id',
                existingLabel: 'Demo (client-1)',
                destinationChanges: [
                  { field: 'server', from: 'https://a.example.test', to: 'https://b.example.test' },
                ],
              },
            ],
          };
        }
        if (type === 'backup.restore') {
          gated(type, payload);
          return {
            added: [],
            replaced: [{ kind: 'apps', label: 'Demo (client-1)' }],
            kept: [],
            skipped: [],
            failed: [],
          };
        }
        return undefined;
      },
      '#/settings/restore',
    );
    const restore = document.querySelector(
      'form[aria-labelledby="settings-restore-title"]',
    ) as HTMLFormElement;
    const file = restore.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(file, 'files', { value: [new File(['{}'], 'vault.json')] });
    file.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    const backupPassword = restore.querySelector('input[type="password"]') as HTMLInputElement;
    backupPassword.value = 'backup password';
    backupPassword.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    restore.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    const changes = document.querySelector('ul[aria-label="Replacing would send secrets to new places"]');
    expect(changes?.textContent).toBe(
      'App: Demo (client-1): server: https://a.example.test → https://b.example.test',
    );

    restore.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    await confirmWith(MASTER);
    expect(document.body.textContent).toContain('Restore finished');
    const restores = calls.filter(([type]) => type === 'backup.restore').map(([, payload]) => payload);
    expect(restores[0]).not.toHaveProperty('masterPassword');
    expect(restores[1]).toMatchObject({ password: 'backup password', masterPassword: MASTER });
  });
});
