// The vault's credentials: label, whose they are, which apps may use them, and when the JWT
// expires — with a warning when that is within 14 days or past. Filter as you type; edit one in
// place; add one by hand or from a `.env` file.
import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { AppView, CredentialView } from '../../shared/messages';
import { usePopupState } from '../context';
import { AddToggle } from './add-toggle';
import { CredentialForm } from './credential-form';
import { EnvImport } from './env-import';

// One formatter for every row: toLocaleDateString builds a new one per call, which was most of
// the time spent re-rendering a long list on each keystroke of the filter.
const DAY = new Intl.DateTimeFormat([], { year: 'numeric', month: 'short', day: 'numeric' });

function day(epochSeconds: number): string {
  return DAY.format(epochSeconds * 1000);
}

/** What the expiry line says, and whether it is a warning. */
export function expiryText(credential: CredentialView): { text: string; warn: boolean } {
  const { exp, expired, expiresSoon } = credential.jwtInfo;
  if (exp === undefined) return { text: 'JWT without expiry', warn: false };
  if (expired) return { text: `JWT expired on ${day(exp)}`, warn: true };
  if (expiresSoon) return { text: `JWT expires soon: ${day(exp)}`, warn: true };
  return { text: `JWT expires ${day(exp)}`, warn: false };
}

/** Which apps may use it, with the app's name where the client ID is registered here. */
export function allowedText(credential: CredentialView, apps: AppView[]): string {
  if (credential.allowed.kind === 'organization') return 'All apps of my organization';
  const names = new Map(apps.map((app) => [app.clientId, app.name]));
  return `Only: ${credential.allowed.clientIds.map((id) => names.get(id) ?? id).join(', ')}`;
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
  const list = useRef<HTMLUListElement>(null);
  const lastEdited = useRef<string | undefined>(undefined);

  // Focus follows the editor: into its first field when it opens, back to its Edit button
  // (or the filter, when the credential is gone) when it closes.
  useEffect(() => {
    if (editing.value !== undefined) {
      list.current?.querySelector<HTMLElement>('form input')?.focus();
    } else if (lastEdited.current !== undefined) {
      const button = list.current?.querySelector<HTMLElement>(`[data-edit="${lastEdited.current}"]`);
      (button ?? document.querySelector<HTMLElement>('input[type="search"]'))?.focus();
    }
    lastEdited.current = editing.value;
  }, [editing.value]);

  return (
    <section aria-labelledby="credentials-title">
      <h2 id="credentials-title">Credentials</h2>
      {credentials.value.length === 0 ? (
        <p>
          No credentials yet. Create a JWT credential in the RingCentral Developer Console (Credentials →
          Create JWT), then add it here with the app that may use it.
        </p>
      ) : (
        <>
          <label>
            Filter credentials
            <input
              type="search"
              value={query.value}
              onInput={(e) => {
                query.value = e.currentTarget.value;
              }}
            />
          </label>
          <ul class="credentials" ref={list}>
            {shown.value.map((credential) => {
              const expiry = expiryText(credential);
              if (editing.value === credential.id) {
                return (
                  <li key={credential.id}>
                    <CredentialForm
                      credential={credential}
                      onDone={() => {
                        editing.value = undefined;
                      }}
                    />
                  </li>
                );
              }
              return (
                <li key={credential.id}>
                  <button
                    type="button"
                    class="secondary edit"
                    data-edit={credential.id}
                    aria-label={`Edit ${credential.label}`}
                    onClick={() => {
                      editing.value = credential.id;
                    }}
                  >
                    Edit
                  </button>
                  <strong>{credential.label}</strong>
                  {credential.jwtInfo.sub && <small> · user {credential.jwtInfo.sub}</small>}
                  <br />
                  <small>{allowedText(credential, apps.value)}</small>
                  <br />
                  <small class={expiry.warn ? 'warning' : undefined}>{expiry.text}</small>
                </li>
              );
            })}
          </ul>
          {shown.value.length === 0 && <p>No credential matches “{query.value}”.</p>}
        </>
      )}
      <AddToggle label="Add credential" form={CredentialForm} />
      <EnvImport />
    </section>
  );
}
