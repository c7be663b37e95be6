// The master password asked again, or, where the vault has a passkey and this browser can use
// one, the passkey instead: the one field of every confirmation (the prompt before a new
// destination or a reveal, a backup, an export). The passkey is the default where it is offered:
// one touch instead of a long password; the password is always one click away.
import { type Signal, useSignal } from '@preact/signals';
import type { RefObject } from 'preact';
import type { Proof } from '../../../shared/messages';
import { usePopupState } from '../../context';
import type { Outcome } from '../../state';
import { passkeyOffered } from '../../state/passkeys';
import { ErrorText } from './field-notes';
import { SecretField } from './secret-field';

export interface ProofInput {
  /** Whether a passkey may answer: the vault has one and this page has WebAuthn. */
  offered: boolean;
  usePasskey: Signal<boolean>;
  password: Signal<string>;
  /** The proof to send: the password typed (the field is emptied), or a passkey's answer. */
  take(): Promise<Outcome<Proof>>;
}

export function useProof(): ProofInput {
  const { status, domains } = usePopupState();
  const offered = passkeyOffered(status.value);
  const usePasskey = useSignal(true);
  const password = useSignal('');
  return {
    offered,
    usePasskey,
    password,
    async take() {
      if (offered && usePasskey.value) return domains.passkeys.prove();
      const entered = password.value;
      password.value = '';
      return { ok: true, value: { password: entered } };
    },
  };
}

export function ProofField({
  proof,
  label,
  inputRef,
  error,
}: {
  proof: ProofInput;
  /** The password field's label. */
  label: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  error?: string;
}) {
  const passkey = proof.offered && proof.usePasskey.value;
  return (
    <div class="proof-field">
      {passkey ? (
        <>
          <p class="note">The browser asks for your passkey when you confirm.</p>
          <ErrorText error={error} />
        </>
      ) : (
        <SecretField
          label={label}
          value={proof.password}
          masked="current-password"
          required
          inputRef={inputRef}
          error={error}
        />
      )}
      {proof.offered && (
        <button
          type="button"
          class="secondary small"
          onClick={() => {
            proof.usePasskey.value = !passkey;
          }}
        >
          {passkey ? 'Use the master password instead' : 'Use a passkey instead'}
        </button>
      )}
    </div>
  );
}
