// The unlocked vault (first part): when it locks itself, and the Lock button.
import { useEffect } from 'preact/hooks';
import { popupClipboard } from '../clipboard';
import { usePopupState } from '../context';
import { Apps } from './apps';
import { BackupPanel } from './backup';
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

  // The vault may lock without this page (shortcut, auto-lock, the system locking): the worker
  // pushes it (status-feed.ts) and this view goes at once, with whatever was revealed in it.
  useEffect(
    () => () => {
      // Locked (or the page goes): a copied secret leaves the clipboard too.
      void popupClipboard().clearNow();
    },
    [],
  );

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
      <BackupPanel />
    </section>
  );
}
