// Settings: a list of sections, each its own page (#/settings/<name>) with one form — auto-lock
// and confirmations, the activity log, the master password and key derivation, and what takes
// secrets out of the vault: backup and restore, exports for a trusted app with their log. Each
// of those asks for the master password again. Those three pages are chunks of their own: the
// Settings view's first load carries only the forms people open often.
import type { ComponentType } from 'preact';
import { useNavigation } from '../../navigation-context';
import { ActivityLogSettings } from '../activity-settings';
import { ChevronRight } from '../icons';
import { lazy } from '../lazy';
import { NotFound, Page } from '../page';
import { PasskeysSettings } from '../passkeys-settings';
import { RouteLink } from '../route-link';
import { ChangePasswordForm, KeyDerivationForm, LockSettingsForm } from '../settings';
import { addRarePages } from './load';

type Body = ComponentType<{ titleId: string; onLeave(): void }>;

const BACKUP = lazy<{ titleId: string }>(() => import('../backup').then((m) => m.BackupForm));
const RESTORE = lazy<{ titleId: string }>(() => import('../backup').then((m) => m.RestoreForm));
const EXPORT = lazy<{ onLeave(): void }>(() => import('../export-credential').then((m) => m.ExportSection));
addRarePages(BACKUP, RESTORE, EXPORT);

interface Section {
  item: string;
  title: string;
  about: string;
  Body: Body;
  /** A page loaded apart: its chunk, fetched before its link navigates. */
  load?: () => Promise<void>;
}

/** The sections in the order the list shows them; each title is its link and its page's heading. */
export const SETTINGS_SECTIONS: readonly Section[] = [
  {
    item: 'lock',
    title: 'Auto-lock and confirmations',
    about: 'When the vault locks itself, and how long a confirmation lasts.',
    Body: LockSettingsForm,
  },
  {
    item: 'activity',
    title: 'Activity log',
    about: 'Whether your tools’ requests are logged, and for how long.',
    Body: ActivityLogSettings,
  },
  {
    item: 'password',
    title: 'Change the master password',
    about: 'A new master password; the data stays as it is.',
    Body: ChangePasswordForm,
  },
  {
    item: 'passkeys',
    title: 'Passkeys',
    about: 'Unlock with a fingerprint, face or security key instead of the password.',
    Body: PasskeysSettings,
  },
  {
    item: 'kdf',
    title: 'Key derivation',
    about: 'How the master password is stretched into the key.',
    Body: KeyDerivationForm,
  },
  {
    item: 'backup',
    title: 'Back up the vault',
    about: 'Everything, secrets included, in one encrypted file.',
    Body: ({ titleId }) => <BACKUP.Component titleId={titleId} />,
    load: BACKUP.load,
  },
  {
    item: 'restore',
    title: 'Restore from a backup',
    about: 'Into this vault, after a preview of what changes.',
    Body: ({ titleId }) => <RESTORE.Component titleId={titleId} />,
    load: RESTORE.load,
  },
  {
    item: 'export',
    title: 'Export for a trusted app',
    about: 'One credential, encrypted for an app it allows; the log of past exports.',
    Body: ({ onLeave }) => <EXPORT.Component onLeave={onLeave} />,
    load: EXPORT.load,
  },
];

function SettingsList() {
  return (
    <section aria-labelledby="settings-view-title">
      <h2 id="settings-view-title">Settings</h2>
      <ul class="credentials section-links" aria-labelledby="settings-view-title">
        {SETTINGS_SECTIONS.map(({ item, title, about, load }) => (
          <li key={item} class="link-card">
            <ChevronRight class="row-chevron" />
            <RouteLink view="settings" item={item} class="row-link" before={load}>
              <strong>{title}</strong>
            </RouteLink>
            <br />
            <small>{about}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SettingsView() {
  const navigation = useNavigation();
  const { item } = navigation.route.value;
  if (item === undefined) return <SettingsList />;
  const section = SETTINGS_SECTIONS.find((s) => s.item === item);
  if (!section) return <NotFound view="settings" what="Settings page" />;
  const titleId = `settings-${section.item}-title`;
  return (
    <Page view="settings" titleId={titleId} title={section.title}>
      <section.Body titleId={titleId} onLeave={() => navigation.up()} />
    </Page>
  );
}
