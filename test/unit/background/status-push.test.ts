// The worker's status push: a page's port gets the current state when it connects and again
// after each change, never twice the same; ports that went away are dropped; a port from
// anyone but the extension's own pages is refused. Ports are faked: they are the browser boundary.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStatusPush } from '../../../src/background/status-push';
import type { Port } from '../../../src/platform/ports';
import type { ConnectionStatusView, StatusPush, VaultStatus } from '../../../src/shared/messages';

const self = { id: 'ext-id', origin: 'chrome-extension://ext-id' };
const popupSender = {
  id: self.id,
  url: `${self.origin}/src/popup/index.html`,
  origin: self.origin,
  frameId: 0,
};

function status(state: ConnectionStatusView['state'], generation = 0): ConnectionStatusView {
  return {
    connectionId: 'k1',
    enabled: true,
    state,
    generation,
    injecting: state === 'active',
    permissionMissing: false,
  };
}

/** A port as the worker's onConnect hands it over; `gone()` is the page closing. */
/** `null`: a port without a sender. */
function fakePort(sender: Port['sender'] | null = popupSender, name = 'status') {
  const posted: StatusPush[] = [];
  const onDisconnect: (() => void)[] = [];
  let open = true;
  let refused = false;
  const port: Port = {
    name,
    sender: sender ?? undefined,
    postMessage(message) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      posted.push(message as StatusPush);
    },
    disconnect() {
      open = false;
      refused = true;
    },
    onMessage: { addListener() {} },
    onDisconnect: { addListener: (listener) => onDisconnect.push(listener) },
  };
  return {
    port,
    posted,
    refused: () => refused,
    gone() {
      open = false;
      for (const listener of onDisconnect) listener();
    },
  };
}

/** A worker whose state the test sets; counts how often the push reads it. */
function world() {
  const current: { vault: VaultStatus; connections: ConnectionStatusView[] } = {
    vault: { state: 'unlocked' },
    connections: [status('exchanging')],
  };
  let reads = 0;
  let statusReads = 0;
  const push = createStatusPush({
    vaultStatus: async () => {
      reads += 1;
      return current.vault;
    },
    statuses: async () => {
      statusReads += 1;
      return current.connections;
    },
    self: () => self,
  });
  return { push, current, reads: () => reads, statusReads: () => statusReads };
}

