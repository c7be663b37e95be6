// The Argon2id adapter against fakes of the browser's side only: chrome.offscreen, runtime
// messaging (JSON-serialised, as Chromium's is) and Worker, whose fake runs core's real
// derivation. What the service worker gets back is the key the derivation itself gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Argon2idJob, argon2idHere } from '../../../src/core/crypto/kdf';
import {
  backgroundArgon2idRunner,
  serveArgon2idJobs,
  WORKER_IDLE_MS,
} from '../../../src/platform/argon2id-thread';

const JOB: Argon2idJob = {
  password: new TextEncoder().encode('a long master password'),
  salt: new Uint8Array(16).fill(7),
  memoryKiB: 19_456,
  iterations: 2,
  parallelism: 1,
  length: 32,
};

type Listener = (message: unknown, sender: object, respond: (reply: unknown) => void) => boolean;

/** A browser whose offscreen page and Workers live in this process, messages JSON-serialised. */
function fakeBrowser({ createFails = false } = {}) {
  const state = {
    documents: 0,
    created: 0,
    workers: 0,
    terminated: 0,
    listener: undefined as Listener | undefined,
  };
  const runtime = {
    id: 'ext-id',
    getURL: (path: string) => `chrome-extension://ext-id/${path}`,
    getContexts: async () => Array.from({ length: state.documents }, () => ({})),
    onMessage: {
      addListener: (listener: Listener) => {
        state.listener = listener;
      },
    },
    sendMessage: (message: unknown, sender: object = { id: 'ext-id' }) =>
      new Promise((resolve, reject) => {
        if (!state.listener) return reject(new Error('Receiving end does not exist.'));
        const handled = state.listener(JSON.parse(JSON.stringify(message)), sender, (reply) =>
          resolve(JSON.parse(JSON.stringify(reply))),
        );
        if (!handled) resolve(undefined);
      }),
  };
  const offscreen = {
    createDocument: async () => {
      state.created += 1;
      if (createFails) throw new Error('Only a single offscreen document may be created.');
      // As Chromium does: the page's script runs before the promise resolves.
      state.documents = 1;
      serveArgon2idJobs();
    },
  };
  class FakeWorker {
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onerror: ((event: { preventDefault(): void }) => void) | null = null;
    constructor() {
      state.workers += 1;
    }
    postMessage(job: Argon2idJob) {
      void argon2idHere(job).then((key) => this.onmessage?.({ data: { key } }));
    }
    terminate() {
      state.terminated += 1;
    }
  }
  // The idle Worker's timer is fake, so that afterEach can end it before the next test.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.stubGlobal('chrome', { runtime, offscreen });
  vi.stubGlobal('Worker', FakeWorker);
  return { state, runtime };
}

afterEach(() => {
  // Ends the Worker a test left idle, so that the next test starts without one.
  if (vi.isFakeTimers()) vi.advanceTimersByTime(WORKER_IDLE_MS);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Argon2id off the background thread', () => {
  it('runs on this thread where there is neither an offscreen API nor a Worker (Node)', () => {
    const here = vi.fn(argon2idHere);
    expect(backgroundArgon2idRunner(here)).toBe(here);
  });

  it('derives through one offscreen page, keeps one Worker for the next job a while, then ends it', async () => {
    const { state } = fakeBrowser();
    const here = vi.fn(argon2idHere);
    const run = backgroundArgon2idRunner(here);
    const expected = await argon2idHere(JOB);
    const keys = await Promise.all([run(JOB), run({ ...JOB, salt: new Uint8Array(16).fill(8) })]);
    expect(Buffer.from(keys[0]!).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    expect(Buffer.from(keys[1]!).toString('hex')).not.toBe(Buffer.from(expected).toString('hex'));
    expect(state.created).toBe(1);
    // Two at once: two Workers; one is kept, the other ended.
    expect([state.workers, state.terminated]).toEqual([2, 1]);
    await run(JOB);
    expect([state.workers, state.terminated]).toEqual([2, 1]);
    vi.advanceTimersByTime(WORKER_IDLE_MS);
    expect(state.terminated).toBe(2);
    await run(JOB);
    expect(state.workers).toBe(3);
    expect(here).not.toHaveBeenCalled();
  });

  it('answers no job sent from a tab: only the extension’s own worker sends them', async () => {
    const { runtime } = fakeBrowser();
    await backgroundArgon2idRunner(argon2idHere)(JOB);
    const wire = { type: 'argon2id.job', ...JOB, password: [...JOB.password], salt: [...JOB.salt] };
    expect(await runtime.sendMessage(wire, { id: 'ext-id', tab: { id: 3 } })).toBeUndefined();
    expect(await runtime.sendMessage(wire, { id: 'another-extension' })).toBeUndefined();
  });

  it('derives on this thread when no offscreen page can be made', async () => {
    const { state } = fakeBrowser({ createFails: true });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const here = vi.fn(argon2idHere);
    const key = await backgroundArgon2idRunner(here)(JOB);
    expect(key).toHaveLength(32);
    expect(here).toHaveBeenCalledOnce();
    expect(state.workers).toBe(0);
  });
});
