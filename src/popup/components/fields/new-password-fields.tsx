// A new password typed twice, for every form that sets one (the first master password, a new
// one, a backup's), with the strength advice where it is a master password. The rule it is held
// to is core's newPasswordProblem, the same the vault applies.
import { type ReadonlySignal, type Signal, useSignal } from '@preact/signals';
import type { RefObject } from 'preact';
import { useId } from 'preact/hooks';
import { type NewPasswordKind, newPasswordProblem } from '../../../core/vault/password-policy';
import { PasswordStrength } from '../password-strength';
import { ErrorText } from './field-notes';
import { SecretField } from './secret-field';

const LABELS: { [K in NewPasswordKind]: { password: string; confirm: string; strength: boolean } } = {
  master: { password: 'Master password', confirm: 'Confirm password', strength: true },
  new: { password: 'New password', confirm: 'Confirm new password', strength: true },
  backup: { password: 'Backup password', confirm: 'Confirm backup password', strength: false },
};

export interface NewPassword {
  kind: NewPasswordKind;
  password: Signal<string>;
  confirm: Signal<string>;
  /** What stopped the last check, shown under the pair; empty when nothing did. */
  problem: ReadonlySignal<string>;
  /** Applies the rule; false (and the problem shown) when the password cannot be set. */
  check(): boolean;
  /** Forgets both, once they were used. */
  clear(): void;
}

export function useNewPassword(kind: NewPasswordKind): NewPassword {
  const password = useSignal('');
  const confirm = useSignal('');
  const problem = useSignal('');
  return {
    kind,
    password,
    confirm,
    problem,
    check: () => {
      problem.value = newPasswordProblem(kind, password.value, confirm.value) ?? '';
      return problem.value === '';
    },
    clear: () => {
      password.value = '';
      confirm.value = '';
    },
  };
}

export function NewPasswordFields({
  value,
  inputRef,
}: {
  value: NewPassword;
  inputRef?: RefObject<HTMLElement | null>;
}) {
  const labels = LABELS[value.kind];
  const id = useId();
  const strengthId = labels.strength ? `${id}-strength` : undefined;
  const error = value.problem.value;
  const errorId = error ? `${id}-error` : undefined;
  // One error for the pair: both fields are marked and described by it.
  const both = { masked: 'new-password', required: true, invalid: !!error } as const;
  return (
    <>
      <SecretField
        label={labels.password}
        value={value.password}
        inputRef={inputRef}
        describedBy={[strengthId, errorId].filter(Boolean).join(' ') || undefined}
        {...both}
      />
      {strengthId && <PasswordStrength password={value.password} id={strengthId} />}
      <SecretField label={labels.confirm} value={value.confirm} describedBy={errorId} {...both} />
      <ErrorText id={errorId} error={error} />
    </>
  );
}
