// "Import from .env": paste a quick start's `.env` (or pick the file), or a JWT alone, and get
// the app and the credential filled in to check before saving. An app whose client ID is
// already registered is reused, not duplicated. The text is read here and never stored; the
// client secret stays masked and, like the JWT, leaves the page once saved.
import { useComputed, useSignal } from '@preact/signals';
import { MAX_ENV_IMPORT_LENGTH, type EnvImport as Parsed, parseEnvImport } from '../../core/env-import';
import { VaultError } from '../../core/errors';
import { DEFAULT_SERVER_URL } from '../../core/vault/model';
import type { AppInput, CredentialInput } from '../../shared/messages';
import { usePopupState } from '../context';
import { useAction } from '../hooks/use-action';
import type { Outcome } from '../state';
import { AppFields, useAppDraft } from './app-form';
import { AllowedAppsEditor, JwtPreview, settleAllowedApps, useAllowedAppsDraft } from './credential-form';
import { FormError } from './error-message';
import { ErrorText } from './fields/field-notes';
import { FormActions } from './fields/form-actions';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';
import { Page } from './page';

/** The parser's result, or its refusal worded for people; nothing while the text is blank. */
export function readImport(text: string, now?: number): { parsed?: Parsed; problem?: string } {
  if (text.trim() === '') return {};
  try {
    return { parsed: parseEnvImport(text, now === undefined ? {} : { now }) };
  } catch (error) {
    return { problem: error instanceof VaultError ? error.message : 'This text could not be read.' };
  }
}

/** What the save button does, from what the import holds and whether its app is known. */
export function importAction(hasApp: boolean, appRegistered: boolean, hasJwt: boolean): string | undefined {
  const newApp = hasApp && !appRegistered;
  if (newApp && hasJwt) return 'Save app and credential';
  if (hasJwt) return 'Save credential';
  if (newApp) return 'Save app';
  return undefined;
}

