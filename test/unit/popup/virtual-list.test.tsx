// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Credentials, countText } from '../../../src/popup/components/credentials';
import { layout, OVERSCAN } from '../../../src/popup/components/virtual-list';
import { PopupContext } from '../../../src/popup/context';
import { createPopupState } from '../../../src/popup/state';
import type { CredentialView } from '../../../src/shared/messages';
import { mounted as mountPopup, readAll, unmountAll, workerLike } from './support';

const COUNT = 1000;

function credentials(count: number): CredentialView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `c${String(i + 1).padStart(4, '0')}`,
    kind: 'ringcentral-jwt',
    label: `Service account ${i + 1}`,
    allowed: { kind: 'organization' },
    notes: i % 5 === 0 ? 'nightly export' : '',
    jwtInfo: { sub: `${62_000_000 + i}`, expired: false, expiresSoon: false },
  }));
}

/** The credentials region of an unlocked vault holding `count` credentials. */
async function mounted(count = COUNT) {
  const list = credentials(count);
  const state = createPopupState(
    workerLike({
      call: async (type) =>
        (type === 'vault.status' ? { state: 'unlocked' } : type === 'credentials.list' ? list : []) as never,
    }),
  );
  await state.refresh();
  await readAll(state);
  render(
    <PopupContext.Provider value={state}>
      <Credentials />
    </PopupContext.Provider>,
    document.body,
  );
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const box = () => document.querySelector('.virtual-list') as HTMLElement;
const rows = () => [
  ...document.querySelectorAll<HTMLLIElement>('ul[aria-labelledby="credentials-title"] > li'),
];
const positions = () => rows().map((row) => Number(row.getAttribute('aria-posinset')));
const count = () => document.querySelector('.list-count')?.textContent;

async function scrollTo(top: number) {
  box().scrollTop = top;
  box().dispatchEvent(new Event('scroll'));
  await flush();
}

async function filter(text: string) {
  const field = document.querySelector('input[type="search"]') as HTMLInputElement;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await flush();
}

describe('windowed credentials list', () => {
  afterEach(() => {
    render(null, document.body);
    unmountAll();
  });

  it('renders only the first screenful of a thousand credentials, and says how many there are', async () => {
    await mounted();
    expect(count()).toBe('1,000 credentials');
    expect(rows().length).toBeGreaterThan(OVERSCAN);
    expect(rows().length).toBeLessThan(20);
    expect(positions()[0]).toBe(1);
    expect(rows().every((row) => row.getAttribute('aria-setsize') === String(COUNT))).toBe(true);
    expect(rows()[0]?.textContent).toContain('Service account 1');
    expect(rows()[0]?.querySelector('a')?.getAttribute('href')).toBe('#/credentials/c0001');
  });

  it('is as tall as every row would be, with each row at its own place', async () => {
    await mounted();
    const list = rows()[0]?.parentElement as HTMLElement;
    const pitch = Number.parseFloat(rows()[1]?.style.top ?? '');
    expect(pitch).toBeGreaterThan(0);
    expect(Number.parseFloat(list.style.height)).toBeGreaterThan(pitch * (COUNT - 1));
  });

  it('shows later rows, and only those near them, once scrolled', async () => {
    await mounted();
    const pitch = Number.parseFloat(rows()[1]?.style.top ?? '');
    await scrollTo(pitch * 500);
    expect(positions()).toContain(501);
    expect(positions()).not.toContain(1);
    expect(Math.min(...positions())).toBe(501 - OVERSCAN);
    expect(rows().find((row) => row.getAttribute('aria-posinset') === '501')?.textContent).toContain(
      'Service account 501',
    );
  });

  it('filters the whole list, not only the rendered rows, and counts what is shown', async () => {
    await mounted();
    await filter('account 999');
    expect(count()).toBe('1 of 1,000 shown');
    expect(rows().map((row) => row.textContent)).toEqual([expect.stringContaining('Service account 999')]);
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('1');
    await filter('nightly');
    expect(count()).toBe('200 of 1,000 shown');
    await filter('no such credential');
    expect(rows()).toEqual([]);
    expect(document.body.textContent).toContain('No credential matches “no such credential”.');
  });

  it('keeps the row holding the focus mounted, in place, when scrolled away from it', async () => {
    await mounted();
    rows()[2]?.querySelector('a')?.focus();
    await flush();
    await scrollTo(86 * 600);
    expect(positions()[0]).toBe(3);
    expect(document.activeElement?.closest('li')?.getAttribute('aria-posinset')).toBe('3');
  });

  it("comes back from a credential's page filtered and scrolled as it was left", async () => {
    const list = credentials(COUNT);
    const client = workerLike({
      call: async (type) =>
        (type === 'vault.status' ? { state: 'unlocked' } : type === 'credentials.list' ? list : []) as never,
    });
    const { navigation } = await mountPopup(<Credentials />, client, { hash: '#/credentials' });
    await filter('nightly');
    await scrollTo(86 * 100);
    const target = rows().find((row) => row.getAttribute('aria-posinset') === '101');
    target?.querySelector('a')?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await flush();
    expect(navigation.hash()).toBe('#/credentials/c0501');
    expect(box()).toBeNull();
    navigation.up();
    await flush();
    expect(count()).toBe('200 of 1,000 shown');
    expect(box().scrollTop).toBe(86 * 100);
    expect(positions()).toContain(101);
  });
});

describe('list layout', () => {
  it('places rows at a fixed pitch, without a gap after the last', () => {
    const rows = layout(10, 100);
    expect(rows.offset(3)).toBe(300);
    expect(rows.indexAt(150)).toBe(1);
    expect(rows.indexAt(-5)).toBe(0);
    expect(rows.indexAt(950)).toBe(9);
    expect(rows.total).toBe(10 * 100 - 8);
  });

  it('counts with the filter in mind', () => {
    expect(countText(1, 1)).toBe('1 credential');
    expect(countText(3, 12)).toBe('3 of 12 shown');
  });
});
