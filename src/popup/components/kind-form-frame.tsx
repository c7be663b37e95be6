// What every credential kind's form shares: its heading when the page has none, the Label first,
// the Notes, the error and the actions last, and the save itself — add or edit, then forget what
// the form held of a secret and leave. Each kind's form puts its own fields in between.
import { type Signal, useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { LIMITS } from '../../core/vault/limits';
import type { CredentialInput, CredentialView } from '../../shared/messages';
import { usePopupState } from '../context';
import { type Runner, useAction } from '../hooks/use-action';
import { FormError } from './error-message';
import { FormActions } from './fields/form-actions';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a kind's form sends, apart from the id, label and notes the frame adds. */
export type KindInput = DistributiveOmit<CredentialInput, 'id' | 'label' | 'notes'>;

export interface KindForm {
  act: Runner;
  label: Signal<string>;
  notes: Signal<string>;
  editing: boolean;
  /** Saves `input`; named `fallback` when no label was typed; `after` runs once it is saved. */
  save(input: KindInput, fallback: string, after?: () => void): Promise<void>;
}

export function useKindForm(credential: CredentialView | undefined, onDone: () => void): KindForm {
  const { domains } = usePopupState();
  const act = useAction();
  const label = useSignal(credential?.label ?? '');
  const notes = useSignal(credential?.notes ?? '');
  const editing = credential !== undefined;
  return {
    act,
    label,
    notes,
    editing,
    async save(input, fallback, after) {
      const full = {
        ...(credential ? { id: credential.id } : {}),
        ...input,
        label: label.value.trim() || fallback,
        notes: notes.value,
      } as CredentialInput;
      const saved = await act.run(() =>
        editing ? domains.credentials.edit(full) : domains.credentials.add(full),
      );
      if (!saved.ok) return;
      after?.();
      onDone();
    },
  };
}

export function KindFormFrame({
  form,
  id,
  titleId,
  title,
  labelHint,
  disabled,
  onSubmit,
  onDone,
  lead,
  children,
}: {
  form: KindForm;
  /** Unique per form on the page: names its heading. */
  id: string;
  /** The page heading that names the form; without it, the form has a heading of its own. */
  titleId: string | undefined;
  title: string;
  /** What the label defaults to, said when adding. */
  labelHint: string;
  disabled: boolean;
  onSubmit(): void;
  onDone(): void;
  /** What comes before the label: a choice the rest of the form depends on (the server). */
  lead?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <form
      class="panel credential-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      aria-labelledby={titleId ?? `${id}-title`}
    >
      {titleId === undefined && <h3 id={`${id}-title`}>{title}</h3>}
      {lead}
      <TextField
        label="Label"
        value={form.label}
        autocomplete="on"
        maxLength={LIMITS.name}
        hint={form.editing ? undefined : labelHint}
      />
      {children}
      {/* People keep a hint to a secret in notes, or the secret itself. */}
      <SecretField label="Notes" value={form.notes} maxLength={LIMITS.notes} />
      <FormError error={form.act.error.value} />
      <FormActions
        submit={form.editing ? 'Save changes' : 'Save credential'}
        disabled={form.act.pending.value || disabled}
        onCancel={onDone}
      />
    </form>
  );
}
