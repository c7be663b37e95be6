// The app form, for adding an app and for editing one. Editing never shows the stored client
// secret: an empty field keeps it, "Remove the stored client secret" deletes it.
import { type Signal, useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { DEFAULT_SERVER_URL } from '../../core/vault/model';
import type { AppInput, AppView } from '../../shared/messages';
import { usePopupState } from '../context';
import { ConfirmPassword, useConfirmedAction } from './confirm-password';
import { FormError } from './error-message';
import { CheckField } from './fields/check-field';
import { FormActions } from './fields/form-actions';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';
import { ServerUrlField } from './server-url-field';

/**
 * What the form sends for the secret (AppInput: undefined keeps, null removes, a string sets).
 * An empty field keeps the stored secret of an edited app, and stores none for a new one.
 */
export function secretInput(typed: string, remove: boolean): AppInput['clientSecret'] {
  if (remove) return null;
  return typed || undefined;
}

/** The signals behind an app's fields, owned by the form that shows them. */
export interface AppDraft {
  name: Signal<string>;
  clientId: Signal<string>;
  clientSecret: Signal<string>;
  serverUrl: Signal<string>;
}

export function useAppDraft(app?: Pick<AppView, 'name' | 'clientId' | 'serverUrl'>): AppDraft {
  return {
    name: useSignal(app?.name ?? ''),
    clientId: useSignal(app?.clientId ?? ''),
    // Never the stored one: an edit shows an empty field, which keeps it.
    clientSecret: useSignal(''),
    serverUrl: useSignal(app?.serverUrl ?? DEFAULT_SERVER_URL),
  };
}

/** An app's fields, for the app form and the .env import; `children` go before the server URL. */
export function AppFields({
  draft,
  secretLabel,
  secretDisabled,
  onClientId,
  children,
}: {
  draft: AppDraft;
  secretLabel: string;
  secretDisabled?: boolean;
  /** Instead of setting the client ID: for a form that follows its changes. */
  onClientId?: (text: string) => void;
  children?: ComponentChildren;
}) {
  return (
    <>
      {/* Not a secret: the browser may offer names typed before. */}
      <TextField label="App name" value={draft.name} autocomplete="on" required />
      <TextField
        label="Client ID"
        value={draft.clientId}
        autocomplete="off"
        required
        {...(onClientId ? { onInput: onClientId } : {})}
      />
      <SecretField label={secretLabel} value={draft.clientSecret} masked="off" disabled={secretDisabled} />
      {children}
      <ServerUrlField value={draft.serverUrl} />
    </>
  );
}

/** `titleId`: the page heading that names the form; without it, the form has a heading of its own. */
export function AppForm({ app, titleId, onDone }: { app?: AppView; titleId?: string; onDone(): void }) {
  const { domains } = usePopupState();
  const save = useConfirmedAction();
  const draft = useAppDraft(app);
  const { name, clientId, clientSecret, serverUrl } = draft;
  const removeSecret = useSignal(false);
  const editing = app !== undefined;
  const ownTitle = editing ? `edit-app-${app.id}` : 'add-app-form-title';

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
    const saved = await save.run((proof) => domains.apps.save(input, proof));
    if (saved.ok) onDone();
  };

  let secretLabel = 'Client secret (leave empty if the app has none)';
  if (app?.hasSecret) secretLabel = 'New client secret (leave empty to keep the stored one)';

  return (
    <>
      <form class="panel" onSubmit={submit} aria-labelledby={titleId ?? ownTitle}>
        {titleId === undefined && <h3 id={ownTitle}>{editing ? `Edit ${app.name}` : 'Add an app'}</h3>}
        <AppFields draft={draft} secretLabel={secretLabel} secretDisabled={removeSecret.value}>
          {app?.hasSecret && (
            <CheckField
              label="Remove the stored client secret"
              checked={removeSecret.value}
              onChange={(checked) => {
                removeSecret.value = checked;
                if (checked) draft.clientSecret.value = '';
              }}
            />
          )}
        </AppFields>
        <FormError error={save.error.value} />
        <FormActions
          submit={editing ? 'Save changes' : 'Save app'}
          disabled={save.pending.value}
          onCancel={onDone}
        />
      </form>
      <ConfirmPassword confirmation={save.confirmation} />
    </>
  );
}
