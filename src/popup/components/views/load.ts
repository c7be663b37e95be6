// Each view's code is its own chunk: the popup downloads and parses only the view it opens on,
// then the others while it is idle, so a switch never waits for the network (here: the disk).
// The same for the vault's data: each view names the parts it shows, read with its chunk.
import type { ComponentType } from 'preact';
import type { ViewId } from '../../navigation';
import { PARTS, type Part } from '../../state';
import { type Lazy, lazy } from '../lazy';

const LOADERS: Record<ViewId, () => Promise<ComponentType>> = {
  home: () => import('./home-view').then((m) => m.HomeView),
  activity: () => import('./activity-view').then((m) => m.ActivityView),
  credentials: () => import('./credentials-view').then((m) => m.CredentialsView),
  apps: () => import('./apps-view').then((m) => m.AppsView),
  settings: () => import('./settings-view').then((m) => m.SettingsView),
};

/** What each view shows of the vault: the home view needs only the connections' overview. */
export const VIEW_PARTS: Record<ViewId, readonly Part[]> = {
  home: ['connections'],
  // Each entry names its connection; the exports are listed among the requests.
  activity: ['activity', 'connections', 'exportLog', 'settings'],
  // A credential's page names the connections that use it.
  credentials: ['credentials', 'apps', 'connections'],
  // An app's page counts the connections through it.
  apps: ['apps', 'connections'],
  // The export form lists the credentials and the apps they may be exported to.
  settings: ['settings', 'exportLog', 'credentials', 'apps', 'passkeys'],
};

/**
 * Pages a view opens rarely, each a chunk of its own: the Credentials view's first load stays
 * within its budget without the `.env` import and its parser. Fetched while idle too.
 */
export const ENV_IMPORT_PAGE = lazy(() => import('../env-import').then((m) => m.EnvImportPage));
/**
 * Pages fetched while idle once the views are in. A view's chunk adds its own as it loads (the
 * credential kinds' forms), so that the entry does not carry their loaders.
 */
const RARE_PAGES: Pick<Lazy<object>, 'load'>[] = [ENV_IMPORT_PAGE];

export function addRarePages(...pages: Pick<Lazy<object>, 'load'>[]): void {
  RARE_PAGES.push(...pages);
}

/** Every rare page registered so far, fetched now; later calls share the fetches. */
export async function loadRarePages(): Promise<void> {
  await Promise.all(RARE_PAGES.map((page) => page.load()));
}

/**
 * The parts read while idle: all but the activity log, up to 2,000 entries that every popup open
 * would otherwise carry across from the worker whether or not Activity is looked at. Its view
 * reads it when it opens, and follows the worker's pushes from then on.
 */
const IDLE_PARTS = PARTS.filter((part) => part !== 'activity');

const loading = new Map<ViewId, Promise<ComponentType>>();
const loaded = new Map<ViewId, ComponentType>();

/** The view's component if its chunk is in, else undefined. */
export function loadedView(view: ViewId): ComponentType | undefined {
  return loaded.get(view);
}

/** Loads the view's chunk once; later calls share the first. */
export function loadView(view: ViewId): Promise<ComponentType> {
  let pending = loading.get(view);
  if (!pending) {
    pending = LOADERS[view]().then((component) => {
      loaded.set(view, component);
      return component;
    });
    loading.set(view, pending);
  }
  return pending;
}

/**
 * The views not yet loaded, fetched one by one when the page has nothing else to do, then the
 * parts of the vault not yet read (through `need`), so that a switch waits for neither.
 */
export function prefetchViews(need: (parts: readonly Part[]) => Promise<void>): void {
  const idle = (work: () => void) =>
    'requestIdleCallback' in globalThis ? requestIdleCallback(work) : setTimeout(work, 0);
  const rest = (Object.keys(LOADERS) as ViewId[]).filter((view) => !loading.has(view));
  // One chunk per idle moment: several arriving together would run in one frame, and a view
  // switched to meanwhile would wait for them.
  const pages = [...RARE_PAGES];
  const nextPage = () => {
    const page = pages.shift();
    if (page) idle(() => void page.load().then(nextPage, nextPage));
  };
  const next = () => {
    const view = rest.shift();
    if (view) idle(() => void loadView(view).then(next, next));
    else
      idle(() => {
        void need(IDLE_PARTS).catch(() => {});
        nextPage();
      });
  };
  next();
}
