// @vitest-environment happy-dom
// The unlocked data is read in parts, each when a view first shows it: the home view appears with
// its connections while a thousand credentials are still being read, and no reading from before
// a lock, or older than one already shown, ever lands.
import '../support/mock-popup-platform';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/popup/components/app';
import { VIEW_PARTS } from '../../../src/popup/components/views/load';
import { createUnlockedStore } from '../../../src/popup/state/unlocked';
import type { AppView, ConnectionStatusView } from '../../../src/shared/messages';
import {
  ACTIVE,
  APP,
  CONNECTION,
  CREDENTIAL,
  mounted,
  type ScriptedClient,
  SETTINGS,
  scriptedClient,
  settle,
  unlockedVault,
  unmountAll,
} from './support';

const status: ConnectionStatusView = { ...ACTIVE, expiresAt: Date.now() + 3_600_000 };

/** An answer the test gives when it wants to, and a way to know it was asked for. */
function held<T>(value: T) {
  let release!: () => void;
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  let asked = 0;
  return {
    answer: async () => {
      asked += 1;
      await answered;
      return value;
    },
    release: () => release(),
    asked: () => asked,
  };
}

const reads = (client: ScriptedClient, type: string) => client.calls.filter((c) => c.type === type).length;

afterEach(unmountAll);

describe('the unlocked data, read per view', () => {
  it('shows the home view with its connections while the credential list is still being read', async () => {
    const credentials = held([CREDENTIAL]);
    const client = scriptedClient(
      unlockedVault({
        'apps.list': [APP],
        'credentials.list': credentials.answer,
        'connections.list': [CONNECTION] as never,
        'connections.status': [status],
        // The worker's overview, answered at once: its names come with it.
        'connections.overview': {
          connections: [
            {
              ...CONNECTION,
              credentialLabel: 'Ops bot',
              app: { name: 'Billing app', clientId: 'cid-1' },
              status,
            },
          ],
          counts: { apps: 1, credentials: 1 },
        },
      }),
    );
    const { state, root } = await mounted(<App />, client, { views: true });
    await settle(() => root.querySelector('[data-view="home"]')?.textContent?.includes('Ops bot') === true);
    expect(root.querySelector('[data-view="home"]')?.textContent).toContain('active');
    // The home view asked for the overview only, and the first steps are not shown (all done).
    expect(reads(client, 'connections.overview')).toBe(1);
    expect(root.textContent).not.toContain('First steps');
    // The rest is read while the page is idle, after the home view is in.
    await settle(() => credentials.asked() === 1);
    credentials.release();
    await settle(() => state.credentials.value.length === 1);
    expect(VIEW_PARTS.home).toEqual(['connections']);
  });

  it('reads every part while idle but the activity log, which Activity reads when it opens', async () => {
    const client = scriptedClient(unlockedVault({ 'apps.list': [APP] }));
    const { root, navigation } = await mounted(<App />, client, { views: true });
    // The last parts the idle reading asks for: everything else is in by then.
    await settle(() => reads(client, 'exports.list') === 1 && reads(client, 'settings.get') === 1);
    expect(reads(client, 'activity.list')).toBe(0);
    navigation.go('activity');
    await settle(() => root.querySelector('[data-view="activity"] h2') !== null);
    await settle(() => reads(client, 'activity.list') === 1);
  });

  it('opens the add-connection page straight from its URL, its choices read once they are needed', async () => {
    const credentials = held([CREDENTIAL]);
    const client = scriptedClient(
      unlockedVault({
        'apps.list': [APP],
        'credentials.list': credentials.answer,
        'connections.overview': { connections: [], counts: { apps: 1, credentials: 1 } },
      }),
    );
    const { root } = await mounted(<App />, client, { hash: '#/home/new', views: true });
    await settle(() => root.textContent?.includes('Loading the credentials and apps') === true);
    credentials.release();
    await settle(() => root.querySelector('form select') !== null);
    expect(root.textContent).not.toContain('Loading the credentials and apps');
    expect(reads(client, 'credentials.list')).toBe(1);
  });

  it('keeps what was read before the vault state was known for the unlocked view, and drops it for a locked one', async () => {
    let open = false;
    const apps = held([APP]);
    const client = scriptedClient({ 'apps.list': apps.answer });
    const store = createUnlockedStore(client, () => open);
    const reading = store.need(['apps']);
    apps.release();
    await reading;
    expect(store.data.value).toBeUndefined();
    open = true;
    store.open();
    expect(store.data.value?.apps).toEqual([APP]);
    // A part already read is not read again.
    await store.need(['apps']);
    expect(reads(client, 'apps.list')).toBe(1);

    open = false;
    store.clear();
    const late = held([APP]);
    client.answer({ 'apps.list': late.answer });
    const again = store.need(['apps']);
    store.clear();
    late.release();
    await again;
    open = true;
    store.open();
    expect(store.data.value).toEqual({});
  });

  it('drops a reading that ends after a later one of the same part was shown', async () => {
    const store = createUnlockedStore(
      scriptedClient({
        'apps.list': async () => {
          const answer = answers.shift();
          if (!answer) throw new Error('no more readings');
          return answer.answer();
        },
      }),
      () => true,
    );
    const older = held<AppView[]>([]);
    const newer = held([APP]);
    const answers = [older, newer];
    store.open();
    const first = store.need(['apps']);
    const second = store.reread(['apps']);
    newer.release();
    await second;
    older.release();
    await first;
    expect(store.data.value?.apps).toEqual([APP]);
  });

  it('reads a part again on the next need when its reading failed', async () => {
    let fail = true;
    const client = scriptedClient({
      'settings.get': async () => {
        if (fail) throw new Error('worker busy');
        return SETTINGS;
      },
    });
    const store = createUnlockedStore(client, () => true);
    store.open();
    await expect(store.need(['settings'])).rejects.toThrow('worker busy');
    fail = false;
    await store.need(['settings']);
    expect(store.data.value?.settings?.autoLockMinutes).toBe(15);
    expect(reads(client, 'settings.get')).toBe(2);
  });
});
