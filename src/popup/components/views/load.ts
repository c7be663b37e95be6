// Each view's code is its own chunk: the popup downloads and parses only the view it opens on,
// then the others while it is idle, so a switch never waits for the network (here: the disk).
// The same for the vault's data: each view names the parts it shows, read with its chunk.
import type { ComponentType } from 'preact';
import type { ViewId } from '../../navigation';
import { PARTS, type Part } from '../../state';
import { lazy } from '../lazy';

const LOADERS: Record<ViewId, () => Promise<ComponentType>> = {
  home: () => import('./home-view').then((m) => m.HomeView),
  credentials: () => import('./credentials-view').then((m) => m.CredentialsView),
  apps: () => import('./apps-view').then((m) => m.AppsView),
  settings: () => import('./settings-view').then((m) => m.SettingsView),
};

/** What each view shows of the vault: the home view needs only the connections' overview. */
export const VIEW_PARTS: Record<ViewId, readonly Part[]> = {
  home: ['connections'],
  // A credential's page names the connections that use it.
  credentials: ['credentials', 'apps', 'connections'],
  // An app's page counts the connections through it.
  apps: ['apps', 'connections'],
  // The export form lists the credentials and the apps they may be exported to.
  settings: ['settings', 'exportLog', 'credentials', 'apps'],
};

/**
 * Pages a view opens rarely, each a chunk of its own: the Credentials view's first load stays
 * within its budget without the `.env` import and its parser. Fetched while idle too.
 */
export const ENV_IMPORT_PAGE = lazy(() => import('../env-import').then((m) => m.EnvImportPage));
/** The Google service account form, with the key file's reader and jose's signing (for its preview). */
export const GOOGLE_ACCOUNT_FORM = lazy(() =>
  import('../google-account-form').then((m) => m.GoogleAccountForm),
);
/** The Salesforce and client-assertion forms, with the key reader (and jose) they share. */
export const SALESFORCE_FORM = lazy(() => import('../salesforce-form').then((m) => m.SalesforceForm));
export const CLIENT_ASSERTION_FORM = lazy(() =>
  import('../client-assertion-form').then((m) => m.ClientAssertionForm),
);
/** The form of a client with a secret (Zoom's server-to-server apps). */
export const CLIENT_SECRET_FORM = lazy(() => import('../client-secret-form').then((m) => m.ClientSecretForm));
/** The form of a DocuSign integration's JWT grant. */
export const DOCUSIGN_FORM = lazy(() => import('../docusign-form').then((m) => m.DocusignForm));
/** The form of a Box app, from its config.json. */
export const BOX_FORM = lazy(() => import('../box-form').then((m) => m.BoxForm));
const RARE_PAGES = [
  ENV_IMPORT_PAGE,
  GOOGLE_ACCOUNT_FORM,
  SALESFORCE_FORM,
  CLIENT_ASSERTION_FORM,
  CLIENT_SECRET_FORM,
  BOX_FORM,
  DOCUSIGN_FORM,
];

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
  const next = () => {
    const view = rest.shift();
    if (view) idle(() => void loadView(view).then(next, next));
    else
      idle(() => {
        void need(PARTS).catch(() => {});
        for (const page of RARE_PAGES) void page.load().catch(() => {});
      });
  };
  next();
}
