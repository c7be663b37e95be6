// Which tab is on which origin: pinned only on the exact origin, unpinned as soon as a navigation
// leaves it, pinned again only when the new page commits.
import { describe, expect, it } from 'vitest';
import { createToolTabs, httpOrigin } from '../../../../src/core/rules/tool-tabs';

const TOOL = 'http://localhost:3000';

describe('tool tabs', () => {
  it('pins tabs on the exact origin only: not another port, scheme, host or sub-domain', () => {
    const tabs = createToolTabs();
    tabs.reset([
      { id: 1, url: `${TOOL}/docs/` },
      { id: 2, url: 'http://localhost:3001/' },
      { id: 3, url: 'http://127.0.0.1:3000/' },
      { id: 4, url: 'https://localhost:3000/' },
      { id: 5, url: 'http://sub.localhost:3000/' },
      { id: 6 },
      { id: 7, url: 'chrome://newtab/' },
      { id: 8, url: `${TOOL}/other` },
    ]);
    expect(tabs.on([TOOL])).toEqual([1, 8]);
    expect(tabs.on([TOOL, 'http://localhost:3001'])).toEqual([1, 2, 8]);
    expect(tabs.on([])).toEqual([]);
  });

  it('unpins a tab when it starts to leave its origin, and pins it again only at commit', () => {
    const tabs = createToolTabs();
    expect(tabs.committed(1, `${TOOL}/`)).toBe(true);
    // A reload or a same-origin link keeps the pin.
    expect(tabs.navigating(1, `${TOOL}/again`)).toBe(false);
    expect(tabs.on([TOOL])).toEqual([1]);
    expect(tabs.navigating(1, 'http://localhost:5173/')).toBe(true);
    expect(tabs.on([TOOL])).toEqual([]);
    // A navigation towards the tool does not pin before the page is there.
    expect(tabs.navigating(2, `${TOOL}/`)).toBe(false);
    expect(tabs.on([TOOL])).toEqual([]);
    expect(tabs.committed(2, `${TOOL}/`)).toBe(true);
    expect(tabs.committed(2, `${TOOL}/x`)).toBe(false);
    expect(tabs.on([TOOL])).toEqual([2]);
    // A page the extension cannot see reads as no URL: not a tool.
    expect(tabs.committed(2, undefined)).toBe(true);
    expect(tabs.on([TOOL])).toEqual([]);
  });

  it('forgets closed tabs', () => {
    const tabs = createToolTabs();
    tabs.committed(1, `${TOOL}/`);
    expect(tabs.removed(1)).toBe(true);
    expect(tabs.removed(1)).toBe(false);
    expect(tabs.on([TOOL])).toEqual([]);
  });

  it('reads origins as URL.origin writes them, for http and https only', () => {
    expect(httpOrigin('HTTP://LOCALHOST:80/x')).toBe('http://localhost');
    expect(httpOrigin('https://tool.test:443/')).toBe('https://tool.test');
    expect(httpOrigin('file:///tmp/x')).toBeUndefined();
    expect(httpOrigin('not a url')).toBeUndefined();
    expect(httpOrigin(undefined)).toBeUndefined();
  });
});
