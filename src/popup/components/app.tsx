// The popup's frame: title, the vault's state, and the view that fits it.
import { usePopupState } from '../context';
import { CreateVault } from './create-vault';
import { ErrorMessage } from './error-message';
import { Unlock } from './unlock';
import { Unlocked } from './unlocked';

const STATE_LABEL = {
  uninitialized: 'No vault yet',
  locked: 'Locked',
  unlocked: 'Unlocked',
} as const;

export function App() {
  const { status } = usePopupState();
  const current = status.value;
  return (
    <main class="popup">
      <header class="popup-header">
        <h1>JWT Vault</h1>
        <p class="vault-state" role="status" data-state={current?.state ?? 'loading'}>
          {current ? STATE_LABEL[current.state] : 'Connecting to the vault…'}
        </p>
      </header>
      <ErrorMessage />
      {current?.state === 'uninitialized' && <CreateVault />}
      {current?.state === 'locked' && <Unlock />}
      {current?.state === 'unlocked' && <Unlocked />}
    </main>
  );
}
