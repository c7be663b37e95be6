// The vault's own state as the popup shows it — uninitialized, locked with its countdown, or
// unlocked until when — and the actions that change it: create, unlock, lock, a new password or
// key derivation. A page-wide error belongs to these actions only: they replace the whole view.
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { VaultError } from '../../core/errors';
import type { VaultClient } from '../../shared/client';
import type { StatusPush, VaultStatus } from '../../shared/messages';
import { asVaultError, attempt, type Outcome } from './outcome';
import type { UnlockedStore } from './unlocked';

/** The vault transition under way, if any: the views it replaces wait for it. */
export type VaultBusy = 'none' | 'loading' | 'creating' | 'unlocking' | 'locking' | 'rekeying';

export interface VaultModel {
  status: ReadonlySignal<VaultStatus | undefined>;
  isLocked: ReadonlySignal<boolean>;
  busy: ReadonlySignal<VaultBusy>;
  /** The last create, unlock or lock failure, shown above the view. */
  error: ReadonlySignal<VaultError | undefined>;
  refresh(): Promise<void>;
  create(password: string): Promise<void>;
  unlock(password: string): Promise<void>;
  /** Unlocks with a passkey: the browser's dialog asks for one of those enrolled. */
  unlockWithPasskey(): Promise<void>;
  lock(): Promise<void>;
  dismissError(): void;
  changePassword(oldPassword: string, newPassword: string): Promise<Outcome<void>>;
  /** Re-wraps the data key under a KEK from the chosen KDF preset; the password stays the same. */
  rekey(password: string, kdf: string): Promise<Outcome<void>>;
  /**
   * Reads the vault's state without counting as use; when it locked meanwhile (shortcut,
   * auto-lock, another page), shows the locked view and drops everything unlocked.
   */
  syncStatus(): Promise<void>;
  /** Reads the status again after a master-password check failed: it may have started throttling. */
  recheck(): Promise<void>;
  /** Takes the vault state of a worker push unless an action of this page is changing it. */
  adoptPush(push: StatusPush): Promise<void>;
  /** Whether a create, unlock, lock or re-key of this page is running. */
  acting(): boolean;
}

export function createVaultModel(client: VaultClient, store: () => UnlockedStore): VaultModel {
  const status = signal<VaultStatus | undefined>(undefined);
  const busy = signal<VaultBusy>('none');
  const error = signal<VaultError | undefined>(undefined);
  // A vault action of this page (unlock, lock…) owns the status until it finishes.
  let vaultAction = false;

  /**
   * Every status change goes through here: leaving the unlocked state empties every domain;
   * entering it shows what was read for it. The views read their parts (unlocked.tsx).
   */
  function setStatus(next: VaultStatus): void {
    status.value = next;
    if (next.state === 'unlocked') store().open();
    else store().clear();
  }

  async function syncStatus(): Promise<void> {
    // An action of this page owns the status while it runs; a reading taken before it finished
    // must not undo what it set.
    if (busy.value !== 'none') return;
    const before = status.value;
    const next = await client.call('vault.status', {}).catch(() => undefined);
    if (!next || status.value !== before || busy.value !== 'none') return;
    if (next.state === before?.state) return;
    setStatus(next);
  }

  async function recheck(): Promise<void> {
    const next = await client.call('vault.status', {}).catch(() => undefined);
    if (next) setStatus(next);
  }

  async function run(kind: VaultBusy, work: () => Promise<VaultStatus>): Promise<void> {
    busy.value = kind;
    error.value = undefined;
    vaultAction = true;
    try {
      setStatus(await work());
    } catch (caught) {
      error.value = asVaultError(caught);
      // A failed unlock may have started throttling: show the countdown at once.
      await recheck();
    } finally {
      busy.value = 'none';
      vaultAction = false;
    }
    // A push that came meanwhile says otherwise: a lock made elsewhere in between, or a reading
    // the worker took before this action. One reading, newer than both, settles it.
    const pushed = store().pushed();
    if (pushed && pushed.vault.state !== status.value?.state) await syncStatus();
  }

  return {
    status,
    isLocked: computed(() => status.value?.state !== 'unlocked'),
    busy,
    error,
    refresh: () => run('loading', () => client.call('vault.status', {})),
    create: (password) => run('creating', () => client.call('vault.create', { password })),
    unlock: (password) => run('unlocking', () => client.call('vault.unlock', { password })),
    unlockWithPasskey: () =>
      run('unlocking', async () => {
        // The ceremony's code is fetched only by a vault that has a passkey.
        const { askPasskey } = await import('../passkey');
        return client.call('vault.unlockWithPasskey', await askPasskey(client));
      }),
    lock: () => run('locking', () => client.call('vault.lock', {})),
    dismissError: () => {
      error.value = undefined;
    },
    changePassword: async (oldPassword, newPassword) => {
      const outcome = await attempt(() => client.call('vault.changePassword', { oldPassword, newPassword }));
      if (!outcome.ok) await recheck();
      return outcome.ok ? { ok: true, value: undefined } : outcome;
    },
    rekey: async (password, kdf) => {
      busy.value = 'rekeying';
      try {
        const outcome = await attempt(() =>
          client.call('vault.changePassword', { oldPassword: password, newPassword: password, kdf }),
        );
        await recheck();
        return outcome.ok ? { ok: true, value: undefined } : outcome;
      } finally {
        busy.value = 'none';
      }
    },
    syncStatus,
    recheck,
    adoptPush: async (push) => {
      const next = push.vault;
      if (vaultAction) return;
      setStatus(next);
    },
    acting: () => vaultAction,
  };
}
