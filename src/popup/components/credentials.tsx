// The vault's credentials: label, whose they are, which apps may use them, and when the JWT
// expires — with a warning when that is within 14 days or past. Filter as you type; edit one in
// place; add one by hand or from a `.env` file.
import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { CredentialView } from '../../shared/messages';
import { usePopupState } from '../context';
import { AddToggle } from './add-toggle';
import { CredentialForm } from './credential-form';
import { CREDENTIAL_ROW_HEIGHT, CredentialRow } from './credential-row';
import { EnvImport } from './env-import';
import { VirtualList } from './virtual-list';

export { allowedText, expiryText } from './credential-row';

const COUNT = new Intl.NumberFormat();

/** "12 credentials", or "3 of 12 shown" while a filter hides some. */
export function countText(shown: number, total: number): string {
  if (shown === total) return `${COUNT.format(total)} ${total === 1 ? 'credential' : 'credentials'}`;
  return `${COUNT.format(shown)} of ${COUNT.format(total)} shown`;
}

export function matches(credential: CredentialView, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return [credential.label, credential.jwtInfo.sub ?? '', credential.notes].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

export function Credentials() {
  const { credentials, apps } = usePopupState();
  const query = useSignal('');
  const shown = useComputed(() => credentials.value.filter((c) => matches(c, query.value)));
  const editing = useSignal<string | undefined>(undefined);
  const section = useRef<HTMLElement>(null);
  const lastEdited = useRef<string | undefined>(undefined);
  const edit = (id: string) => {
    editing.value = id;
  };

  // Focus follows the editor: into its first field when it opens, back to its Edit button
  // (or the filter, when the credential is gone) when it closes.
  useEffect(() => {
    const list = section.current?.querySelector('.credential-list');
    if (editing.value !== undefined) {
      list?.querySelector<HTMLElement>('form input')?.focus();
    } else if (lastEdited.current !== undefined) {
      const button = list?.querySelector<HTMLElement>(`[data-edit="${lastEdited.current}"]`);
      (button ?? section.current?.querySelector<HTMLElement>('input[type="search"]'))?.focus();
    }
    lastEdited.current = editing.value;
  }, [editing.value]);

  const total = credentials.value.length;
  return (
    <section aria-labelledby="credentials-title" ref={section}>
      <h2 id="credentials-title">Credentials</h2>
      {total === 0 ? (
        <p>
          No credentials yet. Create a JWT credential in the RingCentral Developer Console (Credentials →
          Create JWT), then add it here with the app that may use it.
        </p>
      ) : (
        <>
          <label>
            Filter credentials
            {/* Not a secret: the browser may keep a filter typed here, as it keeps any search. */}
            <input
              type="search"
              autocomplete="on"
              value={query.value}
              onInput={(e) => {
                query.value = e.currentTarget.value;
              }}
            />
          </label>
          {/* Polite: a screen reader says the new count when it is done speaking, without interrupting. */}
          <p class="list-count" aria-live="polite">
            {countText(shown.value.length, total)}
          </p>
          <VirtualList
            class="credentials credential-list"
            labelledBy="credentials-title"
            items={shown.value}
            itemKey={(credential: CredentialView) => credential.id}
            rowHeight={CREDENTIAL_ROW_HEIGHT}
            openKey={editing.value}
            renderRow={(credential: CredentialView) =>
              editing.value === credential.id ? (
                <CredentialForm
                  credential={credential}
                  onDone={() => {
                    editing.value = undefined;
                  }}
                />
              ) : (
                <CredentialRow credential={credential} apps={apps.value} onEdit={edit} />
              )
            }
          />
          {shown.value.length === 0 && <p>No credential matches “{query.value}”.</p>}
        </>
      )}
      <AddToggle label="Add credential" form={CredentialForm} />
      <EnvImport />
    </section>
  );
}
