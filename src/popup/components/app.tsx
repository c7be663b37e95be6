// The popup's frame: a header that is always there (the vault's state, when it locks itself, Lock
// and "Open in tab"), the navigation between the unlocked views, and the view that fits.
import { extensionUrl } from '../../platform/runtime';
import { openTab } from '../../platform/tabs';
import { usePopupState } from '../context';
import { hashFor } from '../navigation';
import { useNavigation } from '../navigation-context';
import { shortTime } from '../time-format';
import { ErrorMessage } from './error-message';
import { External, Lock } from './icons';
import { lazy } from './lazy';
import { Unlock } from './unlock';
import { Unlocked, ViewNav } from './unlocked';

// Shown once, on the first run: its new-password check (and the strength meter's word lists)
// stay out of every other open.
const CREATE_VAULT = lazy(() => import('./create-vault').then((m) => m.CreateVault));

const STATE_LABEL = {
  uninitialized: 'No vault yet',
  locked: 'Locked',
  unlocked: 'Unlocked',
} as const;

/** The page opened by "Open in tab" knows it is a tab and offers no second one. */
const TAB_VIEW = 'view=tab';

function OpenInTab() {
  const navigation = useNavigation();
  if (location.search.includes(TAB_VIEW)) return null;
  // The tab opens on the view showing here.
  const url = () =>
    extensionUrl(
      `src/popup/index.html?${TAB_VIEW}${hashFor(navigation.route.value.view, navigation.route.value.item)}`,
    );
  return (
    <button
      type="button"
      class="icon-button"
      aria-label="Open in tab"
      title="Open in tab"
      onClick={() => void openTab(url())}
    >
      <External />
    </button>
  );
}

function Header() {
  const { status, lock, busy } = usePopupState();
  const current = status.value;
  const autoLockAt = current?.state === 'unlocked' ? current.autoLockAt : undefined;
  return (
    <header class="popup-header">
      <div class="popup-title">
        <h1>JWT Vault</h1>
        <p class="vault-state" role="status" data-state={current?.state ?? 'loading'}>
          {current ? STATE_LABEL[current.state] : 'Connecting to the vault…'}
        </p>
        {autoLockAt !== undefined && (
          <p class="auto-lock">Locks itself at {shortTime(autoLockAt)} if unused</p>
        )}
      </div>
      <div class="header-actions">
        {current?.state === 'unlocked' && (
          <button
            type="button"
            class="secondary small"
            onClick={() => void lock()}
            disabled={busy.value === 'locking'}
          >
            <Lock /> Lock
          </button>
        )}
        <OpenInTab />
      </div>
    </header>
  );
}

export function App() {
  const { status } = usePopupState();
  const current = status.value;
  return (
    <main class="popup">
      <Header />
      {current?.state === 'unlocked' && <ViewNav />}
      <ErrorMessage />
      {current?.state === 'uninitialized' && <CREATE_VAULT.Component />}
      {current?.state === 'locked' && <Unlock />}
      {current?.state === 'unlocked' && <Unlocked />}
    </main>
  );
}
