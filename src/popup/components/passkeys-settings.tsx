// Settings → Passkeys: unlock with a passkey instead of typing the master password. Each passkey
// enrolled is listed (the Settings view reads them before it shows) with a Remove button; a new
// one is enrolled after the master password, with the browser's own passkey dialog. Where this
// browser cannot use a passkey with the PRF extension, the page says why in one line and offers
// nothing that would fail.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { PasskeyView } from '../../core/vault';
import { usePopupState } from '../context';
import { useAction } from '../hooks/use-action';
import { whenTime } from '../time-format';
import { ConfirmPassword, useConfirmedAction } from './confirm-password';
import { FormError } from './error-message';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';

function PasskeyRow({ passkey }: { passkey: PasskeyView }) {
  const { passkeys } = usePopupState().domains;
  const remove = useConfirmedAction();
  return (
    <li class="link-card">
      <strong>{passkey.name}</strong>
      <br />
      <small>added {whenTime(passkey.createdAt)}</small>
      <div class="actions">
        <button
          type="button"
          class="secondary small"
          aria-label={`Remove ${passkey.name}`}
          disabled={remove.pending.value}
          onClick={() => void remove.run((proof) => passkeys.remove(passkey.credentialId, proof))}
        >
          Remove
        </button>
      </div>
      <FormError error={remove.error.value} />
      <ConfirmPassword confirmation={remove.confirmation} />
    </li>
  );
}

function EnrolForm({ titleId }: { titleId: string }) {
  const enrol = useAction(usePopupState().domains.passkeys.enrol);
  const name = useSignal('');
  const password = useSignal('');
  const added = useSignal('');

  const submit = async (event: Event) => {
    event.preventDefault();
    added.value = '';
    const entered = password.value;
    password.value = '';
    const outcome = await enrol.run(name.value.trim(), entered);
    if (outcome.ok) {
      added.value = outcome.value.name;
      name.value = '';
    }
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby={titleId}>
      <TextField
        label="Name of the new passkey"
        autocomplete="off"
        required
        value={name}
        placeholder="YubiKey, this laptop…"
        onInput={(text) => {
          name.value = text;
        }}
      />
      <SecretField label="Master password" value={password} masked="current-password" required />
      <FormError error={enrol.error.value} />
      <button type="submit" disabled={enrol.pending.value}>
        {enrol.pending.value ? 'Waiting for the passkey…' : 'Add a passkey'}
      </button>
      {added.value && <p role="status">{added.value} added: it unlocks the vault from now on.</p>}
    </form>
  );
}

export function PasskeysSettings({ titleId }: { titleId: string }) {
  const { passkeys } = usePopupState().domains;
  const support = useSignal<{ supported: boolean; why?: string } | undefined>(undefined);
  useEffect(() => {
    void import('../passkey').then(async ({ passkeySupport }) => {
      support.value = await passkeySupport();
    });
  }, []);

  if (support.value && !support.value.supported) return <p class="note">{support.value.why}</p>;
  return (
    <>
      <p class="hint">
        A passkey unlocks the vault in one step, with your fingerprint, face or security key, and no key
        derivation to wait for. The master password always opens the vault too.
      </p>
      {passkeys.list.value.length > 0 && (
        <ul class="credentials" aria-label="Enrolled passkeys">
          {passkeys.list.value.map((passkey) => (
            <PasskeyRow key={passkey.credentialId} passkey={passkey} />
          ))}
        </ul>
      )}
      <EnrolForm titleId={titleId} />
    </>
  );
}
