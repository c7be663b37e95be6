// Lock empties every domain of the popup state at once: a domain added later that keeps its own
// copy of unlocked data (instead of reading it from the one unlocked store) fails this test.
// @vitest-environment happy-dom
import '../support/mock-popup-platform';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/popup/components/app';
import { createPopupState, type Domains } from '../../../src/popup/state';
import {
  ACTIVE,
  APP,
  button,
  CONNECTION,
  CREDENTIAL,
  click,
  field,
  mounted,
  readAll,
  type Script,
  SETTINGS,
  scriptedClient,
  settle,
  unlockedVault,
  unmountAll,
} from './support';

/** Every read-only signal a domain model exposes, by name: what it shows. */
function shown(domains: Domains): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, model] of Object.entries(domains)) {
    for (const [key, value] of Object.entries(model as unknown as Record<string, unknown>)) {
      if (value && typeof value === 'object' && 'value' in value && 'peek' in value) {
        out[`${name}.${key}`] = (value as { value: unknown }).value;
      }
    }
  }
  return out;
}

const emptyValue = (value: unknown) => value === undefined || (Array.isArray(value) && value.length === 0);

/** An unlocked vault holding the kit's app, credential and connection (its token live). */
const vaultWithOneOfEach = (more: Script = {}) =>
  scriptedClient(
    unlockedVault({
      'apps.list': [APP],
      'credentials.list': [CREDENTIAL],
      'connections.list': [CONNECTION] as never,
      'connections.status': [ACTIVE],
      ...more,
    }),
  );

describe('lock', () => {
  afterEach(unmountAll);

  it('empties every domain in one assignment, and after the next unlock they are read again', async () => {
    const client = vaultWithOneOfEach({
      'exports.list': [{ at: 1, credentialId: 'c1', clientId: 'cid-1', method: 'passphrase' }] as never,
      'activity.list': [
        {
          seq: 0,
          at: 1,
          connectionIds: ['k1'],
          origin: 'http://localhost:3000',
          tabId: 3,
          method: 'GET',
          url: 'https://platform.example.test/restapi/v1.0/account/~',
          header: 'vault',
          generation: 1,
          status: 200,
          durationMs: 9,
        },
      ],
      'settings.get': SETTINGS,
      'activity.older': { entries: [], more: false, damaged: 0 },
      'passkeys.list': [{ credentialId: 'k1', name: 'YubiKey', createdAt: 1 }],
    });
    const state = createPopupState(client);
    await state.refresh();
    await readAll(state);
    // Read only on asking: earlier requests from the kept log.
    await state.domains.activity.loadOlder();

    // Unlocked: every data signal of every domain shows something (else this test checks nothing).
    const before = shown(state.domains);
    const data = Object.entries(before).filter(([key]) => !key.startsWith('vault.'));
    expect(data.length).toBeGreaterThanOrEqual(5);
    for (const [key, value] of data) expect(emptyValue(value), `${key} while unlocked`).toBe(false);

    client.answer({ 'vault.lock': { state: 'locked' } });
    await state.lock();
    expect(state.unlocked.value).toBeUndefined();
    for (const [key, value] of Object.entries(shown(state.domains))) {
      if (key.startsWith('vault.')) continue;
      expect(emptyValue(value), `${key} after lock`).toBe(true);
    }

    client.answer({ 'vault.unlock': { state: 'unlocked', kdfMs: 1 } });
    await state.unlock('the master password');
    // Nothing read yet is shown: each view reads its parts as it opens.
    expect(state.unlocked.value).toEqual({});
    await readAll(state);
    expect(state.apps.value).toEqual([APP]);
    expect(state.credentials.value).toEqual([CREDENTIAL]);
  });

  it('takes what it showed out of the page: the Lock button leaves no label behind', async () => {
    const client = vaultWithOneOfEach();
    const { root } = await mounted(<App />, client);
    await settle(() => root.textContent?.includes('Ops bot') === true);
    client.answer({ 'vault.lock': { state: 'locked' } });
    await click(button(root, 'Lock'));
    await settle(() => root.querySelector('[data-state="locked"]') !== null);
    expect(root.textContent).not.toContain('Ops bot');
    expect(root.textContent).not.toContain('Billing app');
    expect(field(root, 'Master password').value).toBe('');
  });

  it('empties every domain when the worker pushes a lock made elsewhere', async () => {
    const client = scriptedClient(unlockedVault({ 'apps.list': [APP], 'credentials.list': [CREDENTIAL] }));
    const state = createPopupState(client);
    await state.refresh();
    await readAll(state);
    expect(state.apps.value).toHaveLength(1);
    state.applyStatusPush({ type: 'status', vault: { state: 'locked' }, connections: [] });
    await expect.poll(() => state.unlocked.value).toBeUndefined();
    expect(state.apps.value).toEqual([]);
    expect(state.credentials.value).toEqual([]);
  });
});
