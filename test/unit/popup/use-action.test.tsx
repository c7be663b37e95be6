// @vitest-environment happy-dom
// Each form runs its action on its own: a failure shows once, in that form, never page-wide too;
// a save under way disables that form's submit and no other; the last run's error is the one
// shown, cleared when the next run starts.
import '../support/mock-popup-platform';
import { signal, useSignalEffect } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultError } from '../../../src/core/errors';
import { Apps } from '../../../src/popup/components/apps';
import { Credentials } from '../../../src/popup/components/credentials';
import { ErrorMessage } from '../../../src/popup/components/error-message';
import { SettingsView } from '../../../src/popup/components/views/settings-view';
import { type Action, useAction } from '../../../src/popup/hooks/use-action';
import { NavigationContext } from '../../../src/popup/navigation-context';
import type { Outcome } from '../../../src/popup/state';
import type { AppView } from '../../../src/shared/messages';
import {
  button,
  field,
  follow,
  APP as KIT_APP,
  link,
  mounted,
  SETTINGS,
  scriptedClient,
  settle,
  testNavigation,
  typeInto,
  unlockedVault,
  unmountAll,
} from './support';

const DUPLICATE = 'An app with this client ID is already registered.';
// The kit's app, without a secret: the form's secret field stays empty.
const APP: AppView = { ...KIT_APP, hasSecret: false };

const alerts = (root: ParentNode) => [...root.querySelectorAll('[role="alert"]')];

/** Sends the form as its submit button would. */
async function submit(form: HTMLFormElement): Promise<void> {
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

const formOf = (root: ParentNode, title: string) =>
  root.querySelector(`form[aria-labelledby="${title}"]`) as HTMLFormElement;

/** Fills the "Add an app" page's form, which is showing. */
async function fillApp(root: HTMLElement): Promise<HTMLFormElement> {
  await typeInto(field(root, 'App name') as HTMLInputElement, APP.name);
  await typeInto(field(root, 'Client ID') as HTMLInputElement, APP.clientId);
  return formOf(root, 'add-app-title');
}

describe('a form’s own action', () => {
  afterEach(unmountAll);

  it('shows a failed save once, in its form, and not in the page-wide error too', async () => {
    const client = scriptedClient(
      unlockedVault({
        'apps.save': () => {
          throw new VaultError('DUPLICATE', DUPLICATE);
        },
      }),
    );
    // The page-wide error beside the form, as the popup's frame shows it above every view.
    const { root, state } = await mounted(
      <>
        <ErrorMessage />
        <Apps />
      </>,
      client,
      { hash: '#/apps' },
    );
    await follow(link(root, 'Add app'));
    const form = await fillApp(root);
    await submit(form);
    await settle(() => alerts(root).some((a) => a.textContent === DUPLICATE));

    const shown = alerts(root).filter((a) => a.textContent === DUPLICATE);
    expect(shown).toHaveLength(1);
    expect(form.contains(shown[0]!)).toBe(true);
    expect(shown[0]!.getAttribute('data-code')).toBe('DUPLICATE');
    expect(state.domains.vault.error.value).toBeUndefined();
    // Still open, with what was typed, for another try.
    expect((field(form, 'App name') as HTMLInputElement).value).toBe(APP.name);
  });

  it('disables only its own submit while it saves: another form can still be sent', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const client = scriptedClient(
      unlockedVault({
        'apps.save': async () => {
          await held;
          return APP;
        },
        'settings.save': SETTINGS,
      }),
    );
    // Pages of three views, side by side: what one holds back must not hold the others.
    const at = (hash: string, children: ComponentChildren) => (
      <NavigationContext.Provider value={testNavigation(hash)}>{children}</NavigationContext.Provider>
    );
    const { root } = await mounted(
      <>
        {at('#/apps/new', <Apps />)}
        {at('#/credentials/new', <Credentials />)}
        {at('#/settings/lock', <SettingsView />)}
        {at('#/settings/password', <SettingsView />)}
      </>,
      client,
    );
    const form = await fillApp(root);
    await submit(form);
    await settle(() => button(form, 'Save app').disabled);

    expect(button(root, 'Save credential').disabled).toBe(false);
    expect(button(root, 'Save settings').disabled).toBe(false);
    expect(button(root, 'Change password').disabled).toBe(false);
    // The other form is sent and done while the first still waits.
    await submit(formOf(root, 'settings-lock-title'));
    await settle(() => root.textContent?.includes('Settings saved.') ?? false);
    expect(button(form, 'Save app').disabled).toBe(true);

    client.answer({ 'apps.list': [APP] });
    await act(async () => release());
    await settle(() => formOf(root, 'add-app-title') === null);
  });
});

