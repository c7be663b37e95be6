// First run: choose the master password.
import { usePopupState } from '../context';
import { useAutoFocus } from '../hooks/use-auto-focus';
import { NewPasswordFields, useNewPassword } from './fields/new-password-fields';

export function CreateVault() {
  const { vault } = usePopupState().domains;
  const password = useNewPassword('master');
  const focus = useAutoFocus<HTMLInputElement>();
  const working = vault.busy.value === 'creating';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!password.check()) return;
    await vault.create(password.password.value);
    password.clear();
  };

  return (
    <form class="panel" onSubmit={submit} aria-busy={working}>
      <h2>Create your vault</h2>
      <p>
        One master password encrypts every credential. If you forget it, nothing can recover the vault: keep
        it somewhere safe.
      </p>
      <NewPasswordFields value={password} inputRef={focus} />
      <button type="submit" disabled={working}>
        {working ? 'Creating vault…' : 'Create vault'}
      </button>
    </form>
  );
}
