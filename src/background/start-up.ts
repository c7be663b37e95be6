// The worker's one start-up promise. Chromium starts a stopped worker to deliver an event, and the
// event's listener runs at once; its work must wait until the saved tokens are loaded and the rules
// reconciled, or it acts on an empty state (a 401 for "no token" is dropped). Every listener in
// the worker entry is wrapped with `afterStart`; events that arrive during start-up are queued,
// in the order they came, never dropped. Imported by the worker entry and tests.

export interface StartUp {
  /** Settles once start-up is over, failed or not: a failed start must not block every event. */
  readonly ready: Promise<void>;
  /** The listener, run only after start-up; calls keep their order. */
  afterStart<A extends unknown[], R>(listener: (...args: A) => R): (...args: A) => Promise<Awaited<R>>;
}

export function createStartUp(start: () => Promise<unknown>): StartUp {
  const ready = Promise.resolve()
    .then(start)
    .then(
      () => {},
      () => {},
    );
  return {
    ready,
    // Continuations of one promise run in the order they were attached: a request's "sent" event
    // is handled before its "completed" event, as the browser delivered them.
    afterStart:
      (listener) =>
      (...args) =>
        ready.then(() => listener(...args)) as never,
  };
}
