// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  appsAllowedBy,
  checkApiBaseUrl,
  defaultApiBaseUrl,
  parseToolOrigins,
} from '../../../src/popup/components/connection-form';
import { HomeView } from '../../../src/popup/components/views/home-view';
import { loadRarePages } from '../../../src/popup/components/views/load';
import { PopupContext } from '../../../src/popup/context';
import { patternsToAsk } from '../../../src/popup/host-access';
import { NavigationContext } from '../../../src/popup/navigation-context';
import { createPopupState } from '../../../src/popup/state';
import type { AppView, ConnectionStatusView, RingCentralJwtView } from '../../../src/shared/messages';
import { ACTIVE, follow, link, primaryActions, readAll, testNavigation, workerLike } from './support';

// The fake platform adapter: the browser's permission prompt, answered by each test.
const requestHostAccess = vi.fn<(origins: string[]) => Promise<boolean>>();
vi.mock('../../../src/platform/permissions', () => ({
  requestHostAccess: (origins: string[]) => requestHostAccess(origins),
}));

const DEMO: AppView = {
  id: 'a1',
  name: 'Demo',
  clientId: 'demo-client',
  serverUrl: 'https://platform.example.test',
  tokenPath: '/restapi/oauth/token',
  revokePath: '/restapi/oauth/revoke',
  hasSecret: true,
};
const OTHER: AppView = {
  ...DEMO,
  id: 'a2',
  name: 'Other',
  clientId: 'other-client',
  serverUrl: 'http://127.0.0.1:9000',
};

function credential(overrides: Partial<RingCentralJwtView> = {}): RingCentralJwtView {
  return {
    id: 'c1',
    kind: 'ringcentral-jwt',
    label: 'Alice',
    allowed: { kind: 'organization' },
    notes: '',
    jwtInfo: { expired: false, expiresSoon: false },
    ...overrides,
  };
}

describe('connection form rules', () => {
  // Pages loaded apart (a connection's page, backup, export): in before each test renders them.
  beforeAll(loadRarePages);
  it('offers every app for "organization", and only the listed client IDs for "specific"', () => {
    expect(appsAllowedBy(credential(), [DEMO, OTHER])).toEqual([DEMO, OTHER]);
    expect(
      appsAllowedBy(credential({ allowed: { kind: 'specific', clientIds: ['other-client'] } }), [
        DEMO,
        OTHER,
      ]),
    ).toEqual([OTHER]);
    expect(appsAllowedBy(undefined, [DEMO])).toEqual([]);
  });

  it("defaults the API base URL to the app's server plus /restapi/", () => {
    expect(defaultApiBaseUrl(DEMO)).toBe('https://platform.example.test/restapi/');
    expect(defaultApiBaseUrl({ serverUrl: 'http://127.0.0.1:9000/' })).toBe('http://127.0.0.1:9000/restapi/');
  });

  it('refuses tool origins with a path, without http(s), repeated, or missing', () => {
    expect(parseToolOrigins('http://localhost:3000\n\nhttps://tool.example.test/')).toEqual({
      origins: ['http://localhost:3000', 'https://tool.example.test'],
      problems: [],
    });
    expect(parseToolOrigins('http://localhost:3000/app').problems).toEqual([
      'The tool origin on line 1 must be an origin (scheme://host[:port]) without a path.',
    ]);
    expect(parseToolOrigins('ftp://localhost').problems[0]).toMatch(
      /^The tool origin on line 1 must use https/,
    );
    expect(parseToolOrigins('localhost:3000').problems[0]).toMatch(/^The tool origin on line 1/);
    expect(parseToolOrigins('http://tool.example.test').problems[0]).toMatch(
      /http is allowed only for localhost/,
    );
    expect(parseToolOrigins('http://localhost:3000\nhttp://localhost:3000/').problems).toEqual([
      'The tool origin on line 2 repeats an earlier origin.',
    ]);
    expect(parseToolOrigins('  \n').problems).toEqual([
      'Add at least one tool origin, such as http://localhost:3000.',
    ]);
  });

  it('normalises the API base URL and names what is wrong with it', () => {
    expect(checkApiBaseUrl(' http://127.0.0.1:9000/restapi ')).toEqual({
      url: 'http://127.0.0.1:9000/restapi/',
    });
    expect(checkApiBaseUrl('https://api.example.test/v1?x=1').problem).toBe(
      'The API base URL must not contain a query or fragment.',
    );
    expect(checkApiBaseUrl('').problem).toMatch(/^Enter the API base URL/);
  });

  it('asks for every host the connection needs, one pattern per host, local hosts included', () => {
    expect(
      patternsToAsk({
        apiBaseUrl: 'https://platform.example.test/restapi/',
        toolOrigins: ['http://localhost:3000', 'https://tool.example.test:8443', 'https://tool.example.test'],
      }),
    ).toEqual(['https://platform.example.test/*', 'http://localhost/*', 'https://tool.example.test/*']);
    // A user may have withdrawn even the manifest's local hosts: Grant access asks for them too.
    expect(
      patternsToAsk({ apiBaseUrl: 'http://127.0.0.1:9000/restapi/', toolOrigins: ['http://localhost:3000'] }),
    ).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });
});

