// The popup test kit: a scripted worker whose answers have the real response types, a mounted
// popup (state and context), and lookups by role and label as a person finds things. Used with
// `// @vitest-environment happy-dom`.
import { type ComponentChildren, render } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import type { Connection, Settings } from '../../../src/core/vault/model';
import { PopupContext } from '../../../src/popup/context';
import { createNavigation, type Navigation } from '../../../src/popup/navigation';
import { NavigationContext } from '../../../src/popup/navigation-context';
import { createPopupState, PARTS, type PopupState } from '../../../src/popup/state';
import type { VaultClient } from '../../../src/shared/client';
import { connectionOverview } from '../../../src/shared/connection-overview';
import type {
  AppView,
  ConnectionStatusView,
  CredentialView,
  RequestOf,
  RequestType,
  ResponseOf,
} from '../../../src/shared/messages';

/** An answer to one request type: a value of its response type, or a function that makes one (or throws). */
export type Answer<K extends RequestType> =
  | ResponseOf<K>
  | ((payload: RequestOf<K>) => ResponseOf<K> | Promise<ResponseOf<K>>);

export type Script = { [K in RequestType]?: Answer<K> };

export interface ScriptedClient extends VaultClient {
  /** Every request made, in order, with its payload. */
  calls: { type: RequestType; payload: unknown }[];
  /** Replaces or adds answers while a test runs. */
  answer(more: Script): void;
}

/**
 * The client, but answering `connections.overview` (unless it answers it itself) as the worker
 * does: from its own connections, statuses, credentials and apps, which are not recorded as
 * calls when read for it.
 */
export function workerLike<C extends VaultClient>(
  client: C,
  own: (type: RequestType) => boolean = () => false,
): C {
  const call = client.call.bind(client);
  const overviewOf = async (): Promise<ResponseOf<'connections.overview'>> => {
    const [list, statuses, credentials, apps] = await Promise.all([
      call('connections.list', {}),
      call('connections.status', {}),
      call('credentials.list', {}),
      call('apps.list', {}),
    ]);
    return {
      connections: connectionOverview(list, statuses, credentials, apps),
      counts: { apps: apps.length, credentials: credentials.length },
    };
  };
  return {
    ...client,
    call: (async (type, payload) =>
      type === 'connections.overview' && !own(type)
        ? overviewOf()
        : call(type, payload)) as VaultClient['call'],
  };
}

/** A worker that answers from `script`; a request without an answer fails the test loudly. */
export function scriptedClient(script: Script): ScriptedClient {
  const answers: Script = { ...script };
  const calls: ScriptedClient['calls'] = [];
  const answerOf = async (type: RequestType, payload: unknown): Promise<unknown> => {
    // Typed where the script is written; here one answer is as good as another.
    const answer: unknown = answers[type];
    if (answer === undefined) throw new Error(`no scripted answer for ${type}`);
    return typeof answer === 'function' ? await (answer as (p: unknown) => unknown)(payload) : answer;
  };
  const inner: VaultClient = { call: (type, payload) => answerOf(type, payload) as never };
  const worker = workerLike(inner, (type) => answers[type] !== undefined);
  return {
    calls,
    answer(more) {
      Object.assign(answers, more);
    },
    async call(type, payload) {
      calls.push({ type, payload });
      return worker.call(type, payload);
    },
  };
}

/** After a popup's first refresh: every part of an unlocked vault read, as its views would. */
export async function readAll(state: PopupState): Promise<void> {
  if (state.status.value?.state === 'unlocked') await state.need(PARTS);
}

export const SETTINGS: Settings = {
  autoLockMinutes: 15,
  lockOnSystemLock: true,
  revokeOnLock: true,
  confirmGraceMinutes: 2,
  activityLog: 'session',
  activityKeepDays: 30,
};

/** One of each record, as the worker shows them: an app, a credential allowed for every app, and
 * a connection between them with a live token. */
export const APP: AppView = {
  id: 'a1',
  name: 'Billing app',
  clientId: 'cid-1',
  serverUrl: 'https://platform.example.test',
  tokenPath: '/restapi/oauth/token',
  revokePath: '/restapi/oauth/revoke',
  hasSecret: true,
};
export const CREDENTIAL: CredentialView = {
  id: 'c1',
  kind: 'ringcentral-jwt',
  label: 'Ops bot',
  allowed: { kind: 'organization' },
  notes: 'night shift',
  jwtInfo: { sub: '208594004', expired: false, expiresSoon: false },
};
export const CONNECTION: Connection = {
  id: 'k1',
  credentialId: 'c1',
  appId: 'a1',
  apiBaseUrl: 'https://api.example.test/restapi/',
  toolOrigins: ['http://localhost:3000'],
  enabled: true,
};
export const ACTIVE: ConnectionStatusView = {
  connectionId: 'k1',
  enabled: true,
  state: 'active',
  generation: 1,
  injecting: true,
  permissionMissing: false,
};

