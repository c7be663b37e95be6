// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultError } from '../../../src/core/errors';
import { allowedText, Credentials, expiryText, matches } from '../../../src/popup/components/credentials';
import { StatusChip } from '../../../src/popup/components/status-chip';
import { PopupContext } from '../../../src/popup/context';
import { createPopupState } from '../../../src/popup/state';
import type { RingCentralJwtView } from '../../../src/shared/messages';
import { ACTIVE, mounted as mountPopup, unmountAll, workerLike } from './support';

const DAY = 86_400;
const now = Math.floor(Date.now() / 1000);

function credential(overrides: Partial<RingCentralJwtView> = {}): RingCentralJwtView {
  return {
    id: 'c1',
    kind: 'ringcentral-jwt',
    label: 'Ops bot',
    allowed: { kind: 'organization' },
    notes: 'night shift',
    jwtInfo: { sub: '208594004', exp: now + 400 * DAY, expired: false, expiresSoon: false },
    ...overrides,
  };
}

describe('credentials list', () => {
  afterEach(() => {
    render(null, document.body);
    unmountAll();
  });

  it('warns when the JWT has expired or expires within 14 days', () => {
    expect(expiryText(credential())).toMatchObject({ warn: false });
    expect(
      expiryText(credential({ jwtInfo: { exp: now + 3 * DAY, expired: false, expiresSoon: true } })),
    ).toMatchObject({
      warn: true,
      text: expect.stringMatching(/^JWT expires soon: /),
    });
    expect(
      expiryText(credential({ jwtInfo: { exp: now - DAY, expired: true, expiresSoon: false } })),
    ).toMatchObject({
      warn: true,
      text: expect.stringMatching(/^JWT expired on /),
    });
    expect(expiryText(credential({ jwtInfo: { expired: false, expiresSoon: false } })).text).toBe(
      'JWT without expiry',
    );
  });

  it('names the allowed apps by their registered name, else by client ID', () => {
    const apps = [
      {
        id: 'a1',
        name: 'Billing app',
        clientId: 'cid-1',
        serverUrl: 'https://x.test',
        tokenPath: '/t',
        revokePath: '/r',
        hasSecret: true,
      },
    ];
    expect(allowedText(credential(), apps)).toBe('All apps of my organization');
    expect(
      allowedText(credential({ allowed: { kind: 'specific', clientIds: ['cid-1', 'cid-2'] } }), apps),
    ).toBe('Only: Billing app, cid-2');
  });

  it('filters on label, user and notes, ignoring case', () => {
    expect(matches(credential(), 'OPS')).toBe(true);
    expect(matches(credential(), '2085')).toBe(true);
    expect(matches(credential(), 'night')).toBe(true);
    expect(matches(credential(), 'billing')).toBe(false);
    expect(matches(credential(), '  ')).toBe(true);
  });

  it('renders an empty state that explains the first step', () => {
    const state = createPopupState(workerLike({ call: async () => [] as never }));
    render(
      <PopupContext.Provider value={state}>
        <Credentials />
      </PopupContext.Provider>,
      document.body,
    );
    expect(document.body.textContent).toContain('Create JWT');
    expect(document.querySelector('input[type="search"]')).toBeNull();
  });
});

