// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IntegrityError, VaultError, WrongPasswordError } from '../../../src/core/errors';
import { loadRarePages } from '../../../src/popup/components/views/load';
import { SettingsView } from '../../../src/popup/components/views/settings-view';
import { PopupContext } from '../../../src/popup/context';
import { NavigationContext } from '../../../src/popup/navigation-context';
import { createPopupState } from '../../../src/popup/state';
import { readAll, testNavigation, workerLike } from './support';

// The Settings view's auto-lock page asks the platform about screen locks; not under test here.
vi.mock('../../../src/platform/idle', () => ({ reportsScreenLock: () => true }));

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const form = (name: string) => document.querySelector(`form[aria-labelledby="${name}"]`) as HTMLFormElement;
const field = (scope: ParentNode, text: string) =>
  [...scope.querySelectorAll('label')]
    .find((l) => l.textContent?.trim() === text)
    ?.querySelector('input') as HTMLInputElement;
const button = (scope: ParentNode, name: string) =>
  [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
const alertText = (scope: ParentNode) => scope.querySelector('[role="alert"]')?.textContent;

async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await flush();
}

async function submit(scope: HTMLFormElement): Promise<void> {
  scope.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  for (let i = 0; i < 5; i += 1) await flush();
}

const PREVIEW = {
  adds: [{ kind: 'credentials', label: 'Bob' }],
  conflicts: [
    { kind: 'apps', label: 'Demo (client-1)', reason: 'same-client-id', existingLabel: 'Mine (client-1)' },
  ],
  skipped: [],
};

/** The Settings page `page` (backup or restore), over a worker whose backup answers are `backup`. */
async function mounted(backup: (type: string, payload: unknown) => unknown, page = 'backup') {
  const calls: [string, unknown][] = [];
  const state = createPopupState(
    workerLike({
      call: async (type, payload) => {
        calls.push([type, payload]);
        if (type.startsWith('backup.')) return backup(type, payload) as never;
        if (type === 'vault.status') return { state: 'unlocked' } as never;
        if (type === 'settings.get')
          return { autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true } as never;
        return [] as never;
      },
    }),
  );
  await state.refresh();
  await readAll(state);
  render(
    <NavigationContext.Provider value={testNavigation(`#/settings/${page}`)}>
      <PopupContext.Provider value={state}>
        <SettingsView />
      </PopupContext.Provider>
    </NavigationContext.Provider>,
    document.body,
  );
  await flush();
  return calls;
}

async function chooseFile(scope: ParentNode, text: string): Promise<void> {
  const input = field(scope, 'Backup file');
  Object.defineProperty(input, 'files', {
    value: [new File([text], 'vault.json', { type: 'application/json' })],
  });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  for (let i = 0; i < 5; i += 1) await flush();
}