/** The answers of an unlocked, empty vault: override any of them. */
export function unlockedVault(overrides: Script = {}): Script {
  return {
    'vault.status': { state: 'unlocked', autoLockAt: Date.now() + 15 * 60_000 },
    'connections.list': [],
    'connections.status': [],
    'credentials.list': [],
    'apps.list': [],
    'settings.get': SETTINGS,
    'exports.list': [],
    'activity.list': [],
    'passkeys.list': [],
    'connections.token': { generation: 0, history: [] },
    ...overrides,
  };
}

export interface Mounted<C extends VaultClient = ScriptedClient> {
  state: PopupState;
  client: C;
  root: HTMLElement;
  navigation: TestNavigation;
}

export interface TestNavigation extends Navigation {
  /** The URL fragment as the page's address bar would show it. */
  hash(): string;
}

/** The popup's navigation on a window of its own, starting at `hash` ("#/apps/new"). */
export function testNavigation(hash = ''): TestNavigation {
  const location = { hash };
  const navigation = createNavigation({
    location,
    addEventListener: () => {},
    removeEventListener: () => {},
  });
  return { ...navigation, hash: () => location.hash };
}

/**
 * Renders `children` inside a popup whose state reads from `client`, after its first refresh,
 * at the place `hash` names (the home view when none). Each view reads its parts as it opens
 * (unlocked.tsx); a part mounted alone finds everything read, unless `views: true` leaves the
 * reading to the views (for the whole popup, `<App />`).
 */
export async function mounted<C extends VaultClient = ScriptedClient>(
  children: ComponentChildren,
  client: C,
  { hash = '', views = false }: { hash?: string; views?: boolean } = {},
): Promise<Mounted<C>> {
  const state = createPopupState(client);
  const navigation = testNavigation(hash);
  const root = document.createElement('div');
  document.body.append(root);
  await act(async () => {
    render(
      <NavigationContext.Provider value={navigation}>
        <PopupContext.Provider value={state}>{children}</PopupContext.Provider>
      </NavigationContext.Provider>,
      root,
    );
    await state.refresh();
    if (!views) await readAll(state);
  });
  return { state, client, root, navigation };
}

/** Follows a link as a person clicks it: a plain left click. */
export async function follow(link: HTMLAnchorElement): Promise<void> {
  await act(async () => {
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
  });
}

/** The one link named `name` (its text or aria-label); fails when there is none or several. */
export function link(root: ParentNode, name: string | RegExp): HTMLAnchorElement {
  const found = [...root.querySelectorAll('a')].filter((a) =>
    typeof name === 'string' ? nameOf(a) === name : name.test(nameOf(a)),
  );
  if (found.length !== 1) throw new Error(`${found.length} links named ${String(name)}`);
  return found[0]!;
}

/**
 * The filled (primary) actions in view: buttons that are neither outlined, nor danger, nor
 * icons, and links styled as such buttons.
 */
export function primaryActions(root: ParentNode): HTMLElement[] {
  return [
    ...root.querySelectorAll<HTMLElement>(
      'button:not(.secondary):not(.danger):not(.icon-button), a.button:not(.secondary)',
    ),
  ];
}

/** Unmounts every popup mounted by `mounted`. */
export function unmountAll(): void {
  for (const root of [...document.body.children]) {
    render(null, root);
    root.remove();
  }
}

const nameOf = (element: Element) => (element.getAttribute('aria-label') ?? element.textContent ?? '').trim();

/** The one button named `name` (its text or aria-label); fails when there is none or several. */
export function button(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].filter((b) =>
    typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b)),
  );
  if (found.length !== 1) throw new Error(`${found.length} buttons named ${String(name)}`);
  return found[0]!;
}

/** The one field labelled `label` (by <label> text, with or without a hint after it). */
export function field(
  root: ParentNode,
  label: string,
): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const found = [...root.querySelectorAll('label')].flatMap((l) => {
    const text = [...l.childNodes]
      .filter((n) => n.nodeType === 3 || (n as Element).tagName === 'SPAN')
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
    if (!text.startsWith(label)) return [];
    const control = l.htmlFor
      ? root.querySelector(`#${CSS.escape(l.htmlFor)}`)
      : l.querySelector('input, textarea, select');
    return control ? [control as HTMLInputElement] : [];
  });
  if (found.length !== 1) throw new Error(`${found.length} fields labelled ${label}`);
  return found[0]!;
}

/** Types `value` into a field as a person would: the value, then an input event. */
export async function typeInto(
  control: HTMLInputElement | HTMLTextAreaElement,
  value: string,
): Promise<void> {
  await act(async () => {
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Clicks and lets every update it caused land. */
export async function click(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.click();
  });
}

/**
 * Waits until `condition` holds (no fixed sleep): rendering and the scripted answers settle.
 * Outside `act`, which would hold every render back until its callback ends, so a condition on
 * the page can see it change; the last `act` lets whatever is still queued land.
 */
export async function settle(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error('not yet');
    },
    { timeout: timeoutMs, interval: 5 },
  );
  await act(async () => {});
}