describe("credential page's editor", () => {
  afterEach(() => {
    render(null, document.body);
    unmountAll();
  });

  const APP = {
    id: 'a1',
    name: 'Demo',
    clientId: 'demo-client',
    serverUrl: 'https://x.test',
    tokenPath: '/t',
    revokePath: '/r',
    hasSecret: true,
  };
  const CONNECTION = {
    id: 'k1',
    credentialId: 'c1',
    appId: 'a1',
    apiBaseUrl: 'https://api.test/restapi/',
    toolOrigins: ['http://localhost:3000'],
    enabled: true,
  };

  /** The page of the one credential of a vault, used by one connection; records every save. */
  async function mounted() {
    const saves: unknown[] = [];
    const answers: Record<string, () => unknown> = {
      'vault.status': () => ({ state: 'unlocked' }),
      'credentials.list': () => [credential()],
      'apps.list': () => [APP],
      'connections.list': () => [CONNECTION],
      'connections.status': () => [ACTIVE],
      'settings.get': () => ({ autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true }),
    };
    const client = workerLike({
      call: async (type, payload) => {
        if (type === 'credentials.save') saves.push(payload);
        if (type === 'credentials.delete') {
          throw new VaultError(
            'IN_USE',
            'This credential is used by 1 connection(s); delete or change them first.',
          );
        }
        return (answers[type]?.() ?? []) as never;
      },
    });
    const { navigation } = await mountPopup(<Credentials />, client, { hash: '#/credentials/c1' });
    return { saves, navigation };
  }

  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  const button = (name: string) =>
    [...document.querySelectorAll('button')].find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
    ) as HTMLButtonElement;
  const labelled = (text: string) =>
    [...document.querySelectorAll('label')]
      .find((l) => l.textContent?.trim().startsWith(text))
      ?.querySelector('input, textarea') as HTMLInputElement;

  it('shows the edit form pre-filled, without the JWT, saves without re-sending it, and goes back', async () => {
    const { saves, navigation } = await mounted();
    expect(labelled('Label').value).toBe('Ops bot');
    expect(labelled('Notes').value).toBe('night shift');
    expect(document.querySelector('textarea')).toBeNull();
    expect(document.querySelector('dl[aria-label="Current JWT, decoded"]')?.textContent).toContain(
      '208594004',
    );
    labelled('Notes').value = 'day shift';
    labelled('Notes').dispatchEvent(new Event('input', { bubbles: true }));
    button('Save changes').click();
    await flush();
    expect(saves).toEqual([
      {
        credential: {
          id: 'c1',
          kind: 'ringcentral-jwt',
          label: 'Ops bot',
          allowed: { kind: 'organization' },
          notes: 'day shift',
        },
      },
    ]);
    expect(navigation.hash()).toBe('#/credentials');
  });

  it('warns before taking an app away from a connection, listing it, and saves only after the confirm click', async () => {
    const { saves } = await mounted();
    const specific = labelled('Only specific apps');
    specific.checked = true;
    specific.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    const pending = labelled('Add client IDs (one per line)');
    pending.value = 'another-client';
    pending.dispatchEvent(new Event('input', { bubbles: true }));
    button('Save changes').click();
    await flush();
    const warning = document.querySelector('.confirm-box[role="alert"]');
    expect(warning?.textContent).toContain('This change stops 1 connection');
    expect(warning?.textContent).toContain('https://api.test/restapi/');
    expect(warning?.textContent).toContain('"Demo" (client ID demo-client)');
    expect(saves).toEqual([]);
    button('Save and stop 1 connection').click();
    await flush();
    expect(saves).toEqual([
      {
        credential: {
          id: 'c1',
          kind: 'ringcentral-jwt',
          label: 'Ops bot',
          allowed: { kind: 'specific', clientIds: ['another-client'] },
          notes: 'night shift',
        },
      },
    ]);
  });

  it('sends the new JWT only after "Replace JWT", with its decoded preview', async () => {
    const { saves } = await mounted();
    button('Replace JWT').click();
    await flush();
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const next = `${part({ alg: 'RS256', kid: 'new-kid' })}.${part({ sub: '777' })}.c2ln`;
    const field = labelled('New JWT');
    field.value = next;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    expect(document.querySelector('dl[aria-label="New JWT, decoded"]')?.textContent).toContain('777');
    button('Save changes').click();
    await flush();
    expect(saves).toEqual([
      {
        credential: {
          id: 'c1',
          kind: 'ringcentral-jwt',
          label: 'Ops bot',
          jwt: next,
          allowed: { kind: 'organization' },
          notes: 'night shift',
        },
      },
    ]);
  });

  it('deletes only after a second click, and shows why the worker refused, staying on the page', async () => {
    const { navigation } = await mounted();
    button('Delete credential').click();
    await flush();
    expect(document.querySelector('.confirm-box')?.textContent).toContain('Delete "Ops bot"?');
    button('Delete for good').click();
    await flush();
    const shown = document.querySelector('.delete-item [data-code="IN_USE"]');
    expect(shown?.textContent).toContain('used by 1 connection');
    expect(navigation.hash()).toBe('#/credentials/c1');
  });

  it('shows why a stopped connection gets no token', () => {
    const message = 'The credential "Ops bot" no longer allows the app "Demo" (client ID demo-client).';
    render(
      <StatusChip
        now={0}
        status={{
          connectionId: 'k1',
          enabled: true,
          state: 'failed',
          generation: 1,
          injecting: false,
          permissionMissing: false,
          lastError: { code: 'NOT_ALLOWED', message },
          notAllowed: { credentialLabel: 'Ops bot', appName: 'Demo', clientId: 'demo-client' },
        }}
      />,
      document.body,
    );
    expect(document.querySelector('.chip')?.textContent).toBe('stopped: app not allowed');
    expect(document.body.textContent).toContain(message);
  });
});