describe('backup panel', () => {
  // Pages loaded apart (a connection's page, backup, export): in before each test renders them.
  beforeAll(loadRarePages);
  afterEach(() => {
    render(null, document.body);
    vi.restoreAllMocks();
  });

  it('puts backing up and restoring each on a page, its form named by the heading', async () => {
    await mounted(() => undefined);
    expect(document.querySelector('#settings-backup-title')?.textContent).toBe('Back up the vault');
    for (const label of ['Backup password', 'Confirm backup password', 'Master password, to confirm']) {
      expect(field(form('settings-backup-title'), label)).toBeDefined();
    }
    expect(form('settings-restore-title')).toBeNull();
    render(null, document.body);
    await mounted(() => undefined, 'restore');
    expect(document.querySelector('#settings-restore-title')?.textContent).toBe('Restore from a backup');
    expect(field(form('settings-restore-title'), 'Backup file').type).toBe('file');
  });

  it('checks the two backup passwords before asking the worker, then offers the file', async () => {
    const calls = await mounted(() => ({ fileName: 'jwt-vault-backup-2026-11-28.json', content: '{"x":1}' }));
    const make = form('settings-backup-title');
    await type(field(make, 'Backup password'), 'a long backup password');
    await type(field(make, 'Confirm backup password'), 'another one');
    await type(field(make, 'Master password, to confirm'), 'master password');
    await submit(make);
    expect(alertText(make)).toBe('The two backup passwords are not the same.');
    expect(calls.some(([t]) => t === 'backup.create')).toBe(false);

    await type(field(make, 'Confirm backup password'), 'a long backup password');
    await submit(make);
    expect(calls.find(([t]) => t === 'backup.create')?.[1]).toEqual({
      password: 'master password',
      backupPassword: 'a long backup password',
    });
    expect(make.querySelector('[role="status"]')?.textContent).toContain('jwt-vault-backup-2026-11-28.json');
    // The passwords do not stay in the form.
    expect(field(make, 'Backup password').value).toBe('');
    expect(field(make, 'Master password, to confirm').value).toBe('');

    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:backup');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    button(make, 'Download the backup').click();
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(create).toHaveBeenCalledOnce();
    expect(click).toHaveBeenCalledOnce();
    expect(revoke).toHaveBeenCalledWith('blob:backup');
  });

  it('says when the master password is wrong', async () => {
    await mounted(() => {
      throw new WrongPasswordError();
    });
    const make = form('settings-backup-title');
    await type(field(make, 'Backup password'), 'a long backup password');
    await type(field(make, 'Confirm backup password'), 'a long backup password');
    await type(field(make, 'Master password, to confirm'), 'wrong');
    await submit(make);
    expect(alertText(make)).toBe('The master password is not correct.');
  });

  it('previews, then restores with the chosen answer to conflicts', async () => {
    const calls = await mounted(
      (type) =>
        type === 'backup.preview'
          ? PREVIEW
          : {
              added: [{ kind: 'credentials', label: 'Bob' }],
              replaced: [PREVIEW.conflicts[0]],
              kept: [],
              skipped: [],
              failed: [],
            },
      'restore',
    );
    const restore = form('settings-restore-title');
    await chooseFile(restore, '{"format":"jwt-vault-backup"}');
    await type(field(restore, 'Backup password'), 'a long backup password');
    await submit(restore);
    expect(calls.find(([t]) => t === 'backup.preview')?.[1]).toEqual({
      content: '{"format":"jwt-vault-backup"}',
      password: 'a long backup password',
    });
    const list = (name: string) => restore.querySelector(`ul[aria-label="${name}"]`)?.textContent;
    expect(list('Will be added')).toBe('Credential: Bob');
    expect(list('Already in the vault')).toBe('App: Demo (client-1) (same client ID as “Mine (client-1)”)');
    const keep = field(restore, 'Keep mine');
    expect(keep.checked).toBe(true);

    const replace = field(restore, 'Replace with the backup’s');
    replace.checked = true;
    replace.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    await submit(restore);
    expect(calls.find(([t]) => t === 'backup.restore')?.[1]).toEqual({
      content: '{"format":"jwt-vault-backup"}',
      password: 'a long backup password',
      onConflict: 'replace',
    });
    expect(restore.querySelector('[role="status"]')?.textContent).toBe(
      'Restore finished: 1 added, 1 replaced.',
    );
    // The restore reloads what the popup shows.
    expect(calls.filter(([t]) => t === 'credentials.list').length).toBeGreaterThan(1);
  });

  it('tells a wrong backup password from a damaged file', async () => {
    let failure: VaultError = new WrongPasswordError('The backup password is not correct.');
    await mounted(() => {
      throw failure;
    }, 'restore');
    const restore = form('settings-restore-title');
    await chooseFile(restore, '{}');
    await type(field(restore, 'Backup password'), 'wrong password');
    await submit(restore);
    const wrong = alertText(restore);
    expect(wrong).toBe('The backup password is not correct. Nothing was changed.');

    failure = new IntegrityError();
    await submit(restore);
    const damaged = alertText(restore);
    expect(damaged).toBe('The backup file is damaged or was changed after it was made. Nothing was changed.');

    failure = new VaultError('INVALID_INPUT', 'This file is not a JWT Vault backup.');
    await submit(restore);
    expect(alertText(restore)).toBe('This file is not a JWT Vault backup.');
  });
});
