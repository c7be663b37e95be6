// A labelled checkbox; a note says why it is off when the browser cannot do what it offers.
import type { ComponentChildren } from 'preact';
import { useFieldNotes } from './field-notes';

export interface CheckFieldProps {
  label: ComponentChildren;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  /** Why it cannot be ticked, tied to the box. */
  note?: ComponentChildren;
}

export function CheckField({ label, checked, onChange, disabled, note }: CheckFieldProps) {
  const { aria, notes } = useFieldNotes({ hint: note, hintTone: 'note' });
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          {...aria}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        {label}
      </label>
      {notes}
    </>
  );
}
