// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedText, Credentials, expiryText, matches } from '../../../src/popup/components/credentials';
import { PopupContext } from '../../../src/popup/context';
import { createPopupState } from '../../../src/popup/state';
import type { CredentialView } from '../../../src/shared/messages';

const DAY = 86_400;
const now = Math.floor(Date.now() / 1000);

function credential(overrides: Partial<CredentialView> = {}): CredentialView {
  return {
    id: 'c1',
    label: 'Ops bot',
    allowed: { kind: 'organization' },
    notes: 'night shift',
    jwtInfo: { sub: '208594004', exp: now + 400 * DAY, expired: false, expiresSoon: false },
    ...overrides,
  };
}

describe('credentials list', () => {
  afterEach(() => render(null, document.body));

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
    const state = createPopupState({ call: async () => [] as never });
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
