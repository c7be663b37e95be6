// Home's two pages, each a chunk of its own: a connection's page with its edit form and token
// inspector, and the page that adds one. Home's first paint needs neither, and every file fewer
// on that path shows the cards sooner (see BENCHMARKS.md). Fetched while idle, and by the links
// to them before they navigate, so the page is there when the address changes.
import { lazy } from './lazy';
import { addRarePages } from './views/load';

export const CONNECTION_PAGE = lazy(() => import('./connection-page').then((m) => m.ConnectionPage));
export const NEW_CONNECTION_PAGE = lazy(() =>
  import('./new-connection-page').then((m) => m.NewConnectionPage),
);
addRarePages(CONNECTION_PAGE, NEW_CONNECTION_PAGE);
