// A labelled password input bound to a signal. The value lives only as long as the form does.
import type { Signal } from '@preact/signals';
import type { Ref } from 'preact';

interface Props {
  label: string;
  value: Signal<string>;
  /**
   * Which password it is, for a password manager. Chromium's session restore never keeps a
   * password input's value, whatever this says (test/e2e/session-restore.spec.ts measures it);
   * every other field that can hold a secret needs autocomplete="off".
   */
  autocomplete: 'new-password' | 'current-password';
  inputRef?: Ref<HTMLInputElement>;
  /** The id of the text that describes the field (the strength advice). */
  describedBy?: string;
}

export function PasswordField({ label, value, autocomplete, inputRef, describedBy }: Props) {
  return (
    <label>
      {label}
      <input
        type="password"
        autocomplete={autocomplete}
        required
        ref={inputRef}
        aria-describedby={describedBy}
        value={value.value}
        onInput={(e) => {
          value.value = e.currentTarget.value;
        }}
      />
    </label>
  );
}
