// The app form, for adding an app and for editing one. Editing never shows the stored client
// secret: an empty field keeps it, "Remove the stored client secret" deletes it.
import { useSignal } from '@preact/signals';
import { DEFAULT_SERVER_URL } from '../../core/vault/model';
import type { AppInput, AppView } from '../../shared/messages';
import { usePopupState } from '../context';
import { ConfirmPassword, useConfirmation } from './confirm-password';
import { ServerUrlField } from './server-url-field';

/**
 * What the form sends for the secret (AppInput: undefined keeps, null removes, a string sets).
 * An empty field keeps the stored secret of an edited app, and stores none for a new one.
 */
export function secretInput(typed: string, remove: boolean): AppInput['clientSecret'] {
  if (remove) return null;
  return typed || undefined;
}

export function AppForm({ app, onDone }: { app?: AppView; onDone(): void }) {
  const { saveApp, busy, error } = usePopupState();
  const confirmation = useConfirmation();
  const name = useSignal(app?.name ?? '');
  const clientId = useSignal(app?.clientId ?? '');
  const clientSecret = useSignal('');
  const removeSecret = useSignal(false);
  const serverUrl = useSignal(app?.serverUrl ?? DEFAULT_SERVER_URL);
  const editing = app !== undefined;
  const titleId = editing ? `edit-app-${app.id}` : 'add-app-title';

  const submit = async (event: Event) => {
    event.preventDefault();
    const secret = secretInput(clientSecret.value, removeSecret.value);
    const input: AppInput = {
      ...(editing ? { id: app.id } : {}),
      name: name.value,
      clientId: clientId.value.trim(),
      ...(secret === undefined ? {} : { clientSecret: secret }),
      serverUrl: serverUrl.value.trim(),
    };
    clientSecret.value = '';
    // A new server for a stored secret: the worker asks for the master password first.
    const saved = await confirmation.run(async (password) =>
      (await saveApp(input, password)) ? undefined : error.value,
    );
    if (saved.ok) onDone();
  };

  let secretLabel = 'Client secret (leave empty if the app has none)';
  if (app?.hasSecret) secretLabel = 'New client secret (leave empty to keep the stored one)';

  return (
    <>
      <form class="panel" onSubmit={submit} aria-labelledby={titleId}>
        <h3 id={titleId}>{editing ? `Edit ${app.name}` : 'Add an app'}</h3>
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
          {secretLabel}
          <input
            type="password"
            autocomplete="off"
            disabled={removeSecret.value}
            value={clientSecret.value}
            onInput={(e) => (clientSecret.value = e.currentTarget.value)}
          />
        </label>
        {app?.hasSecret && (
          <label class="check">
            <input
              type="checkbox"
              checked={removeSecret.value}
              onChange={(e) => {
                removeSecret.value = e.currentTarget.checked;
                if (removeSecret.value) clientSecret.value = '';
              }}
            />
            Remove the stored client secret
          </label>
        )}
        <ServerUrlField value={serverUrl} />
        <div class="actions">
          <button type="submit" disabled={busy.value === 'saving'}>
            {editing ? 'Save changes' : 'Save app'}
          </button>
          {editing && (
            <button type="button" class="secondary" onClick={onDone}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <ConfirmPassword confirmation={confirmation} />
    </>
  );
}
