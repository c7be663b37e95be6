// @vitest-environment happy-dom
// An app's page (edit, delete, Reveal/Hide), the Settings pages (auto-lock, re-key), the
// strength meter and the quiet status check, rendered over a scripted worker.

import { signal } from '@preact/signals';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VaultError } from '../../../src/core/errors';
import { secretInput } from '../../../src/popup/components/app-form';
import { Apps } from '../../../src/popup/components/apps';
import { PasswordStrength } from '../../../src/popup/components/password-strength';
import { SettingsView } from '../../../src/popup/components/views/settings-view';
import { PopupContext, usePopupState } from '../../../src/popup/context';
import { NavigationContext } from '../../../src/popup/navigation-context';
import { createPopupState } from '../../../src/popup/state';
import type { AppView, VaultStatus } from '../../../src/shared/messages';
import { readAll, testNavigation, workerLike } from './support';

// The fake platform adapter: whether this browser reports a locked screen (Firefox does not).
const reportsScreenLock = vi.fn(() => true);
vi.mock('../../../src/platform/idle', () => ({ reportsScreenLock: () => reportsScreenLock() }));

const SECRET = 'CANARY-client-secret';
const APP: AppView = {
  id: 'a1',
  name: 'Demo',
  clientId: 'demo-id',
  serverUrl: 'https://platform.ringcentral.com',
  tokenPath: '/t',
  revokePath: '/r',
  hasSecret: true,
};

/** An unlocked vault with one app, showing `view` at `hash`; records every request. */
async function mounted(
  view: preact.ComponentChild,
  hash: string,
  status: VaultStatus = { state: 'unlocked', kdf: 'argon2id-64m-t3' },
) {
  const calls: { type: string; payload: unknown }[] = [];
  const current = {
    status,
    settings: { autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true, confirmGraceMinutes: 2 },
  };
  const answers: Record<string, (payload: never) => unknown> = {
    'vault.status': () => current.status,
    'apps.list': () => [APP],
    'apps.secret': () => ({ clientSecret: SECRET }),
    'apps.save': () => APP,
    'apps.delete': () => {
      throw new VaultError('IN_USE', 'This app is used by 1 connection(s); delete or change them first.');
    },
    'settings.get': () => current.settings,
    'settings.save': ({ settings }: { settings: typeof current.settings }) => {
      current.settings = settings;
      return settings;
    },
    'vault.lock': () => {
      current.status = { state: 'locked' };
      return current.status;
    },
    'vault.changePassword': () => {
      current.status = { ...current.status, kdf: 'pbkdf2-600k' };
      return {};
    },
  };
  const state = createPopupState(
    workerLike({
      call: async (type, payload) => {
        calls.push({ type, payload });
        return (answers[type]?.(payload as never) ?? []) as never;
      },
    }),
  );
  await state.refresh();
  await readAll(state);
  const navigation = testNavigation(hash);
  render(
    <NavigationContext.Provider value={navigation}>
      <PopupContext.Provider value={state}>{view}</PopupContext.Provider>
    </NavigationContext.Provider>,
    document.body,
  );
  return { state, calls, current, navigation };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function button(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

function field(label: string): HTMLInputElement | HTMLSelectElement {
  const found = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label));
  const control = found?.querySelector('input, select');
  if (!control) throw new Error(`no field "${label}"`);
  return control as HTMLInputElement;
}

