// Asks for the master password in place when the worker needs a fresh confirmation
// (CONFIRMATION_REQUIRED): a stored secret would go somewhere new, or be shown. The action is
// tried without a password first — a recent confirmation covers it — and run again with the one
// typed here. Used by the app, connection, apps-list and restore views.
import { type ReadonlySignal, useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import type { VaultError } from '../../shared/errors';
import { useAutoFocus } from '../hooks/use-auto-focus';
import { FormActions } from './fields/form-actions';
import { SecretField } from './fields/secret-field';

/** One try of the action: undefined when it is done, else why not. */
export type Attempt = (password?: string) => Promise<VaultError | undefined>;

/** Done, or not: with the error that stopped it, or without one when the person cancelled. */
export type Confirmed = { ok: true } | { ok: false; error?: VaultError };

interface Pending {
  /** Tells one waiting action from the next, so each gets a fresh prompt. */
  id: number;
  /** The worker's words: what the password would allow, and where secrets would go. */
  message: string;
  attempt: Attempt;
  settle(outcome: Confirmed): void;
}

export interface Confirmation {
  /** The action waiting for the password, while the prompt is shown. */
  pending: ReadonlySignal<Pending | undefined>;
  /** Runs the action; when the vault asks for the master password, resolves only once it is given (or not). */
  run(attempt: Attempt): Promise<Confirmed>;
  /** Ends the waiting action with this outcome and closes the prompt; nothing when none waits. */
  settle(outcome: Confirmed): void;
}

let nextId = 0;

export function useConfirmation(): Confirmation {
  const pending = useSignal<Pending | undefined>(undefined);
  const settle = (outcome: Confirmed) => {
    const waiting = pending.value;
    pending.value = undefined;
    waiting?.settle(outcome);
  };
  return {
    pending,
    settle,
    async run(attempt) {
      const error = await attempt();
      if (!error) return { ok: true };
      if (error.code !== 'CONFIRMATION_REQUIRED') return { ok: false, error };
      // A prompt already open for another action of this view: that one gives up.
      settle({ ok: false });
      return new Promise<Confirmed>((resolve) => {
        pending.value = { id: ++nextId, message: error.message, attempt, settle: resolve };
      });
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
    const error = await pending.attempt(entered);
    working.value = false;
    if (!error) return settle({ ok: true });
    const text = promptProblem(error);
    if (text === undefined) return settle({ ok: false, error });
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
