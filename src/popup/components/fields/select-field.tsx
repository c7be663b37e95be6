// A labelled choice from a list, with the hint and error every field has. An empty list shows
// one disabled-looking entry saying so, which keeps the control's value "".
import type { ReadonlySignal } from '@preact/signals';
import { type FieldProps, useFieldNotes } from './field-notes';

export interface Choice {
  value: string;
  label: string;
}

export interface SelectFieldProps extends FieldProps {
  value: ReadonlySignal<string> | string;
  choices: readonly Choice[];
  onChange(value: string): void;
  /** Shown as the only entry while there is nothing to choose. */
  empty?: string;
  disabled?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const { label, value, choices, onChange, empty, disabled } = props;
  const { aria, notes } = useFieldNotes(props);
  return (
    <>
      <label>
        {label}
        <select
          value={typeof value === 'string' ? value : value.value}
          disabled={disabled}
          {...aria}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          {choices.length === 0 && empty !== undefined && <option value="">{empty}</option>}
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      {notes}
    </>
  );
}
