// First run: choose the master password.
import { useSignal } from '@preact/signals';
import { MIN_PASSWORD_LENGTH } from '../../core/vault/password-policy';
import { usePopupState } from '../context';
import { useAutoFocus } from '../hooks/use-auto-focus';
import { PasswordField } from './password-field';
import { PasswordStrength } from './password-strength';

export function CreateVault() {
  const { create, busy } = usePopupState();
  const password = useSignal('');
  const focus = useAutoFocus<HTMLInputElement>();
  const confirm = useSignal('');
  const problem = useSignal('');
  const working = busy.value === 'creating';

  const submit = async (event: Event) => {
    event.preventDefault();
    if ([...password.value].length < MIN_PASSWORD_LENGTH) {
      problem.value = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
      return;
    }
    if (password.value !== confirm.value) {
      problem.value = 'The two passwords are not the same.';
      return;
    }
    problem.value = '';
    await create(password.value);
    password.value = '';
    confirm.value = '';
  };

  return (
    <form class="panel" onSubmit={submit} aria-busy={working}>
      <h2>Create your vault</h2>
      <p>
        One master password encrypts every credential. If you forget it, nothing can recover the vault: keep
        it somewhere safe.
      </p>
      <PasswordField
        label="Master password"
        value={password}
        autocomplete="new-password"
        inputRef={focus}
        describedBy="create-strength"
      />
      <PasswordStrength password={password} id="create-strength" />
      <PasswordField label="Confirm password" value={confirm} autocomplete="new-password" />
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <button type="submit" disabled={working}>
        {working ? 'Creating vault…' : 'Create vault'}
      </button>
    </form>
  );
}
