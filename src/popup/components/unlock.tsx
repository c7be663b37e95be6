// Unlock with the master password, or with an enrolled passkey where the browser can use one;
// counts down while wrong passwords (and refused passkeys) are throttled.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { usePopupState } from '../context';
import { useAutoFocus } from '../hooks/use-auto-focus';
import { passkeyOffered } from '../state/passkeys';
import { SecretField } from './fields/secret-field';

function useSecondsUntil(until: number | undefined): number {
  const seconds = useSignal(0);
  // `until` is a plain value, not a signal: the effect must re-run when it changes.
  useEffect(() => {
    if (until === undefined) {
      seconds.value = 0;
      return undefined;
    }
    const tick = () => {
      seconds.value = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [until]);
  return seconds.value;
}

export function Unlock() {
  const { vault } = usePopupState().domains;
  const passkey = passkeyOffered(vault.status.value);
  const password = useSignal('');
  const focus = useAutoFocus<HTMLInputElement>();
  const working = vault.busy.value === 'unlocking';
  const wait = useSecondsUntil(vault.status.value?.throttledUntil);

  const submit = async (event: Event) => {
    event.preventDefault();
    const attempt = password.value;
    password.value = '';
    await vault.unlock(attempt);
    // Still here after a failed attempt: put the cursor back for the next try.
    focus.current?.focus();
  };

  return (
    <form class="panel" onSubmit={submit} aria-busy={working}>
      <SecretField
        label="Master password"
        value={password}
        masked="current-password"
        required
        inputRef={focus}
      />
      {wait > 0 && (
        <p class="warning" role="alert" data-code="THROTTLED">
          Too many wrong passwords. Try again in {wait} s.
        </p>
      )}
      <button type="submit" disabled={working || wait > 0}>
        {working ? 'Unlocking…' : 'Unlock'}
      </button>
      {passkey && (
        <button
          type="button"
          class="secondary"
          disabled={working || wait > 0}
          onClick={() => void vault.unlockWithPasskey()}
        >
          Unlock with a passkey
        </button>
      )}
    </form>
  );
}
