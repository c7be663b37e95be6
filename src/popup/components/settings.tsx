// Vault settings: when it locks itself, whether locking revokes the tokens at the server, and
// the master password.
import { type Signal, useSignal } from '@preact/signals';
import { MIN_PASSWORD_LENGTH } from '../../core/vault/password-policy';
import { usePopupState } from '../context';
import { PasswordField } from './password-field';

function Checkbox({ label, value, onChange }: { label: string; value: Signal<boolean>; onChange(): void }) {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={value.value}
        onChange={(e) => {
          value.value = e.currentTarget.checked;
          onChange();
        }}
      />
      {label}
    </label>
  );
}

function SettingsForm() {
  const { settings, saveSettings, busy } = usePopupState();
  const current = settings.value;
  const minutes = useSignal(String(current?.autoLockMinutes ?? 15));
  const lockOnSystemLock = useSignal(current?.lockOnSystemLock ?? true);
  const revokeOnLock = useSignal(current?.revokeOnLock ?? true);
  const saved = useSignal(false);
  const edited = () => {
    saved.value = false;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    saved.value = await saveSettings({
      autoLockMinutes: Number(minutes.value),
      lockOnSystemLock: lockOnSystemLock.value,
      revokeOnLock: revokeOnLock.value,
    });
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="settings-title">
      <h3 id="settings-title">Settings</h3>
      <label>
        Lock after this many minutes without use
        <input
          type="number"
          min={1}
          max={1440}
          step={1}
          required
          value={minutes.value}
          onInput={(e) => {
            minutes.value = e.currentTarget.value;
            edited();
          }}
        />
      </label>
      <Checkbox label="Lock when the computer locks" value={lockOnSystemLock} onChange={edited} />
      <Checkbox label="Revoke the tokens at the server when locking" value={revokeOnLock} onChange={edited} />
      <button type="submit" disabled={busy.value === 'saving'}>
        Save settings
      </button>
      {saved.value && <p role="status">Settings saved.</p>}
    </form>
  );
}

function ChangePasswordForm() {
  const { changePassword, busy } = usePopupState();
  const current = useSignal('');
  const next = useSignal('');
  const confirm = useSignal('');
  const problem = useSignal('');
  const done = useSignal(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    done.value = false;
    if ([...next.value].length < MIN_PASSWORD_LENGTH) {
      problem.value = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
      return;
    }
    if (next.value !== confirm.value) {
      problem.value = 'The two new passwords are not the same.';
      return;
    }
    problem.value = '';
    const changed = await changePassword(current.value, next.value);
    current.value = '';
    next.value = '';
    confirm.value = '';
    done.value = changed;
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="password-title">
      <h3 id="password-title">Change the master password</h3>
      <PasswordField label="Current password" value={current} autocomplete="current-password" />
      <PasswordField label="New password" value={next} autocomplete="new-password" />
      <PasswordField label="Confirm new password" value={confirm} autocomplete="new-password" />
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <button type="submit" disabled={busy.value === 'saving'}>
        Change password
      </button>
      {done.value && <p role="status">Master password changed.</p>}
    </form>
  );
}

export function SettingsPanel() {
  const { settings } = usePopupState();
  // Mount the form only once the settings arrived, so its fields start from them.
  return (
    <details>
      <summary>Settings and master password</summary>
      {settings.value && <SettingsForm key="settings" />}
      <ChangePasswordForm />
    </details>
  );
}
