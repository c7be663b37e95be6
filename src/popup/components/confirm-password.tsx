// Asks for the master password (or a passkey) in place when the worker needs a fresh
// confirmation (CONFIRMATION_REQUIRED): a stored secret would go somewhere new, or be shown. The
// action is tried without a proof first — a recent confirmation covers it — and run again with
// the one given here. Used by the app, connection, apps-list, passkeys and restore views.
import { type ReadonlySignal, useSignal } from '@preact/signals';
import { useId, useRef } from 'preact/hooks';
import type { VaultError } from '../../core/errors';
import type { Proof } from '../../shared/messages';
import { useAction } from '../hooks/use-action';
import { useAutoFocus } from '../hooks/use-auto-focus';
import type { Outcome } from '../state';
import { FormActions } from './fields/form-actions';
import { ProofField, useProof } from './fields/proof-field';

/** One try of the action, with the master password or a passkey once the prompt has it. */
export type Attempt<T> = (proof?: Proof) => Promise<Outcome<T>>;

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
  /** The action waiting for the proof, while the prompt is shown. */
  pending: ReadonlySignal<Pending | undefined>;
  /** Runs the action; when the vault asks for a proof, resolves only once it is given (or not). */
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
      const outcome = await confirmation.run((proof) => tries.run(() => attempt(proof)));
      if (id === latest.current) error.value = outcome.ok ? undefined : outcome.error;
      return outcome;
    },
  };
}

/** The proof's own problems stay in the prompt; anything else ends it. */
function promptProblem(error: VaultError): string | undefined {
  if (error.code === 'WRONG_PASSWORD') return 'The master password is not correct.';
  if (error.code === 'PASSKEY_REFUSED') return 'That passkey does not open this vault.';
  // The dialog closed, or the authenticator has no PRF: the message says which.
  if (error.code === 'PASSKEY_UNAVAILABLE') return error.message;
  if (error.code === 'THROTTLED') {
    const at = error.retryAt ? new Date(error.retryAt).toLocaleTimeString() : 'a moment';
    return `Too many wrong passwords. Try again at ${at}.`;
  }
  return undefined;
}

function Prompt({ pending, confirmation }: { pending: Pending; confirmation: Confirmation }) {
  const proof = useProof();
  const problem = useSignal('');
  const working = useSignal(false);
  const input = useAutoFocus<HTMLInputElement>();
  const titleId = useId();
  const { settle } = confirmation;

  const submit = async (event: Event) => {
    event.preventDefault();
    working.value = true;
    const taken = await proof.take();
    const outcome = taken.ok ? await pending.attempt(taken.value) : taken;
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
        <strong>{proof.offered ? 'Confirm it is you' : 'Confirm with the master password'}</strong>
      </p>
      <p>{pending.message}</p>
      <ProofField proof={proof} label="Master password" inputRef={input} error={problem.value} />
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