function type(label: string, value: string) {
  const input = field(label) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('apps', () => {
  afterEach(() => render(null, document.body));

  it('sends undefined to keep the secret, null to remove it, a string to set it', () => {
    expect(secretInput('', false)).toBeUndefined();
    expect(secretInput('', true)).toBeNull();
    expect(secretInput('typed', true)).toBeNull();
    expect(secretInput('typed', false)).toBe('typed');
  });

  it('masks the secret, reveals it on demand, and drops it from the page on Hide', async () => {
    await mounted(<Apps />, '#/apps/a1');
    expect(document.body.innerHTML).not.toContain(SECRET);
    button('Reveal client secret of Demo').click();
    await vi.waitFor(() => expect(document.body.textContent).toContain(SECRET));
    expect(button('Hide client secret of Demo').getAttribute('aria-pressed')).toBe('true');
    button('Hide client secret of Demo').click();
    await vi.waitFor(() => expect(document.body.innerHTML).not.toContain(SECRET));
  });

  it('drops a revealed secret when the vault locks (the page unmounts)', async () => {
    const { state } = await mounted(<AppsWhileUnlocked />, '#/apps/a1');
    button('Reveal client secret of Demo').click();
    await vi.waitFor(() => expect(document.body.textContent).toContain(SECRET));
    await state.lock();
    await vi.waitFor(() => expect(document.body.innerHTML).not.toContain(SECRET));
  });

  it('edits on its page, pre-filled, keeps the stored secret when the field stays empty, and goes back', async () => {
    const { calls, navigation } = await mounted(<Apps />, '#/apps/a1');
    expect((field('App name') as HTMLInputElement).value).toBe('Demo');
    expect((field('New client secret') as HTMLInputElement).value).toBe('');
    type('App name', 'Demo 2');
    document.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(calls.some((c) => c.type === 'apps.save')).toBe(true));
    const saved = calls.find((c) => c.type === 'apps.save')?.payload as { app: Record<string, unknown> };
    expect(saved.app).toMatchObject({ id: 'a1', name: 'Demo 2', clientId: 'demo-id' });
    expect('clientSecret' in saved.app).toBe(false);
    await vi.waitFor(() => expect(navigation.hash()).toBe('#/apps'));
  });

  it("asks before deleting and shows IN_USE on the app's page when a connection uses the app", async () => {
    const { calls, navigation } = await mounted(<Apps />, '#/apps/a1');
    button('Delete app').click();
    await settle();
    expect(calls.some((c) => c.type === 'apps.delete')).toBe(false);
    button('Delete for good').click();
    await vi.waitFor(() =>
      expect(document.querySelector('.delete-item [role="alert"]')?.getAttribute('data-code')).toBe('IN_USE'),
    );
    expect(navigation.hash()).toBe('#/apps/a1');
  });
});

/** The list only while unlocked, as the real frame shows it. */
function AppsWhileUnlocked() {
  const state = usePopupState();
  return state.isLocked.value ? <p>Locked</p> : <Apps />;
}

describe('re-key', () => {
  afterEach(() => render(null, document.body));

  it('shows the current preset and re-keys with the same password as old and new', async () => {
    const { calls } = await mounted(<SettingsView />, '#/settings/kdf');
    expect(document.body.textContent).toContain(
      'Now: Argon2id, 64 MiB, 3 passes, 4 lanes (default), recommended.',
    );
    (field('PBKDF2-HMAC-SHA256, 600,000 iterations') as HTMLInputElement).click();
    type('Password, to confirm re-keying', 'correct horse');
    const form = [...document.querySelectorAll('form')].find((f) => f.textContent?.includes('Re-key'));
    form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() =>
      expect(document.body.textContent).toContain('Now: PBKDF2-HMAC-SHA256, 600,000 iterations.'),
    );
    expect(calls.find((c) => c.type === 'vault.changePassword')?.payload).toEqual({
      oldPassword: 'correct horse',
      newPassword: 'correct horse',
      kdf: 'pbkdf2-600k',
    });
    // The password does not linger in the field.
    expect((field('Password, to confirm re-keying') as HTMLInputElement).value).toBe('');
  });
});

