// One app's page: its client ID, server and client secret (Reveal, Copy), the connections that
// use it, its edit form, and Delete. Saving or deleting returns to the list.
import type { AppView } from '../../shared/messages';
import { usePopupState } from '../context';
import { useNavigation } from '../navigation-context';
import { AppForm } from './app-form';
import { SecretLine } from './app-secret';
import { DeleteItem } from './delete-item';
import { Page, usedByText } from './page';

export function AppPage({ app }: { app: AppView }) {
  const { connections, domains } = usePopupState();
  const navigation = useNavigation();
  const back = () => navigation.up();
  const using = connections.value.filter((c) => c.appId === app.id).length;
  return (
    <Page view="apps" titleId="app-page-title" title={app.name}>
      <dl class="facts" aria-label="About this app">
        <dt>Client ID</dt>
        <dd>
          <code>{app.clientId}</code>
        </dd>
        <dt>Server</dt>
        <dd>{app.serverUrl}</dd>
        <dt>Used by</dt>
        <dd>{usedByText(using)}</dd>
        <dt>Secret</dt>
        <dd>{app.hasSecret ? <SecretLine app={app} /> : 'none stored'}</dd>
      </dl>
      <AppForm app={app} onDone={back} />
      <DeleteItem
        label="Delete app"
        warning={`Delete ${app.name}? Connections must not use it.`}
        remove={() => domains.apps.remove(app.id)}
        onDeleted={back}
      />
    </Page>
  );
}
