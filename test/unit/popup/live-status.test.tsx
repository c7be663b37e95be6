// @vitest-environment happy-dom
// The popup follows the worker's pushes: a connection's chip changes without a reading, a lock
// made elsewhere empties the page, a late reading never undoes a newer push; and the status
// feed reopens its port when the worker stops. The worker is scripted; ports are faked.
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Port } from '../../../src/platform/ports';
import { Connections } from '../../../src/popup/components/connections';
import { PopupContext } from '../../../src/popup/context';
import { createPopupState } from '../../../src/popup/state';
import { followStatus } from '../../../src/popup/status-feed';
import type { ConnectionStatusView, StatusPush, VaultStatus } from '../../../src/shared/messages';
import { readAll, workerLike } from './support';

vi.mock('../../../src/platform/permissions', () => ({ requestHostAccess: vi.fn() }));

const UNLOCKED: VaultStatus = { state: 'unlocked' };

function status(id: string, state: ConnectionStatusView['state'], generation = 0): ConnectionStatusView {
  return {
    connectionId: id,
    enabled: true,
    state,
    generation,
    injecting: state === 'active',
    permissionMissing: false,
  };
}

function connection(id: string) {
  return {
    id,
    credentialId: 'c1',
    appId: 'a1',
    apiBaseUrl: 'http://127.0.0.1:9000/restapi/',
    toolOrigins: ['http://localhost:3000'],
    enabled: true,
  };
}

