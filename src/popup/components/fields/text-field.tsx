// A labelled text control for values that are not secrets: names, client IDs, URLs, numbers.
// `autocomplete` is always chosen by the caller: "on" lets the browser offer what was typed
// before (and keep it across a session restore), "off" where that would only get in the way.
// A field that can hold a secret is a SecretField instead.
import { type Bound, type CommonControl, Labelled, useControl } from './control';
import type { FieldProps } from './field-notes';

interface Control extends CommonControl {
  autocomplete: 'on' | 'off';
  type?: 'text' | 'url' | 'number' | 'search';
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  /** Several lines: a textarea of this many rows, not spell-checked (it holds identifiers). */
  rows?: number;
}

export type TextFieldProps = FieldProps & Control & Bound;

export function TextField(props: TextFieldProps) {
  const { label, autocomplete, type = 'text', rows, placeholder } = props;
  const { attributes, notes } = useControl(props);
  return (
    <Labelled label={label} notes={notes}>
      {rows === undefined ? (
        <input
          {...attributes}
          // Preact types each input type's attributes apart; these four share every one set here.
          type={type as 'text'}
          autocomplete={autocomplete}
          placeholder={placeholder}
          min={props.min}
          max={props.max}
          step={props.step}
        />
      ) : (
        <textarea
          {...attributes}
          rows={rows}
          autocomplete={autocomplete}
          placeholder={placeholder}
          spellcheck={false}
        />
      )}
    </Labelled>
  );
}
