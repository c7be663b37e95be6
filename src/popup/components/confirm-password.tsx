// Asks for the master password in place when the worker needs a fresh confirmation
// (CONFIRMATION_REQUIRED): a stored secret would go somewhere new, or be shown. The action is
// tried without a password first — a recent confirmation covers it — and run again with the one
// typed here. Used by the app, connection, apps-list and restore views.
import { type ReadonlySignal, useSignal } from '@preact/signals';
import { useId, useRef } from 'preact/hooks';
import type { VaultError } from '../../core/errors';
import { useAction } from '../hooks/use-action';
import { useAutoFocus } from '../hooks/use-auto-focus';
import type { Outcome } from '../state';
import { FormActions } from './fields/form-actions';
import { SecretField } from './fields/secret-field';

/** One try of the action, with the master password once the prompt has it. */
export type Attempt<T> = (password?: string) => Promise<Outcome<T>>;

/** The action's outcome, or cancelled: not ok and no error (the person chose Cancel). */
export type Confirmed<T> = Outcome<T> | { ok: false; error?: undefined };

interface Pending {
  /** Tells one waiting action from the next, so each gets a fresh prompt. */
  id: number;
  /** The worker's words: what the password would allow, and where secrets would go. */
  message: string;
  attempt: Attempt<unknown>;
  settle(outcome: Confirmed<unknown>): void;
}

export interface Confirmation {
  /** The action waiting for the password, while the prompt is shown. */
  pending: ReadonlySignal<Pending | undefined>;
  /** Runs the action; when the vault asks for the master password, resolves only once it is given (or not). */
  run<T>(attempt: Attempt<T>): Promise<Confirmed<T>>;
  /** Ends the waiting action with this outcome and closes the prompt; nothing when none waits. */
  settle(outcome: Confirmed<unknown>): void;
}

let nextId = 0;

export function useConfirmation(): Confirmation {
  const pending = useSignal<Pending | undefined>(undefined);
  const settle = (outcome: Confirmed<unknown>) => {
    const waiting = pending.value;
    pending.value = undefined;
    waiting?.settle(outcome);
  };
  return {
    pending,
    settle,
    async run<T>(attempt: Attempt<T>) {
      const outcome = await attempt();
      if (outcome.ok || outcome.error.code !== 'CONFIRMATION_REQUIRED') return outcome;
      // A prompt already open for another action of this view: that one gives up.
      settle({ ok: false });
      return new Promise<Confirmed<T>>((resolve) => {
        pending.value = {
          id: ++nextId,
          message: outcome.error.message,
          attempt,
          // The prompt settles with what this same attempt returned.
          settle: resolve as (outcome: Confirmed<unknown>) => void,
        };
      });
    },
  };
}

/**
 * A form's action that may need the prompt: busy while a try is under way, and the error it
 * ended with, shown in the form — none while the prompt asks (a wrong password stays in the
 * prompt) and none after Cancel.
 */
export interface ConfirmedAction {
  confirmation: Confirmation;
  pending: ReadonlySignal<boolean>;
  error: ReadonlySignal<VaultError | undefined>;
  run<T>(attempt: Attempt<T>): Promise<Confirmed<T>>;
}

export function useConfirmedAction(): ConfirmedAction {
  const confirmation = useConfirmation();
  const tries = useAction();
  const error = useSignal<VaultError | undefined>(undefined);
  // Only the newest run says how it ended: an older one gives up when a newer one asks.
  const latest = useRef(0);
  return {
    confirmation,
    pending: tries.pending,
    error,
    async run<T>(attempt: Attempt<T>) {
      const id = ++latest.current;
      error.value = undefined;
      const outcome = await confirmation.run((password) => tries.run(() => attempt(password)));
      if (id === latest.current) error.value = outcome.ok ? undefined : outcome.error;
      return outcome;
    },
  };
}

/** The master password's own problems stay in the prompt; anything else ends it. */
function promptProblem(error: VaultError): string | undefined {
  if (error.code === 'WRONG_PASSWORD') return 'The master password is not correct.';
  if (error.code === 'THROTTLED') {
    const at = error.retryAt ? new Date(error.retryAt).toLocaleTimeString() : 'a moment';
    return `Too many wrong passwords. Try again at ${at}.`;
  }
  return undefined;
}

function Prompt({ pending, confirmation }: { pending: Pending; confirmation: Confirmation }) {
  const password = useSignal('');
  const problem = useSignal('');
  const working = useSignal(false);
  const input = useAutoFocus<HTMLInputElement>();
  const titleId = useId();
  const { settle } = confirmation;

  const submit = async (event: Event) => {
    event.preventDefault();
    const entered = password.value;
    password.value = '';
    working.value = true;
    const outcome = await pending.attempt(entered);
    working.value = false;
    if (outcome.ok) return settle(outcome);
    const text = promptProblem(outcome.error);
    if (text === undefined) return settle(outcome);
    problem.value = text;
    input.current?.focus();
  };

  return (
    <form class="confirm-box confirm-password" onSubmit={submit} aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>Confirm with the master password</strong>
      </p>
      <p>{pending.message}</p>
      <SecretField
        label="Master password"
        value={password}
        masked="current-password"
        required
        inputRef={input}
        error={problem.value}
      />
      <FormActions
        submit={working.value ? 'Checking…' : 'Confirm'}
        disabled={working.value}
        onCancel={() => settle({ ok: false })}
      />
    </form>
  );
}

/** The prompt, while an action waits for it. */
export function ConfirmPassword({ confirmation }: { confirmation: Confirmation }) {
  const pending = confirmation.pending.value;
  // Keyed by the action: a new one starts with an empty field and no old problem.
  return pending ? <Prompt key={pending.id} pending={pending} confirmation={confirmation} /> : null;
}
