// Settings: auto-lock and confirmations, the master password and key derivation, and what takes
// secrets out of the vault — backup and restore, exports for a trusted app with their log. Each
// of those asks for the master password again.
import { BackupPanel } from '../backup';
import { ExportPanel } from '../export-credential';
import { SettingsPanel } from '../settings';

export function SettingsView() {
  return (
    <>
      <section aria-labelledby="settings-view-title">
        <h2 id="settings-view-title">Settings</h2>
        <SettingsPanel />
      </section>
      <BackupPanel />
      <ExportPanel />
    </>
  );
}
