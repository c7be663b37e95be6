// The popup's frame: title, the vault's state, "Open in tab", and the view that fits it.
import { extensionUrl } from '../../platform/runtime';
import { openTab } from '../../platform/tabs';
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

/** The page opened by "Open in tab" knows it is a tab and offers no second one. */
const TAB_VIEW = 'view=tab';

function OpenInTab() {
  if (location.search.includes(TAB_VIEW)) return null;
  return (
    <button
      type="button"
      class="secondary small"
      onClick={() => void openTab(extensionUrl(`src/popup/index.html?${TAB_VIEW}`))}
    >
      Open in tab
    </button>
  );
}

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
        <OpenInTab />
      </header>
      <ErrorMessage />
      {current?.state === 'uninitialized' && <CreateVault />}
      {current?.state === 'locked' && <Unlock />}
      {current?.state === 'unlocked' && <Unlocked />}
    </main>
  );
}
