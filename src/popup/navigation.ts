// Which view of the unlocked popup is showing, and which item in it, kept in the URL fragment
// ("#/apps", "#/credentials/<id>", "#/settings/backup") so that "Open in tab", a reload and the
// browser's back button land on the same place. Pure but for the `Location`-like object and the
// hashchange events it is given.
import { computed, type ReadonlySignal, signal } from '@preact/signals';

export type ViewId = 'home' | 'activity' | 'credentials' | 'apps' | 'settings';

/** The views in the order the navigation bar shows them, with the names it gives them. */
export const VIEWS: readonly { id: ViewId; label: string }[] = [
  { id: 'home', label: 'Home' },
  { id: 'activity', label: 'Activity' },
  { id: 'credentials', label: 'Credentials' },
  { id: 'apps', label: 'Apps' },
  { id: 'settings', label: 'Settings' },
];

/**
 * A place in the popup: a view, and optionally one item of it — a record's id, `new` for an
 * add form, or a named page such as a Settings section. The view itself is the item's parent.
 */
export interface Route {
  view: ViewId;
  item?: string;
}

/** The Home item that names the page adding a connection rather than a connection (ids are never this word). */
export const NEW_CONNECTION = 'new';

const PREFIX = '#/';
/** Ids and page names: letters, digits, `-` and `_` (what `newId()` and page names use). */
const ITEM = /^[A-Za-z0-9_-]{1,64}$/;

/** The route a fragment names; anything else (none, unknown, a typo) is the home view. */
export function routeFromHash(hash: string): Route {
  const [id, item, ...rest] = (hash.startsWith(PREFIX) ? hash.slice(PREFIX.length) : '').split('/');
  const view = VIEWS.find((v) => v.id === id)?.id;
  if (!view) return { view: 'home' };
  if (item === undefined || item === '' || rest.length > 0 || !ITEM.test(item)) return { view };
  return { view, item };
}

/** The view a fragment names (its item aside). */
export function viewFromHash(hash: string): ViewId {
  return routeFromHash(hash).view;
}

export function hashFor(view: ViewId, item?: string): string {
  return item === undefined ? `${PREFIX}${view}` : `${PREFIX}${view}/${item}`;
}

export interface Navigation {
  route: ReadonlySignal<Route>;
  /** The route's view: the navigation bar's current entry. */
  view: ReadonlySignal<ViewId>;
  /** Shows `view` (and `item` in it) and records it in the URL (a history entry, so Back returns). */
  go(view: ViewId, item?: string): void;
  /** From an item to its view's list; nothing on a view itself. */
  up(): void;
  dispose(): void;
}

export interface NavigationWindow {
  location: { hash: string };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

export function createNavigation(win: NavigationWindow): Navigation {
  const route = signal<Route>(routeFromHash(win.location.hash));
  const follow = () => {
    const next = routeFromHash(win.location.hash);
    if (next.view !== route.value.view || next.item !== route.value.item) route.value = next;
  };
  win.addEventListener('hashchange', follow);
  const go = (view: ViewId, item?: string) => {
    const hash = hashFor(view, item);
    if (win.location.hash !== hash) win.location.hash = hash;
    if (view !== route.value.view || item !== route.value.item)
      route.value = item === undefined ? { view } : { view, item };
  };
  return {
    route,
    view: computed(() => route.value.view),
    go,
    up() {
      if (route.value.item !== undefined) go(route.value.view);
    },
    dispose: () => win.removeEventListener('hashchange', follow),
  };
}
