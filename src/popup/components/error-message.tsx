// Errors as alerts, worded for people. The page-wide one is only a vault transition's (create,
// unlock, lock): those replace the whole view. Every other action's error is its form's own.
import type { VaultError } from '../../core/errors';
import { usePopupState } from '../context';

/** One failure, announced as it appears, marked with its code. */
export function FormError({ error }: { error: VaultError | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert" data-code={error.code}>
      {error.message}
    </p>
  );
}

export function ErrorMessage() {
  const { domains } = usePopupState();
  const current = domains.vault.error.value;
  // The unlock view counts down on its own.
  if (current?.code === 'THROTTLED') return null;
  return <FormError error={current} />;
}
