// One choice among a few, each a radio with its label, grouped under a legend; what depends on
// the choice (a list to edit, a key to paste) may follow inside the same fieldset.
import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface RadioChoice<T extends string> {
  value: T;
  label: string;
}

export interface RadioGroupProps<T extends string> {
  legend: string;
  value: Signal<T>;
  choices: readonly RadioChoice<T>[];
  /** The radios' shared name; unique per form when a form can be shown more than once. */
  name?: string;
  children?: ComponentChildren;
}

export function RadioGroup<T extends string>({ legend, value, choices, name, children }: RadioGroupProps<T>) {
  const fallback = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label class="check" key={choice.value}>
          <input
            type="radio"
            name={name ?? fallback}
            checked={value.value === choice.value}
            onChange={() => {
              value.value = choice.value;
            }}
          />
          {choice.label}
        </label>
      ))}
      {children}
    </fieldset>
  );
}
