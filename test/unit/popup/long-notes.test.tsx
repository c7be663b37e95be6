// @vitest-environment happy-dom
// A credential whose note is longer than the message validator once allowed (a restore brings
// up to the vault's limit) opens in the edit form and saves, and the worker's validator takes
// what the form sends. The form's own cap is the vault's.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/core/vault/limits';
import { Credentials } from '../../../src/popup/components/credentials';
import { PopupContext } from '../../../src/popup/context';
import { NavigationContext } from '../../../src/popup/navigation-context';
import { createPopupState } from '../../../src/popup/state';
import type { CredentialView } from '../../../src/shared/messages';
import { requestValidators } from '../../../src/shared/request-validators';
import { readAll, testNavigation, workerLike } from './support';

const NOTE = 'escalation list: '.padEnd(5_000, 'y');

const CREDENTIAL: CredentialView = {
  id: 'c1',
  kind: 'ringcentral-jwt',
  label: 'Ops bot',
  allowed: { kind: 'organization' },
  notes: NOTE,
  jwtInfo: { sub: '208594004', expired: false, expiresSoon: false },
};

async function mounted() {
  const saves: unknown[] = [];
  const answers: Record<string, () => unknown> = {
    'vault.status': () => ({ state: 'unlocked' }),
    'credentials.list': () => [CREDENTIAL],
    'settings.get': () => ({ autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true }),
  };
  const state = createPopupState(
    workerLike({
      call: async (type, payload) => {
        if (type === 'credentials.save') {
          // The worker's boundary: what it refuses never reaches the vault.
          saves.push(requestValidators['credentials.save'](payload, 'payload'));
          return CREDENTIAL as never;
        }
        return (answers[type]?.() ?? []) as never;
      },
    }),
  );
  await state.refresh();
  await readAll(state);
  // The credential's page, where its edit form is.
  render(
    <NavigationContext.Provider value={testNavigation(`#/credentials/${CREDENTIAL.id}`)}>
      <PopupContext.Provider value={state}>
        <Credentials />
      </PopupContext.Provider>
    </NavigationContext.Provider>,
    document.body,
  );
  return { saves };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const button = (name: string) =>
  [...document.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  ) as HTMLButtonElement;
const field = (text: string) =>
  [...document.querySelectorAll('label')]
    .find((l) => l.textContent?.trim().startsWith(text))
    ?.querySelector('input, textarea') as HTMLInputElement;

describe('the credential edit form with a 5,000-character note', () => {
  afterEach(() => render(null, document.body));

  it('shows the whole note and saves it back through the message validator', async () => {
    const { saves } = await mounted();
    await flush();
    expect(field('Notes').value).toBe(NOTE);
    const label = field('Label');
    label.value = 'Ops bot (night)';
    label.dispatchEvent(new Event('input', { bubbles: true }));
    button('Save changes').click();
    await flush();
    expect(saves).toEqual([
      {
        credential: {
          id: 'c1',
          kind: 'ringcentral-jwt',
          label: 'Ops bot (night)',
          allowed: { kind: 'organization' },
          notes: NOTE,
        },
      },
    ]);
    expect(document.querySelector('.credential-form [data-code]')).toBeNull();
  });

  it('caps the note and the label where the vault does', async () => {
    await mounted();
    await flush();
    expect(field('Notes').maxLength).toBe(LIMITS.notes);
    expect(field('Label').maxLength).toBe(LIMITS.name);
  });
});
