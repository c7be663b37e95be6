// The unlocked vault (first part): when it locks itself, and the Lock button.
import { usePopupState } from '../context';
import { Apps } from './apps';
import { Connections } from './connections';
import { Credentials } from './credentials';
import { ExportPanel } from './export-credential';
import { SettingsPanel } from './settings';

function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function Unlocked() {
  const { lock, busy, status } = usePopupState();
  const autoLockAt = status.value?.autoLockAt;
  return (
    <section class="panel" aria-labelledby="unlocked-title">
      <h2 id="unlocked-title">Vault unlocked</h2>
      {autoLockAt !== undefined && <p>Locks itself at {formatTime(autoLockAt)} if unused.</p>}
      <button type="button" onClick={() => void lock()} disabled={busy.value === 'locking'}>
        Lock
      </button>
      <Apps />
      <Credentials />
      <Connections />
      <ExportPanel />
      <SettingsPanel />
    </section>
  );
}
