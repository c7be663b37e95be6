// An app's client secret, masked, shown or copied only on demand. The secret is fetched from the
// worker for that one action and kept only while it is shown: Hide, locking or leaving the page
// drops it.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AppView } from '../../shared/messages';
import { popupClipboard } from '../clipboard';
import { usePopupState } from '../context';
import { ConfirmPassword, useConfirmedAction } from './confirm-password';
import { FormError } from './error-message';

const MASK = '••••••••';

export function SecretLine({ app }: { app: AppView }) {
  const { domains } = usePopupState();
  const fetching = useConfirmedAction();
  const revealed = useSignal<string | undefined>(undefined);
  const note = useSignal<{ text: string; failed: boolean } | undefined>(undefined);

  // Unmounting (lock, edit, delete) drops the revealed value with the component.
  useEffect(
    () => () => {
      revealed.value = undefined;
    },
    [],
  );

  if (!app.hasSecret) return null;

  /** The secret, after the master password when no recent confirmation covers showing it. */
  const fetchSecret = async (): Promise<string | undefined> => {
    const outcome = await fetching.run((proof) => domains.apps.secret(app.id, proof));
    return outcome.ok ? outcome.value : undefined;
  };

  const reveal = async () => {
    if (revealed.value !== undefined) {
      revealed.value = undefined;
      return;
    }
    revealed.value = await fetchSecret();
  };

  const copy = async () => {
    note.value = undefined;
    const secret = await fetchSecret();
    if (secret === undefined) return;
    try {
      await popupClipboard().copy(secret);
      note.value = { text: 'Copied. The clipboard is cleared in 30 s if it still holds it.', failed: false };
    } catch {
      note.value = {
        text: 'The browser refused to copy. Reveal the secret and copy it by hand.',
        failed: true,
      };
    }
  };

  return (
    <div class="secret-line">
      <code class="secret">{revealed.value ?? MASK}</code>{' '}
      <button
        type="button"
        class="secondary small"
        aria-pressed={revealed.value !== undefined}
        aria-label={`${revealed.value === undefined ? 'Reveal' : 'Hide'} client secret of ${app.name}`}
        onClick={() => void reveal()}
      >
        {revealed.value === undefined ? 'Reveal' : 'Hide'}
      </button>{' '}
      <button
        type="button"
        class="secondary small"
        aria-label={`Copy client secret of ${app.name}`}
        onClick={() => void copy()}
      >
        Copy
      </button>
      <FormError error={fetching.error.value} />
      {note.value && (
        <p class={note.value.failed ? 'error' : 'note'} role={note.value.failed ? 'alert' : 'status'}>
          {note.value.text}
        </p>
      )}
      <ConfirmPassword confirmation={fetching.confirmation} />
    </div>
  );
}
