// A labelled control for anything that can hold a secret: passwords, a client secret, a JWT, a
// private key pasted by mistake, .env text, notes, a passphrase shown once. The one place that
// keeps the browser from saving or restoring what is typed: Chromium's session restore stores
// the form state of controls that may autocomplete, so every secret control here is a password
// input (never kept, whatever its autocomplete says) or carries autocomplete="off" — and none is
// spell-checked, which could send its text to a spelling service. test/e2e/session-restore.spec.ts
// types a canary into each of them and scans the profile on disk for it.
import { type Bound, type CommonControl, Labelled, useControl } from './control';
import type { FieldProps } from './field-notes';

type Shape =
  /**
   * Masked. new-password/current-password tell a password manager which password it is (it may
   * offer to save the master password); "off" for secrets it has no business with.
   */
  | { masked: 'new-password' | 'current-password' | 'off'; rows?: never }
  /** Several lines: a textarea. */
  | { rows: number; masked?: never }
  /** One visible line. */
  | { masked?: never; rows?: never };

interface Control extends CommonControl {
  readOnly?: boolean;
  class?: string;
}

export type SecretFieldProps = FieldProps & Control & Shape & Bound;

export function SecretField(props: SecretFieldProps) {
  const { label, masked, rows } = props;
  const { attributes, notes } = useControl(props);
  const secret = {
    ...attributes,
    spellcheck: false,
    readOnly: props.readOnly,
    class: props.class,
  };
  return (
    <Labelled label={label} notes={notes}>
      {rows === undefined ? (
        // Preact types each input type's attributes apart; both share every one set here.
        <input {...secret} autocomplete={masked ?? 'off'} type={(masked ? 'password' : 'text') as 'text'} />
      ) : (
        <textarea {...secret} autocomplete="off" rows={rows} />
      )}
    </Labelled>
  );
}