describe('useAction', () => {
  afterEach(unmountAll);

  /** Mounts a component holding one action whose runs each wait for the test to end them. */
  async function held() {
    const runs: ((outcome: Outcome<string>) => void)[] = [];
    const action = (_: string) =>
      new Promise<Outcome<string>>((resolve) => {
        runs.push(resolve);
      });
    let hook!: Action<[string], string>;
    function Probe() {
      hook = useAction(action);
      return <p>{hook.pending.value ? 'pending' : 'idle'}</p>;
    }
    const { root } = await mounted(<Probe />, scriptedClient(unlockedVault()));
    return { runs, root, hook: () => hook };
  }

  const failed = (code: 'WRONG_PASSWORD' | 'DUPLICATE'): Outcome<string> => ({
    ok: false,
    error: new VaultError(code, code),
  });

  it('is pending while a run is under way, keeps its failure, and clears it as the next run starts', async () => {
    const { runs, root, hook } = await held();
    let first!: Promise<Outcome<string>>;
    await act(async () => {
      first = hook().run('a');
    });
    expect(root.textContent).toBe('pending');
    await act(async () => runs[0]!(failed('DUPLICATE')));
    expect(await first).toEqual(failed('DUPLICATE'));
    expect(root.textContent).toBe('idle');
    expect(hook().error.value?.code).toBe('DUPLICATE');

    await act(async () => {
      void hook().run('b');
    });
    expect(hook().error.value).toBeUndefined();
    await act(async () => runs[1]!({ ok: true, value: 'done' }));
    expect(hook().error.value).toBeUndefined();
    expect(root.textContent).toBe('idle');
  });

  it('shows the newest run’s outcome: an older run that fails late does not cover it', async () => {
    const { runs, root, hook } = await held();
    await act(async () => {
      void hook().run('old');
      void hook().run('new');
    });
    await act(async () => runs[1]!({ ok: true, value: 'new' }));
    // One run still under way.
    expect(root.textContent).toBe('pending');
    await act(async () => runs[0]!(failed('WRONG_PASSWORD')));
    expect(hook().error.value).toBeUndefined();
    expect(root.textContent).toBe('idle');
  });

  it('started from an effect, runs once per change of what the effect reads, not once per run', async () => {
    let runs = 0;
    const chosen = signal('first');
    const action = (_: string): Promise<Outcome<string>> => {
      runs += 1;
      // A loop would never end: past a few runs, the next one never finishes.
      if (runs > 5) return new Promise(() => {});
      return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: 'done' }), 0));
    };
    function Follower() {
      const follow = useAction(action);
      // As the export form fetches the apps a credential allows whenever the credential changes.
      useSignalEffect(() => {
        void follow.run(chosen.value);
      });
      return <p>{follow.pending.value ? 'pending' : 'idle'}</p>;
    }
    const { root } = await mounted(<Follower />, scriptedClient(unlockedVault()));
    await settle(() => root.textContent === 'idle' || runs > 5);
    expect(runs).toBe(1);
    await act(async () => {
      chosen.value = 'second';
    });
    await settle(() => root.textContent === 'idle' || runs > 5);
    expect(runs).toBe(2);
  });
});
