// The registered apps (OAuth clients) and a form to add one. The client secret goes to the
// worker and never comes back: the list only says whether an app has one.
import { useSignal } from '@preact/signals';
import { DEFAULT_SERVER_URL, RETIRED_SANDBOX_URL } from '../../core/vault/model';
import { usePopupState } from '../context';
import { AddToggle } from './add-toggle';

function AddAppForm({ onDone }: { onDone(): void }) {
  const { saveApp, busy } = usePopupState();
  const name = useSignal('');
  const clientId = useSignal('');
  const clientSecret = useSignal('');
  const serverUrl = useSignal(DEFAULT_SERVER_URL);
  const retired = serverUrl.value.trim().replace(/\/+$/, '') === RETIRED_SANDBOX_URL;

  const submit = async (event: Event) => {
    event.preventDefault();
    const saved = await saveApp({
      name: name.value,
      clientId: clientId.value.trim(),
      ...(clientSecret.value ? { clientSecret: clientSecret.value } : {}),
      serverUrl: serverUrl.value.trim(),
    });
    if (saved) onDone();
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="add-app-title">
      <h3 id="add-app-title">Add an app</h3>
      <label>
        App name
        <input required value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
      </label>
      <label>
        Client ID
        <input
          required
          autocomplete="off"
          value={clientId.value}
          onInput={(e) => (clientId.value = e.currentTarget.value)}
        />
      </label>
      <label>
        Client secret (leave empty if the app has none)
        <input
          type="password"
          autocomplete="off"
          value={clientSecret.value}
          onInput={(e) => (clientSecret.value = e.currentTarget.value)}
        />
      </label>
      <label>
        Server URL
        <input
          type="url"
          required
          value={serverUrl.value}
          onInput={(e) => (serverUrl.value = e.currentTarget.value)}
        />
      </label>
      {retired && (
        <p class="warning" role="alert">
          RingCentral retired this sandbox server in 2025: token requests to it fail. Use
          https://platform.ringcentral.com.
        </p>
      )}
      <button type="submit" disabled={busy.value === 'saving'}>
        Save app
      </button>
    </form>
  );
}

export function Apps() {
  const { apps } = usePopupState();
  return (
    <section aria-labelledby="apps-title">
      <h2 id="apps-title">Apps</h2>
      {apps.value.length === 0 && <p>No apps yet. Add the app (client ID) your credentials are used with.</p>}
      {apps.value.length > 0 && (
        <ul class="credentials">
          {apps.value.map((app) => (
            <li key={app.id}>
              <strong>{app.name}</strong> <code>{app.clientId}</code>
              <br />
              <small>
                {app.serverUrl} · {app.hasSecret ? 'client secret stored' : 'no client secret'}
              </small>
            </li>
          ))}
        </ul>
      )}
      <AddToggle label="Add app" form={AddAppForm} />
    </section>
  );
}