export function EnvImportForm({ titleId, onDone }: { titleId: string; onDone(): void }) {
  const { apps, domains } = usePopupState();
  const save = useAction();
  const source = useSignal('');
  // A picked file is read, not shown: its secret and JWT stay out of the text box.
  const fileName = useSignal<string | undefined>(undefined);
  const result = useSignal<{ parsed?: Parsed; problem?: string }>({});
  const appDraft = useAppDraft();
  const { name: appName, clientId, clientSecret, serverUrl } = appDraft;
  const label = useSignal('');
  const draft = useAllowedAppsDraft({ kind: 'organization' });
  const registered = useComputed(() => {
    const id = clientId.value.trim();
    return id ? apps.value.find((app) => app.clientId === id) : undefined;
  });

  /** Reads the text and fills the forms again from it: the text is the source of truth. */
  const load = (text: string) => {
    const next = readImport(text);
    result.value = next;
    const { parsed } = next;
    if (!parsed) return;
    clientId.value = parsed.app?.clientId ?? '';
    clientSecret.value = parsed.app?.clientSecret ?? '';
    serverUrl.value = parsed.app?.serverUrl ?? DEFAULT_SERVER_URL;
    appName.value = parsed.app ? 'Imported app' : '';
    const sub = parsed.jwtInfo?.sub;
    label.value = sub ? `User ${sub}` : 'Imported credential';
    // Like the quick start: the credential allows the app it came with, and only that one.
    draft.scope.value = parsed.app ? 'specific' : 'organization';
    draft.clientIds.value = parsed.app ? [parsed.app.clientId] : [];
    draft.pending.value = '';
    draft.problems.value = [];
  };

  const pick = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_ENV_IMPORT_LENGTH) {
      result.value = {
        problem: `The file is larger than ${MAX_ENV_IMPORT_LENGTH} bytes: is it a .env file?`,
      };
      return;
    }
    source.value = '';
    fileName.value = file.name;
    load(await file.text());
  };

  const parsed = result.value.parsed;
  const jwt = parsed?.jwt;
  const hasApp = clientId.value.trim() !== '';
  const action = parsed ? importAction(hasApp, registered.value !== undefined, jwt !== undefined) : undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!parsed || !action) return;
    const app: AppInput | undefined =
      hasApp && !registered.value
        ? {
            name: appName.value.trim(),
            clientId: clientId.value.trim(),
            ...(clientSecret.value ? { clientSecret: clientSecret.value } : {}),
            serverUrl: serverUrl.value.trim(),
          }
        : undefined;
    let saved: Outcome<void>;
    if (jwt === undefined) {
      if (!app) return;
      saved = await save.run(() => domains.apps.save(app));
    } else {
      const allowed = settleAllowedApps(draft);
      if (!allowed) return;
      const credential: CredentialInput = { label: label.value.trim(), jwt, allowed };
      saved = await save.run(() => domains.credentials.importFromEnv(app, credential));
    }
    if (saved.ok) {
      // The JWT and the secret leave the page with the form.
      source.value = '';
      fileName.value = undefined;
      clientSecret.value = '';
      result.value = {};
      onDone();
    }
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby={titleId}>
      <SecretField
        label=".env contents or a JWT"
        value={source}
        rows={5}
        onInput={(text) => {
          source.value = text;
          fileName.value = undefined;
          load(text);
        }}
      />
      <label>
        Or choose a .env file
        <input type="file" accept=".env,.txt,text/plain" onChange={(e) => void pick(e)} />
      </label>
      {fileName.value && <p>Read from the file {fileName.value}.</p>}
      <ErrorText error={result.value.problem} />
      {parsed && parsed.warnings.length > 0 && (
        <ul class="warning" aria-label="Import warnings">
          {parsed.warnings.map((warning) => (
            <li key={warning.message}>{warning.message}</li>
          ))}
        </ul>
      )}
      {parsed && (
        <>
          <fieldset>
            <legend>App</legend>
            {!hasApp && <p>No client ID in the import: no app is added.</p>}
            {registered.value && (
              <p role="status">
                The app "{registered.value.name}" (client ID <code>{registered.value.clientId}</code>) is
                already registered: it is reused as it is (its stored secret and server too), not added again.
              </p>
            )}
            {hasApp && !registered.value && (
              <AppFields
                draft={appDraft}
                secretLabel="Client secret"
                onClientId={(text) => {
                  const before = clientId.value.trim();
                  clientId.value = text;
                  // Keep "only this app" pointing at the app being edited.
                  const ids = draft.clientIds.value;
                  if (ids.length === 1 && ids[0] === before) draft.clientIds.value = [clientId.value.trim()];
                }}
              />
            )}
          </fieldset>
          <fieldset>
            <legend>Credential</legend>
            {jwt === undefined ? (
              <p>No JWT in the import (RC_USER_JWT): add the credential later with "Add credential".</p>
            ) : (
              <>
                <TextField label="Credential label" value={label} autocomplete="on" required />
                {parsed.jwtInfo && <JwtPreview info={parsed.jwtInfo} label="Imported JWT, decoded" />}
                <AllowedAppsEditor draft={draft} name="env-import-allowed" />
              </>
            )}
          </fieldset>
        </>
      )}
      <FormError error={save.error.value} />
      <FormActions submit={action} disabled={save.pending.value} onCancel={onDone} />
    </form>
  );
}

/** The "Import from .env" page of the Credentials view. */
export function EnvImportPage({ onDone }: { onDone(): void }) {
  return (
    <Page view="credentials" titleId="env-import-title" title="Import from a .env file or a JWT">
      <p>
        Paste the <code>.env</code> of a RingCentral quick start (<code>RC_APP_CLIENT_ID</code>,{' '}
        <code>RC_APP_CLIENT_SECRET</code>, <code>RC_SERVER_URL</code>, <code>RC_USER_JWT</code>, or the{' '}
        <code>RINGCENTRAL_</code> names), or a JWT alone: the app and the credential are filled in for you to
        check before saving.
      </p>
      <EnvImportForm titleId="env-import-title" onDone={onDone} />
    </Page>
  );
}