describe('connections in the popup', () => {
  beforeEach(() => requestHostAccess.mockReset());
  afterEach(() => render(null, document.body));

  /** An unlocked vault with the given records; records every request sent to the worker. */
  async function mounted({
    credentials = [credential()],
    apps = [DEMO],
    connections = [] as unknown[],
    statuses = [] as ConnectionStatusView[],
    hash = '#/home',
  } = {}) {
    const sent: { type: string; payload: unknown }[] = [];
    const answers: Record<string, () => unknown> = {
      'vault.status': () => ({ state: 'unlocked' }),
      'credentials.list': () => credentials,
      'apps.list': () => apps,
      'connections.list': () => connections,
      'connections.status': () => statuses,
      'connections.save': () => ({}),
      'connections.token': () => ({ generation: 0, history: [] }),
      'settings.get': () => ({ autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true }),
    };
    const state = createPopupState(
      workerLike({
        call: async (type, payload) => {
          sent.push({ type, payload });
          return (answers[type]?.() ?? []) as never;
        },
      }),
    );
    await state.refresh();
    await readAll(state);
    // Home as the popup shows it, on the route of `hash`.
    const navigation = testNavigation(hash);
    render(
      <PopupContext.Provider value={state}>
        <NavigationContext.Provider value={navigation}>
          <HomeView />
        </NavigationContext.Provider>
      </PopupContext.Provider>,
      document.body,
    );
    const saves = () => sent.filter((s) => s.type === 'connections.save').map((s) => s.payload);
    return { sent, saves, navigation };
  }

  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  const button = (name: string) =>
    [...document.querySelectorAll('button')].find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
    ) as HTMLButtonElement;
  const field = <T extends Element>(text: string) =>
    [...document.querySelectorAll('label')]
      .find((l) => l.textContent?.trim().startsWith(text))
      ?.querySelector('input, textarea, select') as unknown as T;
  const type = (element: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const submit = async () => {
    document.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
  };
  const alerts = () => [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent);

  it('fills the API base URL from the chosen app, and follows the app until it is typed over', async () => {
    await mounted({ apps: [DEMO, OTHER] });
    await follow(link(document.body, 'Add connection'));
    const api = field<HTMLInputElement>('API base URL');
    expect(api.value).toBe('https://platform.example.test/restapi/');
    const app = field<HTMLSelectElement>('App');
    app.value = 'a2';
    app.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(api.value).toBe('http://127.0.0.1:9000/restapi/');
    type(api, 'http://127.0.0.1:9000/custom/');
    app.value = 'a1';
    app.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(api.value).toBe('http://127.0.0.1:9000/custom/');
  });

  it('lists the credentials by name and starts a new connection on the first', async () => {
    // In the vault's order (their random ids), Bob comes before Alice.
    await mounted({
      credentials: [credential({ id: 'c0', label: 'Bob' }), credential({ id: 'c9', label: 'alice' })],
    });
    await follow(link(document.body, 'Add connection'));
    const select = field<HTMLSelectElement>('Credential');
    expect([...select.options].map((o) => o.textContent)).toEqual(['alice', 'Bob']);
    expect(select.value).toBe('c9');
  });

  it('shows a bad tool origin beside its field and sends nothing', async () => {
    const { saves } = await mounted();
    await follow(link(document.body, 'Add connection'));
    const origins = field<HTMLTextAreaElement>('Tool origins');
    type(origins, 'http://localhost:3000/swagger');
    await submit();
    expect(alerts()).toEqual([
      'The tool origin on line 1 must be an origin (scheme://host[:port]) without a path.',
    ]);
    expect(origins.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(origins);
    type(origins, 'not a url');
    await submit();
    expect(alerts()[0]).toMatch(/^The tool origin on line 1 is not a valid URL/);
    expect(saves()).toEqual([]);
    expect(requestHostAccess).not.toHaveBeenCalled();
  });

  it('explains why no app can be chosen, and how to fix it', async () => {
    const { saves } = await mounted({
      credentials: [credential({ allowed: { kind: 'specific', clientIds: ['unregistered-client'] } })],
    });
    await follow(link(document.body, 'Add connection'));
    const app = field<HTMLSelectElement>('App');
    expect(app.disabled).toBe(true);
    expect(document.body.textContent).toContain(
      '"Alice" may be used only by the apps with client IDs unregistered-client, and none of them is registered here. Add one of them under Apps, or edit the credential to allow an app you registered.',
    );
    type(field('Tool origins'), 'http://localhost:3000');
    await submit();
    expect(alerts()[0]).toContain('none of them is registered here');
    expect(saves()).toEqual([]);
  });

  it('asks for host access within the submit, and saves without waiting for the answer', async () => {
    const { saves } = await mounted();
    let answer: (granted: boolean) => void = () => {};
    requestHostAccess.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    await follow(link(document.body, 'Add connection'));
    type(field('API base URL'), 'https://api.example.test/v2');
    type(field('Tool origins'), 'https://tool.example.test\nhttp://localhost:3000');
    document.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    // Asked synchronously, in the same task as the submit.
    expect(requestHostAccess).toHaveBeenCalledWith([
      'https://api.example.test/*',
      'https://tool.example.test/*',
      'http://localhost/*',
    ]);
    await flush();
    // The browser is still asking: saved all the same, and the form closed.
    expect(document.querySelector('form')).toBeNull();
    expect(saves()).toEqual([
      {
        connection: {
          credentialId: 'c1',
          appId: 'a1',
          apiBaseUrl: 'https://api.example.test/v2/',
          toolOrigins: ['https://tool.example.test', 'http://localhost:3000'],
          enabled: true,
        },
      },
    ]);
    answer(false);
  });

  it('says "permission missing" with a Grant access button that asks again', async () => {
    const row = {
      id: 'k1',
      credentialId: 'c1',
      appId: 'a1',
      apiBaseUrl: 'https://api.example.test/restapi/',
      toolOrigins: ['https://tool.example.test'],
      enabled: true,
    };
    await mounted({
      connections: [row],
      statuses: [{ ...ACTIVE, injecting: false, permissionMissing: true }],
    });
    expect(document.querySelector('.chip')?.textContent).toBe('not injecting: permission missing');
    requestHostAccess.mockResolvedValue(false);
    button('Grant access for Alice → https://api.example.test/restapi/').click();
    expect(requestHostAccess).toHaveBeenCalledWith([
      'https://api.example.test/*',
      'https://tool.example.test/*',
    ]);
    await flush();
    expect(document.body.textContent).toContain('Access was not granted.');
  });

  const ROW = {
    id: 'k1',
    credentialId: 'c1',
    appId: 'a1',
    apiBaseUrl: 'http://127.0.0.1:9000/restapi/',
    toolOrigins: ['http://localhost:3000'],
    enabled: true,
  };
  const NAME = 'Alice → http://127.0.0.1:9000/restapi/';

  it('names each action after its connection, and disabling saves the connection with enabled off', async () => {
    const { saves, navigation } = await mounted({ connections: [ROW], statuses: [ACTIVE] });
    // The card: Refresh and Test in one click, the rest on the connection's page.
    for (const action of ['Refresh now', 'Test request']) expect(button(`${action} ${NAME}`)).toBeDefined();
    expect(button(`Disable ${NAME}`)).toBeUndefined();
    navigation.go('home', 'k1');
    await flush();
    for (const action of ['Edit', 'Disable', 'Refresh now', 'Test request']) {
      expect(button(`${action} ${NAME}`)).toBeDefined();
    }
    expect(button('Delete connection')).toBeDefined();
    button(`Disable ${NAME}`).click();
    await flush();
    expect(saves()).toEqual([{ connection: { ...ROW, enabled: false } }]);
    // Disabling asks nothing of the browser.
    expect(requestHostAccess).not.toHaveBeenCalled();
  });

  it("shows on the card whether the tool is authenticated and until when, and links to the connection's page", async () => {
    const now = Date.now();
    const { navigation } = await mounted({
      connections: [ROW],
      statuses: [
        {
          ...ACTIVE,
          generation: 2,
          lastRefreshAt: now - 60_000,
          expiresAt: now + 12.5 * 60_000,
          toolTabs: 1,
        },
      ],
    });
    const card = document.querySelector('.connections li') as HTMLElement;
    expect(card.querySelector('.chip')?.textContent).toBe('active');
    expect(card.textContent).toContain('token #2 · 12 min left');
    expect(card.textContent).toContain('from http://localhost:3000 only: 1 tab');
    const link = card.querySelector('a') as HTMLAnchorElement;
    expect(link.textContent).toBe(NAME);
    expect(link.getAttribute('href')).toBe('#/home/k1');
    link.click();
    await flush();
    expect(navigation.route.value).toEqual({ view: 'home', item: 'k1' });
    expect(document.querySelector('h2')?.textContent).toBe(NAME);
  });

  it('keeps warnings on the card, and Home has one filled button: Add connection', async () => {
    await mounted({
      connections: [ROW, { ...ROW, id: 'k2', apiBaseUrl: 'http://127.0.0.1:9001/restapi/' }],
      statuses: [
        {
          ...ACTIVE,
          injecting: false,
          permissionMissing: true,
          refusedOrigins: [{ origin: 'http://evil.test', count: 2 }],
        },
        {
          ...ACTIVE,
          connectionId: 'k2',
          widerAccess: ['Site access to https://*/* also covers sub-domains.'],
        },
      ],
    });
    const [first, second] = [...document.querySelectorAll('.connections li')].map((li) => li.textContent);
    expect(first).toContain('The browser has not granted access');
    expect(first).toContain('2 requests from http://evil.test got no token');
    expect(second).toContain('also covers sub-domains');
    expect(primaryActions(document.body).map((b) => b.textContent?.trim())).toEqual(['Add connection']);
  });

  it('shows everything about a connection on its page, and Back goes home', async () => {
    const now = Date.now();
    const { navigation } = await mounted({
      hash: '#/home/k1',
      connections: [ROW],
      statuses: [
        {
          ...ACTIVE,
          state: 'backing-off',
          generation: 3,
          lastRefreshAt: now - 60_000,
          expiresAt: now + 30_000,
          toolTabs: 2,
          lastError: { code: 'NETWORK', message: 'The token server did not answer.' },
        },
      ],
    });
    const text = document.body.textContent;
    expect(text).toContain('Demo (demo-client)');
    expect(text).toContain('http://127.0.0.1:9000/restapi/');
    expect(text).toContain('2 tool tabs open');
    expect(text).toContain('Last error: The token server did not answer.');
    expect(text).toMatch(/#3, expires at .+ \(\d+ s left\)/);
    expect(document.querySelector('form')).toBeNull();
    button(`Edit ${NAME}`).click();
    await flush();
    expect(document.querySelector('form')?.getAttribute('aria-labelledby')).toBe('connection-form-k1-title');
    await vi.waitFor(() => expect(document.activeElement).toBe(field('Credential')));
    button('Cancel').click();
    await vi.waitFor(() => expect(document.activeElement).toBe(button(`Edit ${NAME}`)));
    await follow(link(document.body, 'Back to Home'));
    expect(navigation.route.value).toEqual({ view: 'home' });
    expect(document.querySelector('.connections li')).not.toBeNull();
  });

  it('says a connection that is gone is not found, with the way back', async () => {
    const { navigation } = await mounted({ hash: '#/home/gone', connections: [ROW], statuses: [ACTIVE] });
    expect(document.querySelector('h2')?.textContent).toBe('Connection not found');
    await follow(link(document.body, 'Back to Home'));
    expect(navigation.route.value).toEqual({ view: 'home' });
  });

  it('adds a connection on its own page, named by its heading, and goes home once saved', async () => {
    const { navigation, saves } = await mounted();
    await follow(link(document.body, 'Add connection'));
    expect(navigation.route.value).toEqual({ view: 'home', item: 'new' });
    const form = document.querySelector('form') as HTMLFormElement;
    expect(document.getElementById(form.getAttribute('aria-labelledby')!)?.textContent).toBe(
      'Add a connection',
    );
    expect(form.querySelectorAll('h3')).toHaveLength(0);
    requestHostAccess.mockResolvedValue(true);
    type(field('Tool origins'), 'http://localhost:3000');
    await submit();
    await flush();
    expect(saves()).toHaveLength(1);
    expect(navigation.route.value).toEqual({ view: 'home' });
  });

  it('follows a token exchange after a save through the worker pushes, reading the status once', async () => {
    let reads = 0;
    const state = createPopupState(
      workerLike({
        call: async (type) => {
          if (type === 'vault.status') return { state: 'unlocked' } as never;
          if (type === 'connections.list') return [{ id: 'k1', credentialId: 'c1', appId: 'a1' }] as never;
          if (type === 'connections.status') {
            reads += 1;
            return [{ ...ACTIVE, state: 'exchanging' }] as never;
          }
          return [] as never;
        },
      }),
    );
    await state.refresh();
    await readAll(state);
    reads = 0;
    let settled = false;
    const settling = state.domains.connections.settle().then(() => {
      settled = true;
    });
    await flush();
    expect(settled).toBe(false);
    state.applyStatusPush({ type: 'status', vault: { state: 'unlocked' }, connections: [ACTIVE] });
    await settling;
    expect(reads).toBe(1);
    expect(state.connections.value.map((row) => row.status.state)).toEqual(['active']);
  });
});
