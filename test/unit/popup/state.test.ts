import { describe, expect, it } from 'vitest';
import { ThrottledError, WrongPasswordError } from '../../../src/core/errors';
import { createPopupState } from '../../../src/popup/state';
import type { VaultClient } from '../../../src/shared/client';
import type { VaultStatus } from '../../../src/shared/messages';
import { ACTIVE, readAll, workerLike } from './support';

const SETTINGS = { autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true, confirmGraceMinutes: 2 };

/** A scripted worker: answers each request type from a table. */
function scriptedClient(answers: Record<string, () => Promise<unknown>>): VaultClient & { calls: string[] } {
  const calls: string[] = [];
  const worker: VaultClient = workerLike(
    {
      call: async (type: string) => {
        const answer = answers[type];
        if (!answer) throw new Error(`unexpected ${type}`);
        return answer() as never;
      },
    },
    (type) => answers[type] !== undefined,
  );
  return {
    calls,
    call: async (type, payload) => {
      calls.push(type);
      return worker.call(type, payload);
    },
  };
}

/** What an unlocked page reads, empty but for the settings. */
const UNLOCKED_READS = {
  'connections.list': async () => [],
  'credentials.list': async () => [],
  'connections.status': async () => [],
  'settings.get': async () => SETTINGS,
  'exports.list': async () => [],
  'passkeys.list': async () => [],
  'activity.list': async () => [],
  'apps.list': async () => [],
};

describe('popup state', () => {
  it('shows the worker status after refresh', async () => {
    const state = createPopupState(scriptedClient({ 'vault.status': async () => ({ state: 'locked' }) }));
    expect(state.status.value).toBeUndefined();
    await state.refresh();
    await readAll(state);
    expect(state.status.value).toEqual({ state: 'locked' });
    expect(state.isLocked.value).toBe(true);
  });

  it('keeps the error of a failed unlock and refreshes the status for the countdown', async () => {
    const throttled: VaultStatus = { state: 'locked', throttledUntil: 123 };
    const state = createPopupState(
      scriptedClient({
        'vault.unlock': async () => {
          throw new WrongPasswordError();
        },
        'vault.status': async () => throttled,
      }),
    );
    await state.unlock('nope');
    expect(state.domains.vault.error.value?.code).toBe('WRONG_PASSWORD');
    expect(state.status.value).toEqual(throttled);
    expect(state.busy.value).toBe('none');
  });

  it('clears the previous error when the next action starts', async () => {
    let fail = true;
    const state = createPopupState(
      scriptedClient({
        'vault.unlock': async () => {
          if (fail) throw new ThrottledError(5);
          return { state: 'unlocked', kdfMs: 1 };
        },
        'vault.status': async () => ({ state: 'locked' }),
        'connections.list': async () => [],
        'credentials.list': async () => [],
        'connections.status': async () => [],
        'settings.get': async () => SETTINGS,
        'exports.list': async () => [],
        'passkeys.list': async () => [],
        'activity.list': async () => [],
        'apps.list': async () => [],
      }),
    );
    await state.unlock('a');
    expect(state.domains.vault.error.value?.code).toBe('THROTTLED');
    fail = false;
    await state.unlock('b');
    expect(state.domains.vault.error.value).toBeUndefined();
    expect(state.isLocked.value).toBe(false);
  });

  it('turns an unexpected failure into a generic error without its text', async () => {
    const state = createPopupState(
      scriptedClient({
        'vault.lock': async () => {
          throw new Error('raw internal detail');
        },
        'vault.status': async () => ({ state: 'unlocked' }),
      }),
    );
    await state.lock();
    expect(state.domains.vault.error.value?.code).toBe('INTERNAL');
    expect(state.domains.vault.error.value?.message).not.toContain('raw internal detail');
  });

  it('lists the connections with their credential and status once unlocked, and none when locked', async () => {
    const status = ACTIVE;
    let state: VaultStatus = { state: 'unlocked' };
    const popup = createPopupState(
      scriptedClient({
        'vault.status': async () => state,
        'vault.lock': async () => {
          state = { state: 'locked' };
          return state;
        },
        'connections.list': async () => [
          {
            id: 'k1',
            credentialId: 'c1',
            appId: 'a1',
            apiBaseUrl: 'https://api.test/v1/',
            toolOrigins: ['http://localhost:3000'],
            enabled: true,
          },
        ],
        'credentials.list': async () => [{ id: 'c1', label: 'Ops bot' }],
        'connections.status': async () => [status],
        'settings.get': async () => SETTINGS,
        'exports.list': async () => [],
        'passkeys.list': async () => [],
        'activity.list': async () => [],
        'apps.list': async () => [],
      }),
    );
    await popup.refresh();
    await readAll(popup);
    expect(popup.settings.value).toEqual(SETTINGS);
    expect(popup.connections.value).toEqual([
      {
        id: 'k1',
        credentialId: 'c1',
        appId: 'a1',
        credentialLabel: 'Ops bot',
        apiBaseUrl: 'https://api.test/v1/',
        toolOrigins: ['http://localhost:3000'],
        status,
      },
    ]);
    await popup.lock();
    expect(popup.connections.value).toEqual([]);
    expect(popup.settings.value).toBeUndefined();
  });

  it('saves settings and reports a failed password change in its outcome, not page-wide', async () => {
    const saved: unknown[] = [];
    const popup = createPopupState(
      scriptedClient({
        'settings.save': async () => {
          saved.push('settings');
          return { ...SETTINGS, autoLockMinutes: 5 };
        },
        'vault.status': async () => ({ state: 'unlocked', autoLockAt: 42 }),
        'vault.changePassword': async () => {
          throw new WrongPasswordError();
        },
        ...UNLOCKED_READS,
      }),
    );
    // Settings are saved from an unlocked page: what it shows was read first.
    await popup.refresh();
    await readAll(popup);
    expect(await popup.domains.settings.save({ ...SETTINGS, autoLockMinutes: 5 })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(popup.settings.value?.autoLockMinutes).toBe(5);
    expect(popup.status.value).toEqual({ state: 'unlocked', autoLockAt: 42 });
    const changed = await popup.domains.vault.changePassword('wrong', 'new password');
    expect(changed.ok ? undefined : changed.error.code).toBe('WRONG_PASSWORD');
    // A form's failure is its own: the page-wide error is the vault transitions' only.
    expect(popup.domains.vault.error.value).toBeUndefined();
    expect(popup.busy.value).toBe('none');
  });
});
