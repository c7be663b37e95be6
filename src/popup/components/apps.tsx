// The Apps view: the registered OAuth clients (client IDs) as a list whose rows link to each
// app's page, and the pages the route's item names: an app (edit, its secret, delete) and
// "Add app" (new).
import type { AppView } from '../../shared/messages';
import { usePopupState } from '../context';
import { useNavigation } from '../navigation-context';
import { AppForm } from './app-form';
import { AppPage } from './app-page';
import { ChevronRight } from './icons';
import { NotFound, Page } from './page';
import { RouteLink } from './route-link';

function AppRow({ app }: { app: AppView }) {
  return (
    <li class="link-card">
      <ChevronRight class="row-chevron" />
      <RouteLink view="apps" item={app.id} class="row-link">
        <strong>{app.name}</strong>
      </RouteLink>{' '}
      <code>{app.clientId}</code>
      <br />
      <small>
        {app.serverUrl} · {app.hasSecret ? 'client secret stored' : 'no client secret'}
      </small>
    </li>
  );
}

function AppList() {
  const { apps } = usePopupState();
  return (
    <section aria-labelledby="apps-title">
      <h2 id="apps-title">Apps</h2>
      <div class="actions view-actions">
        <RouteLink view="apps" item="new" class="button">
          Add app
        </RouteLink>
      </div>
      {apps.value.length === 0 ? (
        <p>No apps yet. Add the app (client ID) your credentials are used with.</p>
      ) : (
        <ul class="credentials apps" aria-labelledby="apps-title">
          {apps.value.map((app) => (
            <AppRow key={app.id} app={app} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function Apps() {
  const { apps, unlocked } = usePopupState();
  const navigation = useNavigation();
  const { item } = navigation.route.value;
  if (item === undefined) return <AppList />;
  if (item === 'new') {
    return (
      <Page view="apps" titleId="add-app-title" title="Add an app">
        <AppForm titleId="add-app-title" onDone={() => navigation.up()} />
      </Page>
    );
  }
  // Opened at an app's address before the vault's lists are in: not "not found" yet.
  if (unlocked.value === undefined) return null;
  const app = apps.value.find((a) => a.id === item);
  // Keyed: another app's page starts its form afresh.
  return app ? <AppPage key={app.id} app={app} /> : <NotFound view="apps" what="App" />;
}