function push(vault: VaultStatus, connections: ConnectionStatusView[]): StatusPush {
  return { type: 'status', vault, connections };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** An unlocked vault with one connection still exchanging; counts the worker's readings. */
async function unlockedPopup() {
  const worker = {
    vault: UNLOCKED,
    connections: [connection('k1')],
    statuses: [status('k1', 'exchanging')],
    reads: [] as string[],
    /** While set, connections.status answers only when the test says so. */
    held: undefined as undefined | { release(): void },
  };
  const answers: Record<string, () => unknown> = {
    'vault.status': () => worker.vault,
    'connections.list': () => worker.connections,
    'connections.status': () => worker.statuses,
    'credentials.list': () => [{ id: 'c1', label: 'Alice' }],
    'apps.list': () => [{ id: 'a1', name: 'Demo', clientId: 'demo-id' }],
    'settings.get': () => ({ autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true }),
  };
  const state = createPopupState(
    workerLike({
      call: async (type) => {
        worker.reads.push(type);
        if (type === 'connections.status' && worker.held) {
          const answer = worker.statuses;
          await new Promise<void>((resolve) => {
            worker.held = { release: resolve };
          });
          return answer as never;
        }
        return (answers[type]?.() ?? []) as never;
      },
    }),
  );
  await state.refresh();
  await readAll(state);
  worker.reads = [];
  return { state, worker };
}

const chips = () => [...document.querySelectorAll('.chip')].map((chip) => chip.textContent);

describe('the popup follows the worker', () => {
  afterEach(() => render(null, document.body));

  it('shows "active" when the worker pushes it, without reading anything', async () => {
    const { state, worker } = await unlockedPopup();
    render(
      <PopupContext.Provider value={state}>
        <Connections />
      </PopupContext.Provider>,
      document.body,
    );
    expect(chips()).toEqual(['exchanging']);

    state.applyStatusPush(push(UNLOCKED, [status('k1', 'active', 1)]));
    await flush();
    expect(chips()).toEqual(['active']);
    expect(document.body.textContent).toContain('token #1');
    expect(worker.reads).toEqual([]);
  });

  it('empties the page when the worker says the vault locked elsewhere', async () => {
    const { state } = await unlockedPopup();
    expect(state.connections.value).toHaveLength(1);
    expect(state.credentials.value).toHaveLength(1);

    state.applyStatusPush(push({ state: 'locked' }, []));
    await flush();
    expect(state.isLocked.value).toBe(true);
    expect(state.connections.value).toEqual([]);
    expect(state.credentials.value).toEqual([]);
    expect(state.apps.value).toEqual([]);
  });

  it('shows a vault unlocked elsewhere with what it holds', async () => {
    const { state, worker } = await unlockedPopup();
    state.applyStatusPush(push({ state: 'locked' }, []));
    await flush();
    worker.statuses = [status('k1', 'active', 1)];
    state.applyStatusPush(push(UNLOCKED, [status('k1', 'active', 1)]));
    await flush();
    expect(state.isLocked.value).toBe(false);
    // Nothing of the vault before a view reads it (the view opening reads its parts).
    expect(state.unlocked.value).toEqual({});
    await readAll(state);
    expect(state.connections.value.map((row) => row.status.state)).toEqual(['active']);
  });

  it('keeps a pushed status when a reading taken before it answers after it', async () => {
    const { state, worker } = await unlockedPopup();
    // A reading starts while the exchange runs; its answer is held back.
    worker.held = { release() {} };
    const reading = state.domains.connections.settle();
    await flush();
    // Meanwhile the token is granted and pushed.
    state.applyStatusPush(push(UNLOCKED, [status('k1', 'active', 1)]));
    worker.held.release();
    await reading;
    expect(state.connections.value.map((row) => row.status.state)).toEqual(['active']);
  });

  it('waits for the push, not a timer, when settling after a save', async () => {
    vi.useFakeTimers();
    try {
      const { state, worker } = await unlockedPopup();
      let settled = false;
      const settling = state.domains.connections.settle().then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(settled).toBe(false);
      // One reading, then nothing however long the exchange takes: no polling.
      expect(worker.reads.filter((type) => type === 'connections.status')).toHaveLength(1);
      state.applyStatusPush(push(UNLOCKED, [status('k1', 'active', 1)]));
      await settling;
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the list when the worker pushes a connection the page does not list (a restore)', async () => {
    const { state, worker } = await unlockedPopup();
    worker.connections = [connection('k1'), connection('k2')];
    worker.statuses = [status('k1', 'active', 1), status('k2', 'exchanging')];
    state.applyStatusPush(push(UNLOCKED, worker.statuses));
    await flush();
    expect(worker.reads).toContain('connections.list');
    expect(state.connections.value.map((row) => [row.id, row.status.state])).toEqual([
      ['k1', 'active'],
      ['k2', 'exchanging'],
    ]);
    worker.reads = [];
    state.applyStatusPush(push(UNLOCKED, [status('k1', 'active', 1), status('k2', 'active', 1)]));
    await flush();
    expect(worker.reads).toEqual([]);
    expect(state.connections.value.map((row) => row.status.state)).toEqual(['active', 'active']);
  });

  it('lets its own unlock finish, then takes a lock pushed meanwhile', async () => {
    const worker = { vault: { state: 'locked' } as VaultStatus };
    let finishUnlock = () => {};
    const state = createPopupState(
      workerLike({
        call: async (type) => {
          if (type === 'vault.unlock') {
            await new Promise<void>((resolve) => {
              finishUnlock = resolve;
            });
            return { state: 'unlocked', kdfMs: 1 } as never;
          }
          if (type === 'vault.status') return worker.vault as never;
          return [] as never;
        },
      }),
    );
    await state.refresh();
    await readAll(state);
    const unlocking = state.unlock('pw');
    await flush();
    state.applyStatusPush(push({ state: 'locked' }, []));
    finishUnlock();
    await unlocking;
    await flush();
    expect(state.isLocked.value).toBe(true);
  });

  it('is not thrown back to "locked" by a push the worker took before its own unlock', async () => {
    let vault: VaultStatus = { state: 'locked' };
    let finishUnlock = () => {};
    const state = createPopupState(
      workerLike({
        call: async (type) => {
          if (type === 'vault.unlock') {
            await new Promise<void>((resolve) => {
              finishUnlock = resolve;
            });
            vault = UNLOCKED;
            return { state: 'unlocked', kdfMs: 1 } as never;
          }
          if (type === 'vault.status') return vault as never;
          return [] as never;
        },
      }),
    );
    await state.refresh();
    await readAll(state);
    const unlocking = state.unlock('pw');
    await flush();
    // Read by the worker while still locked, delivered during the unlock.
    state.applyStatusPush(push({ state: 'locked' }, []));
    finishUnlock();
    await unlocking;
    await flush();
    expect(state.isLocked.value).toBe(false);
  });
});

/** A port as runtime.connect returns it; the test plays the worker's side. */
function fakePort() {
  const messages: ((message: unknown) => void)[] = [];
  const disconnects: (() => void)[] = [];
  let closedByPage = false;
  const port: Port = {
    name: 'status',
    postMessage() {},
    disconnect() {
      closedByPage = true;
    },
    onMessage: { addListener: (listener) => messages.push(listener) },
    onDisconnect: { addListener: (listener) => disconnects.push(listener) },
  };
  return {
    port,
    post: (message: unknown) => {
      for (const listener of messages) listener(message);
    },
    /** The worker stopped (or refused the port). */
    drop: () => {
      for (const listener of disconnects) listener();
    },
    closedByPage: () => closedByPage,
  };
}

describe('the status feed', () => {
  afterEach(() => vi.useRealTimers());

  function feed() {
    const ports: ReturnType<typeof fakePort>[] = [];
    const pushes: StatusPush[] = [];
    const close = followStatus(
      () => {
        const next = fakePort();
        ports.push(next);
        return next.port;
      },
      (p) => pushes.push(p),
    );
    return { ports, pushes, close };
  }

  it('hands on pushes and ignores anything else on the port', () => {
    const { ports, pushes } = feed();
    ports[0]?.post({ type: 'other' });
    ports[0]?.post(push(UNLOCKED, []));
    expect(pushes).toEqual([push(UNLOCKED, [])]);
  });

  it('reopens the port at once when the worker stops, so the next push arrives', () => {
    const { ports, pushes } = feed();
    ports[0]?.post(push(UNLOCKED, [status('k1', 'exchanging')]));
    ports[0]?.drop();
    expect(ports).toHaveLength(2);
    ports[1]?.post(push(UNLOCKED, [status('k1', 'active', 1)]));
    expect(pushes.at(-1)?.connections[0]?.state).toBe('active');
  });

  it('retries later and later when a port drops before any push, instead of looping', async () => {
    vi.useFakeTimers();
    const { ports } = feed();
    ports[0]?.drop();
    expect(ports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ports).toHaveLength(2);
    ports[1]?.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ports).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ports).toHaveLength(3);
  });

  it('closes its port and opens no other once closed', async () => {
    vi.useFakeTimers();
    const { ports, close } = feed();
    close();
    expect(ports[0]?.closedByPage()).toBe(true);
    ports[0]?.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ports).toHaveLength(1);
  });
});
