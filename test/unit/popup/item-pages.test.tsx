// @vitest-environment happy-dom
// The pages inside the Credentials, Apps and Settings views: each list row and section links to
// its page, each page has its heading and a way back to its list, an address without an item
// behind it says so, and every list and page has one filled (primary) action at most.
import type { ComponentChildren } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Apps } from '../../../src/popup/components/apps';
import { Credentials } from '../../../src/popup/components/credentials';
import { loadRarePages } from '../../../src/popup/components/views/load';
import { SETTINGS_SECTIONS, SettingsView } from '../../../src/popup/components/views/settings-view';
import type { AppView } from '../../../src/shared/messages';
import {
  button,
  CREDENTIAL,
  click,
  follow,
  APP as KIT_APP,
  link,
  mounted,
  primaryActions,
  scriptedClient,
  settle,
  unlockedVault,
  unmountAll,
} from './support';

// The auto-lock page asks the platform whether it reports a locked screen.
vi.mock('../../../src/platform/idle', () => ({ reportsScreenLock: () => true }));

// The kit's app, without a secret: its page then offers no Reveal.
const APP: AppView = { ...KIT_APP, hasSecret: false };

const heading = (root: ParentNode) => root.querySelector('h2')?.textContent;

/** A view over a vault with one credential and one app, at `hash`. */
function show(view: ComponentChildren, hash: string) {
  const client = scriptedClient(
    unlockedVault({
      'credentials.list': [CREDENTIAL],
      'apps.list': [APP],
      'credentials.delete': {},
      'exports.recipients': [],
    }),
  );
  return mounted(view, client, { hash });
}

describe('item pages', () => {
  // Pages loaded apart (a connection's page, backup, export): in before each test renders them.
  beforeAll(loadRarePages);
  afterEach(unmountAll);

  it("opens a credential's page from its row, and its Back link returns to the list", async () => {
    const { root, navigation } = await show(<Credentials />, '#/credentials');
    await follow(link(root, 'Ops bot'));
    expect(navigation.hash()).toBe('#/credentials/c1');
    expect(heading(root)).toBe('Ops bot');
    const facts = root.querySelector('dl[aria-label="About this credential"]')?.textContent;
    expect(facts).toContain('208594004');
    expect(facts).toContain('KindRingCentral personal JWT');
    expect(root.querySelector('form')?.getAttribute('aria-labelledby')).toBeTruthy();
    await follow(link(root, 'Back to Credentials'));
    expect(navigation.hash()).toBe('#/credentials');
    expect(heading(root)).toBe('Credentials');
  });

  it("opens an app's page from its row, and goes back", async () => {
    const { root, navigation } = await show(<Apps />, '#/apps');
    await follow(link(root, APP.name));
    expect(navigation.hash()).toBe('#/apps/a1');
    expect(heading(root)).toBe(APP.name);
    await follow(link(root, 'Back to Apps'));
    expect(navigation.hash()).toBe('#/apps');
  });

  it('gives adding and the .env import pages of their own, which Cancel leaves', async () => {
    const { root, navigation } = await show(<Credentials />, '#/credentials');
    await follow(link(root, 'Add credential'));
    expect(navigation.hash()).toBe('#/credentials/new');
    expect(heading(root)).toBe('Add a credential');
    await click(button(root, 'Cancel'));
    expect(navigation.hash()).toBe('#/credentials');
    // Its code is fetched first, then the page shows with its heading.
    await follow(link(root, 'Import from .env'));
    await settle(() => navigation.hash() === '#/credentials/import');
    expect(heading(root)).toBe('Import from a .env file or a JWT');
    await click(button(root, 'Cancel'));
    expect(navigation.hash()).toBe('#/credentials');
  });

  it('says briefly that an item is not there, with the way back', async () => {
    for (const [view, hash, text] of [
      [<Credentials key="c" />, '#/credentials/gone', 'Credential not found'],
      [<Apps key="a" />, '#/apps/gone', 'App not found'],
      [<SettingsView key="s" />, '#/settings/nothing', 'Settings page not found'],
    ] as const) {
      const { root, navigation } = await show(view, hash);
      expect(heading(root)).toBe(text);
      await follow(root.querySelector('a.back-link') as HTMLAnchorElement);
      expect(navigation.hash()).toBe(hash.slice(0, hash.lastIndexOf('/')));
      unmountAll();
    }
  });

  it('returns to the list once a credential is deleted', async () => {
    const { root, navigation, client } = await show(<Credentials />, '#/credentials/c1');
    await click(button(root, 'Delete credential'));
    expect(client.calls.some((c) => c.type === 'credentials.delete')).toBe(false);
    client.answer({ 'credentials.list': [] });
    await click(button(root, 'Delete for good'));
    await settle(() => navigation.hash() === '#/credentials');
    expect(heading(root)).toBe('Credentials');
  });

  it('lists the Settings sections, each a link to its own page with its form', async () => {
    const { root, navigation } = await show(<SettingsView />, '#/settings');
    expect(root.querySelector('details')).toBeNull();
    for (const section of SETTINGS_SECTIONS) {
      await follow(link(root, section.title));
      expect(navigation.hash()).toBe(`#/settings/${section.item}`);
      expect(heading(root)).toBe(section.title);
      expect(root.querySelector('details')).toBeNull();
      await follow(link(root, 'Back to Settings'));
    }
  });
});

describe('one primary action', () => {
  afterEach(unmountAll);

  const places: [string, () => ComponentChildren, string, number][] = [
    ['the credentials list', () => <Credentials />, '#/credentials', 1],
    ['a credential', () => <Credentials />, '#/credentials/c1', 1],
    ['Add credential', () => <Credentials />, '#/credentials/new', 1],
    ['the .env import', () => <Credentials />, '#/credentials/import', 0],
    ['the apps list', () => <Apps />, '#/apps', 1],
    ['an app', () => <Apps />, '#/apps/a1', 1],
    ['Add app', () => <Apps />, '#/apps/new', 1],
    ['the settings list', () => <SettingsView />, '#/settings', 0],
    ...SETTINGS_SECTIONS.map(
      (section) =>
        [section.title, () => <SettingsView />, `#/settings/${section.item}`, 1] as [
          string,
          () => ComponentChildren,
          string,
          number,
        ],
    ),
  ];

  it.each(places)('%s has as many filled buttons as it has primary actions', async (_, view, hash, count) => {
    const { root } = await show(view(), hash);
    // The .env import's save button appears with something to save; the Settings list only links.
    expect(primaryActions(root).map((element) => element.textContent)).toHaveLength(count);
  });
});
