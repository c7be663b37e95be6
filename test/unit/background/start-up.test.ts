// The worker's one start-up promise: every listener the entry registers waits for it, so an
// event that wakes a stopped worker is handled after the saved tokens are loaded, never dropped.
import 'fake-indexeddb/auto';
import '../support/mock-worker-platform';
import { describe, expect, it } from 'vitest';
import { createStartUp } from '../../../src/background/start-up';

const fakes = () => import('../support/worker-entry');

const { registered, tabsQuery, popupSender } = await fakes();

const fakePort = {
  name: 'status',
  sender: popupSender,
  postMessage: () => {},
  disconnect: () => {},
  onMessage: { addListener: () => {} },
  onDisconnect: { addListener: () => {} },
};

/** Plausible arguments for each event; a listener without an entry here fails the test. */
const SAMPLE_ARGUMENTS: Record<string, unknown[]> = {
  onMessage: [{ type: 'vault.status', payload: {} }, popupSender],
  onConnect: [fakePort],
  onSessionChanged: [['token.k1']],
  onAlarm: ['token:unknown'],
  onIdleStateChanged: ['active'],
  onCommand: ['not-a-command'],
  onRequestSent: [
    { requestId: 'r1', url: 'http://localhost:1/api', tabId: 3, initiator: 'http://localhost:2' },
  ],
  onRequestCompleted: [{ requestId: 'r1', statusCode: 401 }],
  onRequestFailed: ['r2'],
  onNavigationStarted: [3, 'http://localhost:2/'],
  onNavigationEnded: [3],
  onTabCommitted: [3, 'http://localhost:2/'],
  onTabRemoved: [4],
  onTabReplaced: [5, 4],
  onHostAccessChanged: [],
  onStartup: [],
  onInstalled: [],
};

/** Lets every pending callback and timer that is due run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('worker start-up', () => {
  it('queues listeners until start-up is over, in the order the events came', async () => {
    let finish!: () => void;
    const startUp = createStartUp(() => new Promise<void>((resolve) => (finish = resolve)));
    const order: string[] = [];
    const first = startUp.afterStart((name: string) => order.push(name));
    void first('sent');
    void first('completed');
    await settle();
    expect(order).toEqual([]);
    finish();
    await startUp.ready;
    await settle();
    expect(order).toEqual(['sent', 'completed']);
  });

  it('a failed start-up still lets events through', async () => {
    const startUp = createStartUp(async () => {
      throw new Error('no storage');
    });
    await expect(startUp.afterStart(() => 'handled')()).resolves.toBe('handled');
  });

  it('every listener the worker entry registers waits for start-up (the saved tokens and rules)', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Start-up reads the open tabs: holding that answer holds the worker in start-up.
    tabsQuery.answer = async () => {
      await held;
      return [];
    };
    await import('../../../src/background/index');
    expect([...registered.keys()].sort()).toEqual(Object.keys(SAMPLE_ARGUMENTS).sort());

    const settled = new Set<string>();
    const runs = [...registered].map(([name, listener]) => {
      const result = listener(...(SAMPLE_ARGUMENTS[name] ?? []));
      // A listener that is not queued behind start-up returns nothing, or settles before it.
      expect(result, name).toBeInstanceOf(Promise);
      const run = Promise.resolve(result).then(
        () => settled.add(name),
        () => settled.add(name),
      );
      return run;
    });
    await settle();
    expect([...settled]).toEqual([]);
    release();
    await Promise.all(runs);
    expect(settled.size).toBe(registered.size);
  });
});