/** Lets the push's readings (promises) run to the end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('status push', () => {
  it('posts the current state when a page connects, then after each change', async () => {
    const { push, current } = world();
    const page = fakePort();
    push.connect(page.port);
    await settle();
    expect(page.posted).toEqual([
      { type: 'status', vault: { state: 'unlocked' }, connections: [status('exchanging')] },
    ]);

    current.connections = [status('active', 1)];
    push.notify();
    await settle();
    expect(page.posted.map((p) => p.connections[0]?.state)).toEqual(['exchanging', 'active']);

    current.vault = { state: 'locked' };
    push.notify();
    await settle();
    // Locked: the vault's state, and no connection at all.
    expect(page.posted.at(-1)).toEqual({ type: 'status', vault: { state: 'locked' }, connections: [] });
  });

  it('posts nothing when a change leaves what pages see as it was', async () => {
    const { push } = world();
    const page = fakePort();
    push.connect(page.port);
    await settle();
    push.notify();
    push.notify();
    await settle();
    expect(page.posted).toHaveLength(1);
  });

  it('reads once for a burst of changes, and again for a change during the reading', async () => {
    const { push, current, reads } = world();
    const page = fakePort();
    push.connect(page.port);
    await settle();
    const before = reads();
    push.notify();
    push.notify();
    push.notify();
    // A change while the first reading runs: it must be read too, and posted last.
    current.connections = [status('active', 1)];
    push.notify();
    await settle();
    expect(reads() - before).toBe(2);
    expect(page.posted.at(-1)?.connections[0]?.state).toBe('active');
  });

  it('gives a second page the state the first already has', async () => {
    const { push } = world();
    const first = fakePort();
    push.connect(first.port);
    await settle();
    const second = fakePort();
    push.connect(second.port);
    await settle();
    expect(second.posted).toHaveLength(1);
    expect(first.posted).toHaveLength(1);
  });

  it('posts a new lock time without reading the statuses again, and reads them after a change', async () => {
    const { push, current, statusReads } = world();
    const page = fakePort();
    push.connect(page.port);
    await settle();
    expect(statusReads()).toBe(1);

    // Each use of the vault moves its auto-lock time: only the vault's state is read.
    current.vault = { state: 'unlocked', autoLockAt: 1_700_000_900_000 };
    push.notifyVault();
    await settle();
    expect(statusReads()).toBe(1);
    expect(page.posted.at(-1)).toEqual({
      type: 'status',
      vault: { state: 'unlocked', autoLockAt: 1_700_000_900_000 },
      connections: [status('exchanging')],
    });

    current.connections = [status('active', 1)];
    push.notify();
    await settle();
    expect(statusReads()).toBe(2);
    expect(page.posted.at(-1)?.connections[0]?.state).toBe('active');

    // A page that connects gets the statuses read afresh, not the last ones kept.
    current.connections = [status('failed', 1)];
    const second = fakePort();
    push.connect(second.port);
    await settle();
    expect(statusReads()).toBe(3);
    expect(second.posted.at(-1)?.connections[0]?.state).toBe('failed');
  });

  it('reads the statuses again after a change that came while only the vault was being read', async () => {
    const { push, current, statusReads } = world();
    const page = fakePort();
    push.connect(page.port);
    await settle();
    push.notifyVault();
    current.connections = [status('active', 1)];
    push.notify();
    await settle();
    expect(statusReads()).toBe(2);
    expect(page.posted.at(-1)?.connections[0]?.state).toBe('active');
  });

  it('drops a page that disconnected, and reads nothing while no page listens', async () => {
    const { push, current, reads } = world();
    const page = fakePort();
    push.connect(page.port);
    await settle();
    page.gone();
    const before = reads();
    current.connections = [status('active', 1)];
    push.notify();
    await settle();
    expect(reads()).toBe(before);
    expect(page.posted).toHaveLength(1);
  });

  it('drops a port that throws on post (its page went without a disconnect event)', async () => {
    const { push, current } = world();
    const page = fakePort();
    const other = fakePort();
    push.connect(page.port);
    push.connect(other.port);
    await settle();
    page.port.postMessage = () => {
      throw new Error('Attempting to use a disconnected port object');
    };
    current.connections = [status('active', 1)];
    push.notify();
    await settle();
    expect(other.posted.at(-1)?.connections[0]?.state).toBe('active');
    // Gone from the list: the next change does not try it again.
    let tried = 0;
    page.port.postMessage = () => {
      tried += 1;
    };
    current.connections = [status('refreshing', 1)];
    push.notify();
    await settle();
    expect(tried).toBe(0);
    expect(other.posted.at(-1)?.connections[0]?.state).toBe('refreshing');
  });

  it.each([
    ['another extension', { ...popupSender, id: 'other-ext' }],
    ['a web page', { id: self.id, url: 'https://evil.test/', origin: 'https://evil.test', frameId: 0 }],
    ['a sub-frame of our page', { ...popupSender, frameId: 3 }],
    [
      'a content script in a web tab',
      {
        ...popupSender,
        url: 'https://tool.test/',
        origin: 'https://tool.test',
        tab: {
          id: 7,
          index: 0,
          highlighted: true,
          active: true,
          pinned: false,
          incognito: false,
          url: 'https://tool.test/',
        },
      },
    ],
    ['no sender at all', null],
  ])('refuses a port from %s and never posts to it', async (_who, sender) => {
    const { push, reads } = world();
    const page = fakePort(sender);
    push.connect(page.port);
    push.notify();
    await settle();
    expect(page.refused()).toBe(true);
    expect(page.posted).toEqual([]);
    expect(reads()).toBe(0);
  });

  it('leaves a port of another name alone', async () => {
    const { push } = world();
    const page = fakePort(popupSender, 'other');
    push.connect(page.port);
    push.notify();
    await settle();
    expect(page.posted).toEqual([]);
  });

  describe('activity', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('tells the pages of a new entry at once, and of a burst after it once, with the newest number', async () => {
      const { push, reads } = world();
      const page = fakePort();
      push.connect(page.port);
      await settle();
      const before = reads();
      vi.useFakeTimers();
      push.notifyActivity(4);
      expect(page.posted.slice(1)).toEqual([{ type: 'activity', latest: 4 }]);
      push.notifyActivity(6);
      push.notifyActivity(5);
      expect(page.posted).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(100);
      expect(page.posted.slice(2)).toEqual([{ type: 'activity', latest: 6 }]);
      // Nothing of the vault is read for it.
      expect(reads()).toBe(before);
      // A quiet spell later, the next one is told at once again.
      await vi.advanceTimersByTimeAsync(100);
      push.notifyActivity(7);
      expect(page.posted.slice(3)).toEqual([{ type: 'activity', latest: 7 }]);
    });

    it('tells no page that is not the extension’s own', async () => {
      const { push } = world();
      const stranger = fakePort({ ...popupSender, id: 'someone-else' });
      push.connect(stranger.port);
      vi.useFakeTimers();
      push.notifyActivity(1);
      await vi.advanceTimersByTimeAsync(100);
      expect(stranger.posted).toEqual([]);
    });
  });
});
