// What the text-like fields (TextField, SecretField) share: how the control follows its value,
// the attributes every such control takes, and the label wrapped around it with its notes after.
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { ComponentChildren, RefObject } from 'preact';
import { type ControlAria, type FieldProps, useFieldNotes } from './field-notes';

/**
 * A signal the control writes itself, or a value shown and an onInput that decides (an API URL
 * derived from the chosen app, an edit that also updates a list).
 */
export type Bound =
  | { value: Signal<string>; onInput?: (text: string) => void }
  | { value: ReadonlySignal<string>; onInput: (text: string) => void };

export interface CommonControl {
  required?: boolean;
  disabled?: boolean;
  maxLength?: number;
  /** For focusing the control: an input or a textarea, as the field's shape says. */
  inputRef?: RefObject<HTMLElement | null>;
}

/** The attributes of the control, and its notes (hint, error) to render after the label. */
export function useControl(props: FieldProps & CommonControl & Bound): {
  attributes: ControlAria & Record<string, unknown>;
  notes: ComponentChildren;
} {
  const { value, onInput, inputRef } = props;
  const { aria, notes } = useFieldNotes(props);
  return {
    notes,
    attributes: {
      ...aria,
      value: value.value,
      onInput: (event: { currentTarget: { value: string } }) => {
        const text = event.currentTarget.value;
        if (onInput) onInput(text);
        else (value as Signal<string>).value = text;
      },
      // Either element lands in it; callers only focus it.
      ref: inputRef,
      required: props.required,
      disabled: props.disabled,
      maxLength: props.maxLength,
    },
  };
}

/** The label with the control inside it (so the label names it), then the control's notes. */
export function Labelled({
  label,
  notes,
  children,
}: {
  label: ComponentChildren;
  notes: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: every caller passes its input or textarea as children. */}
      <label>
        {label}
        {children}
      </label>
      {notes}
    </>
  );
}
