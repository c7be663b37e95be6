// The registered apps (OAuth clients): add, edit, delete, and the client secret masked, shown
// or copied only on demand. The secret is fetched from the worker for that one action and kept
// only while it is shown: Hide, locking or closing the popup drops it.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AppView } from '../../shared/messages';
import { popupClipboard } from '../clipboard';
import { usePopupState } from '../context';
import { useAction } from '../hooks/use-action';
import { AddToggle } from './add-toggle';
import { AppForm } from './app-form';
import { ConfirmPassword, useConfirmedAction } from './confirm-password';
import { FormError } from './error-message';
import { EditableList } from './fields/editable-list';
import { ItemButton } from './fields/item-button';

const MASK = '••••••••';

function SecretLine({ app }: { app: AppView }) {
  const { domains } = usePopupState();
  const fetching = useConfirmedAction();
  const revealed = useSignal<string | undefined>(undefined);
  const note = useSignal<{ text: string; failed: boolean } | undefined>(undefined);

  // Unmounting (lock, edit, delete) drops the revealed value with the component.
  useEffect(
    () => () => {
      revealed.value = undefined;
    },
    [],
  );

  if (!app.hasSecret) return null;

  /** The secret, after the master password when no recent confirmation covers showing it. */
  const fetchSecret = async (): Promise<string | undefined> => {
    const outcome = await fetching.run((password) => domains.apps.secret(app.id, password));
    return outcome.ok ? outcome.value : undefined;
  };

  const reveal = async () => {
    if (revealed.value !== undefined) {
      revealed.value = undefined;
      return;
    }
    revealed.value = await fetchSecret();
  };

  const copy = async () => {
    note.value = undefined;
    const secret = await fetchSecret();
    if (secret === undefined) return;
    try {
      await popupClipboard().copy(secret);
      note.value = { text: 'Copied. The clipboard is cleared in 30 s if it still holds it.', failed: false };
    } catch {
      note.value = {
        text: 'The browser refused to copy. Reveal the secret and copy it by hand.',
        failed: true,
      };
    }
  };

  return (
    <div class="secret-line">
      <small>
        Secret: <code class="secret">{revealed.value ?? MASK}</code>
      </small>{' '}
      <button
        type="button"
        class="secondary small"
        aria-pressed={revealed.value !== undefined}
        aria-label={`${revealed.value === undefined ? 'Reveal' : 'Hide'} client secret of ${app.name}`}
        onClick={() => void reveal()}
      >
        {revealed.value === undefined ? 'Reveal' : 'Hide'}
      </button>{' '}
      <button
        type="button"
        class="secondary small"
        aria-label={`Copy client secret of ${app.name}`}
        onClick={() => void copy()}
      >
        Copy
      </button>
      <FormError error={fetching.error.value} />
      {note.value && (
        <p class={note.value.failed ? 'error' : 'note'} role={note.value.failed ? 'alert' : 'status'}>
          {note.value.text}
        </p>
      )}
      <ConfirmPassword confirmation={fetching.confirmation} />
    </div>
  );
}

function AppItem({ app, onEdit }: { app: AppView; onEdit(): void }) {
  const { domains } = usePopupState();
  const remove = useAction(domains.apps.remove);
  const confirming = useSignal(false);
  return (
    <li>
      <strong>{app.name}</strong> <code>{app.clientId}</code>
      <br />
      <small>
        {app.serverUrl} · {app.hasSecret ? 'client secret stored' : 'no client secret'}
      </small>
      <SecretLine app={app} />
      {confirming.value ? (
        <div class="actions">
          <span>Delete {app.name}? Connections must not use it.</span>
          <button
            type="button"
            class="danger"
            disabled={remove.pending.value}
            onClick={async () => {
              await remove.run(app.id);
              confirming.value = false;
            }}
          >
            Yes, delete {app.name}
          </button>
          <button type="button" class="secondary" onClick={() => (confirming.value = false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div class="actions">
          <ItemButton text="Edit" item={app.name} class="secondary small" onClick={onEdit} />
          <ItemButton
            text="Delete"
            item={app.name}
            class="danger small"
            onClick={() => (confirming.value = true)}
          />
        </div>
      )}
      <FormError error={remove.error.value} />
    </li>
  );
}

export function Apps() {
  const { apps } = usePopupState();
  return (
    <section aria-labelledby="apps-title">
      <h2 id="apps-title">Apps</h2>
      {apps.value.length === 0 && <p>No apps yet. Add the app (client ID) your credentials are used with.</p>}
      {apps.value.length > 0 && (
        <EditableList
          class="credentials apps"
          items={apps.value}
          itemKey={(app) => app.id}
          row={(app, edit) => <AppItem app={app} onEdit={edit} />}
          editor={(app, done) => <AppForm app={app} onDone={done} />}
        />
      )}
      <AddToggle label="Add app" form={AppForm} />
    </section>
  );
}
