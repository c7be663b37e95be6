// One form's own run of a domain action: whether it is under way (to disable that form's submit
// alone) and how its last run failed (to show in that form alone). For the components.
import { type ReadonlySignal, useComputed, useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { VaultError } from '../../core/errors';
import type { Outcome } from '../state';

export interface ActionState {
  /** A run is under way. */
  pending: ReadonlySignal<boolean>;
  /** The last run's failure; cleared when the next run starts. */
  error: ReadonlySignal<VaultError | undefined>;
}

export interface Action<A extends unknown[], T> extends ActionState {
  run(...args: A): Promise<Outcome<T>>;
}

/** For a form or row whose several actions share one busy state and one error line. */
export interface Runner extends ActionState {
  run<T>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>>;
}

/** Any action, as the hook holds it: the overloads above keep the callers typed. */
type AnyAction = (...args: unknown[]) => Promise<Outcome<unknown>>;

/** `useAction(domains.apps.save)`: `run` takes the action's arguments. `useAction()`: `run` takes the work. */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<Outcome<T>>): Action<A, T>;
export function useAction(): Runner;
export function useAction(action?: AnyAction): ActionState {
  const running = useSignal(0);
  const error = useSignal<VaultError | undefined>(undefined);
  const pending = useComputed(() => running.value > 0);
  // Only the newest run may set the error: an older one finishing late must not cover it.
  const latest = useRef(0);
  // The newest render's action: a closure over its props.
  const current = useRef(action);
  current.current = action;
  const made = useRef<{ runner: Runner; bound: Action<unknown[], unknown> } | undefined>(undefined);
  if (!made.current) {
    const run = async <T>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>> => {
      const id = ++latest.current;
      error.value = undefined;
      // peek, not value: a run started from an effect (the export form's recipients follow the
      // chosen credential) must not make that effect depend on the count, or each run's end
      // would start the next, for ever.
      running.value = running.peek() + 1;
      try {
        const outcome = await work();
        if (id === latest.current && !outcome.ok) error.value = outcome.error;
        return outcome;
      } finally {
        running.value = running.peek() - 1;
      }
    };
    made.current = {
      runner: { pending, error, run },
      bound: {
        pending,
        error,
        run: (...args) => run(() => (current.current as AnyAction)(...args)),
      },
    };
  }
  return action ? made.current.bound : made.current.runner;
}