describe('settings', () => {
  afterEach(() => {
    render(null, document.body);
    reportsScreenLock.mockReturnValue(true);
  });

  const checkbox = (label: string) => field(label) as HTMLInputElement;
  const submitSettings = () =>
    [...document.querySelectorAll('form')]
      .find((f) => f.textContent?.includes('Save settings'))
      ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

  it('saves the fields and says so', async () => {
    const { current } = await mounted(<SettingsView />, '#/settings/lock');
    type('Lock after this many minutes without use', '30');
    checkbox('Revoke the tokens at the server when locking').click();
    submitSettings();
    await vi.waitFor(() => expect(document.body.textContent).toContain('Settings saved.'));
    expect(current.settings).toEqual({
      autoLockMinutes: 30,
      lockOnSystemLock: true,
      revokeOnLock: false,
      confirmGraceMinutes: 2,
    });
  });

  it('explains, and offers no lock-with-the-screen, where the browser never reports a locked screen', async () => {
    reportsScreenLock.mockReturnValue(false);
    await mounted(<SettingsView />, '#/settings/lock');
    const box = checkbox('Lock when the computer locks');
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(false);
    const note = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toContain('does not tell extensions when the screen locks');
  });

  it('shows settings changed elsewhere (a restored backup) instead of saving the old ones back', async () => {
    const { state, current, calls } = await mounted(<SettingsView />, '#/settings/lock');
    expect((field('Lock after this many minutes without use') as HTMLInputElement).value).toBe('15');
    current.settings = {
      autoLockMinutes: 5,
      lockOnSystemLock: false,
      revokeOnLock: false,
      confirmGraceMinutes: 4,
    };
    await state.refresh();
    await readAll(state);
    await vi.waitFor(() =>
      expect((field('Lock after this many minutes without use') as HTMLInputElement).value).toBe('5'),
    );
    expect(checkbox('Lock when the computer locks').checked).toBe(false);
    expect(checkbox('Revoke the tokens at the server when locking').checked).toBe(false);
    submitSettings();
    await vi.waitFor(() => expect(calls.some((c) => c.type === 'settings.save')).toBe(true));
    expect(current.settings).toEqual({
      autoLockMinutes: 5,
      lockOnSystemLock: false,
      revokeOnLock: false,
      confirmGraceMinutes: 4,
    });
  });
});

describe('strength meter', () => {
  afterEach(() => render(null, document.body));

  it('follows the password, with a polite live text', async () => {
    const password = signal('');
    render(<PasswordStrength password={password} id="s" />, document.body);
    const meter = () => document.querySelector('meter');
    // Nothing typed: no bar yet, and the live text is there, empty, to announce what comes.
    expect(meter()).toBeNull();
    expect(document.getElementById('s')?.getAttribute('aria-live')).toBe('polite');
    expect(document.getElementById('s')?.textContent).toBe('');
    password.value = 'password1';
    await settle();
    expect(meter()?.getAttribute('aria-label')).toBe('Password strength');
    expect(meter()?.getAttribute('aria-valuetext')).toBe('Weak');
    expect(document.getElementById('s')?.textContent).toMatch(/^Strength: Weak\./);
    password.value = 'correct horse battery staple';
    await settle();
    expect(meter()?.getAttribute('aria-valuetext')).toBe('Strong');
    // Small print, as the hints under the fields are.
    expect(document.getElementById('s')?.classList.contains('hint')).toBe(true);
  });
});

describe('status check', () => {
  it('notices a lock made elsewhere and empties the unlocked lists, without counting as use', async () => {
    const { state, current, calls } = await mounted(null, '');
    expect(state.apps.value).toHaveLength(1);
    calls.length = 0;
    await state.syncStatus();
    // Still unlocked: only the status was read.
    expect(calls.map((c) => c.type)).toEqual(['vault.status']);
    current.status = { state: 'locked' };
    await state.syncStatus();
    expect(state.isLocked.value).toBe(true);
    expect(state.apps.value).toEqual([]);
  });

  it('never undoes a lock this page made while its reading was under way', async () => {
    let answerStale: (status: VaultStatus) => void = () => {};
    let stale = true;
    const state = createPopupState(
      workerLike({
        call: async (type) => {
          if (type === 'vault.status' && stale) {
            stale = false;
            return new Promise((resolve) => {
              answerStale = resolve as never;
            });
          }
          if (type === 'vault.lock' || type === 'vault.status') return { state: 'locked' } as never;
          return [] as never;
        },
      }),
    );
    const reading = state.syncStatus();
    await state.lock();
    expect(state.isLocked.value).toBe(true);
    answerStale({ state: 'unlocked' });
    await reading;
    expect(state.isLocked.value).toBe(true);
  });
});
