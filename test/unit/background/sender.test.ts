import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../src/background/sender';

const self = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
};
const popup = {
  id: self.id,
  url: `${self.origin}/src/popup/index.html`,
  origin: self.origin,
  frameId: 0,
};

describe('isTrustedSender', () => {
  it('accepts the extension popup', () => {
    expect(isTrustedSender(popup, self)).toBe(true);
  });

  it('accepts the popup opened in a full tab of its own', () => {
    const tab = {
      id: 7,
      index: 0,
      highlighted: true,
      active: true,
      pinned: false,
      incognito: false,
      url: popup.url,
    };
    expect(isTrustedSender({ ...popup, tab }, self)).toBe(true);
  });

  it('refuses another extension', () => {
    expect(isTrustedSender({ ...popup, id: 'ponmlkjihgfedcbaponmlkjihgfedcba' }, self)).toBe(false);
  });

  it('refuses a content script in a web tab', () => {
    const tab = {
      id: 7,
      index: 0,
      highlighted: true,
      active: true,
      pinned: false,
      incognito: false,
      url: 'https://evil.test/',
    };
    expect(
      isTrustedSender(
        { id: self.id, url: 'https://evil.test/', origin: 'https://evil.test', frameId: 0, tab },
        self,
      ),
    ).toBe(false);
  });

  it('refuses a sub-frame, even of our own page', () => {
    expect(isTrustedSender({ ...popup, frameId: 3 }, self)).toBe(false);
  });

  it('refuses a sender whose declared origin is not ours', () => {
    expect(isTrustedSender({ ...popup, origin: 'https://evil.test' }, self)).toBe(false);
  });

  it('refuses a sender without a URL', () => {
    expect(isTrustedSender({ id: self.id }, self)).toBe(false);
  });

  it('refuses a look-alike origin', () => {
    const url = `chrome-extension://${self.id}x/src/popup/index.html`;
    expect(isTrustedSender({ ...popup, url, origin: `chrome-extension://${self.id}x` }, self)).toBe(false);
  });
});
