// The unlocked vault: the bar between its views and the view showing. Each view moves the focus
// to its heading when it is opened, so a screen reader and the keyboard start where it starts.
import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { popupClipboard } from '../clipboard';
import { hashFor, VIEWS, type ViewId } from '../navigation';
import { useNavigation } from '../navigation-context';
import { Apps } from './apps';
import { BackupPanel } from './backup';
import { Connections } from './connections';
import { Credentials } from './credentials';
import { ExportPanel } from './export-credential';
import { FirstSteps } from './first-steps';
import { Gear, Grid, Home, type IconProps, Key } from './icons';
import { SettingsPanel } from './settings';

const ICONS: Record<ViewId, ComponentType<IconProps>> = {
  home: Home,
  credentials: Key,
  apps: Grid,
  settings: Gear,
};

export function ViewNav() {
  const navigation = useNavigation();
  const current = navigation.view.value;
  return (
    <nav class="view-nav" aria-label="Views">
      {VIEWS.map(({ id, label }) => {
        const Icon = ICONS[id];
        return (
          <a
            key={id}
            href={hashFor(id)}
            aria-current={id === current ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigation.go(id);
            }}
          >
            <Icon />
            {label}
          </a>
        );
      })}
    </nav>
  );
}

function HomeView() {
  return (
    <>
      <FirstSteps />
      <Connections />
    </>
  );
}

function CredentialsView() {
  return (
    <>
      <Credentials />
      <ExportPanel />
    </>
  );
}

function SettingsView() {
  return (
    <>
      <section aria-labelledby="settings-view-title">
        <h2 id="settings-view-title">Settings</h2>
        <SettingsPanel />
      </section>
      <BackupPanel />
    </>
  );
}

const VIEW_CONTENT: Record<ViewId, ComponentType> = {
  home: HomeView,
  credentials: CredentialsView,
  apps: Apps,
  settings: SettingsView,
};

export function Unlocked() {
  const navigation = useNavigation();
  const view = navigation.view.value;
  const container = useRef<HTMLDivElement>(null);
  const shown = useRef<ViewId | undefined>(undefined);

  // The vault may lock without this page (shortcut, auto-lock, the system locking): the worker
  // pushes it (status-feed.ts) and this view goes at once, with whatever was revealed in it.
  useEffect(
    () => () => {
      // Locked (or the page goes): a copied secret leaves the clipboard too.
      void popupClipboard().clearNow();
    },
    [],
  );

  // A view opened from the bar takes the focus to its heading; the first view shown after an
  // unlock leaves it where the unlock put it.
  useEffect(() => {
    if (shown.current !== undefined && shown.current !== view) {
      const heading = container.current?.querySelector<HTMLElement>('h2');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    shown.current = view;
  }, [view]);

  const Content = VIEW_CONTENT[view];
  return (
    <div class="view" ref={container} data-view={view}>
      <Content />
    </div>
  );
}
