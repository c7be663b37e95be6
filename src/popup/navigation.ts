// Which view of the unlocked popup is showing, kept in the URL fragment ("#/apps") so that
// "Open in tab", a reload and the browser's back button land on the same view. Pure but for the
// `Location`-like object and the hashchange events it is given.
import { type ReadonlySignal, signal } from '@preact/signals';

export type ViewId = 'home' | 'credentials' | 'apps' | 'settings';

/** The views in the order the navigation bar shows them, with the names it gives them. */
export const VIEWS: readonly { id: ViewId; label: string }[] = [
  { id: 'home', label: 'Home' },
  { id: 'credentials', label: 'Credentials' },
  { id: 'apps', label: 'Apps' },
  { id: 'settings', label: 'Settings' },
];

const PREFIX = '#/';

/** The view a fragment names; anything else (none, unknown, a typo) is the home view. */
export function viewFromHash(hash: string): ViewId {
  const id = hash.startsWith(PREFIX) ? hash.slice(PREFIX.length) : '';
  return VIEWS.find((view) => view.id === id)?.id ?? 'home';
}

export function hashFor(view: ViewId): string {
  return `${PREFIX}${view}`;
}

export interface Navigation {
  view: ReadonlySignal<ViewId>;
  /** Shows `view` and records it in the URL (a history entry, so Back returns). */
  go(view: ViewId): void;
  dispose(): void;
}

export interface NavigationWindow {
  location: { hash: string };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

export function createNavigation(win: NavigationWindow): Navigation {
  const view = signal<ViewId>(viewFromHash(win.location.hash));
  const follow = () => {
    view.value = viewFromHash(win.location.hash);
  };
  win.addEventListener('hashchange', follow);
  return {
    view,
    go(next) {
      if (win.location.hash !== hashFor(next)) win.location.hash = hashFor(next);
      view.value = next;
    },
    dispose: () => win.removeEventListener('hashchange', follow),
  };
}
