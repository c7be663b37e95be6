// The keyboard shortcut that locks the vault (manifest `commands`, "lock-vault").
export const LOCK_COMMAND = 'lock-vault';

/** Locks on the lock shortcut; other commands are not ours to handle. Locking twice is harmless. */
export async function onLockCommand(vault: { lock(): Promise<void> }, name: string): Promise<void> {
  if (name === LOCK_COMMAND) await vault.lock();
}
