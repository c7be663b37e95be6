// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvImportForm, importAction, readImport } from '../../../src/popup/components/env-import';
import { PopupContext } from '../../../src/popup/context';
import { createPopupState } from '../../../src/popup/state';
import { readAll, workerLike } from './support';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${part({ sub: '400123', exp: 3_900_000_000 })}.c2ln`;
const ENV = [
  "RC_SERVER_URL = 'http://127.0.0.1:8788'",
  "RC_APP_CLIENT_ID = 'imported-client'",
  "RC_APP_CLIENT_SECRET = 'CANARY-secret'",
  `RC_USER_JWT = '${JWT}'`,
].join('\n');

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const labelled = (text: string) =>
  [...document.querySelectorAll('label')]
    .find((l) => l.textContent?.trim().startsWith(text))
    ?.querySelector('input, textarea') as HTMLInputElement;
const button = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;

async function mounted(apps: { clientId: string; name: string }[] = []) {
  const calls: [string, unknown][] = [];
  const state = createPopupState(
    workerLike({
      call: async (type, payload) => {
        calls.push([type, payload]);
        if (type === 'vault.status') return { state: 'unlocked' } as never;
        if (type === 'apps.list')
          return apps.map((a, i) => ({
            id: `a${i}`,
            serverUrl: 'https://x.test',
            hasSecret: true,
            ...a,
          })) as never;
        if (type === 'settings.get')
          return { autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true } as never;
        return [] as never;
      },
    }),
  );
  await state.refresh();
  await readAll(state);
  let done = 0;
  render(
    <PopupContext.Provider value={state}>
      <EnvImportForm titleId="env-import-title" onDone={() => (done += 1)} />
    </PopupContext.Provider>,
    document.body,
  );
  const paste = async (text: string) => {
    const source = labelled('.env contents or a JWT');
    source.value = text;
    source.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
  };
  return { calls, paste, done: () => done };
}

describe('.env import', () => {
  afterEach(() => render(null, document.body));

  it('reads a .env, a JWT alone, and reports what it cannot read', () => {
    expect(readImport(ENV).parsed?.app).toEqual({
      clientId: 'imported-client',
      clientSecret: 'CANARY-secret',
      serverUrl: 'http://127.0.0.1:8788',
    });
    expect(readImport(JWT).parsed?.jwtInfo?.sub).toBe('400123');
    expect(readImport('  ')).toEqual({});
    expect(readImport('HELLO=world').problem).toMatch(/No RingCentral variables found/);
    expect(readImport("RC_USER_JWT='abc").problem).toMatch(/never closed/);
  });

  it('names the save button after what it will do', () => {
    expect(importAction(true, false, true)).toBe('Save app and credential');
    expect(importAction(true, true, true)).toBe('Save credential');
    expect(importAction(false, false, true)).toBe('Save credential');
    expect(importAction(true, false, false)).toBe('Save app');
    expect(importAction(false, false, false)).toBeUndefined();
  });

  it('fills the app and the credential, keeps the secret masked, and saves both', async () => {
    const t = await mounted();
    await t.paste(ENV);
    expect(labelled('Client ID').value).toBe('imported-client');
    expect(labelled('Client secret').type).toBe('password');
    expect(labelled('Server URL').value).toBe('http://127.0.0.1:8788');
    expect(labelled('Credential label').value).toBe('User 400123');
    expect(document.querySelector('ul[aria-label="Allowed client IDs"]')?.textContent).toContain(
      'imported-client',
    );
    labelled('App name').value = 'Quick start';
    labelled('App name').dispatchEvent(new Event('input', { bubbles: true }));
    button('Save app and credential').click();
    await flush();
    const saves = t.calls.filter(([type]) => type.endsWith('.save'));
    expect(saves).toEqual([
      [
        'apps.save',
        {
          app: {
            name: 'Quick start',
            clientId: 'imported-client',
            clientSecret: 'CANARY-secret',
            serverUrl: 'http://127.0.0.1:8788',
          },
        },
      ],
      [
        'credentials.save',
        {
          credential: {
            label: 'User 400123',
            jwt: JWT,
            allowed: { kind: 'specific', clientIds: ['imported-client'] },
          },
        },
      ],
    ]);
    expect(t.done()).toBe(1);
  });

  it('reuses an app already registered with the same client ID', async () => {
    const t = await mounted([{ clientId: 'imported-client', name: 'Existing' }]);
    await t.paste(ENV);
    expect(document.body.textContent).toContain(
      'The app "Existing" (client ID imported-client) is already registered',
    );
    expect(labelled('Client secret')).toBeUndefined();
    button('Save credential').click();
    await flush();
    expect(t.calls.filter(([type]) => type.endsWith('.save')).map(([type]) => type)).toEqual([
      'credentials.save',
    ]);
  });

  it('shows the parser error as an alert, without the pasted text', async () => {
    const t = await mounted();
    await t.paste("RC_USER_JWT = 'CANARY-not-a-jwt'");
    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toMatch(/RC_USER_JWT/);
    expect(alert?.textContent).not.toContain('CANARY');
    expect(button('Save credential')).toBeUndefined();
  });
});
