// The connection form, for adding and for editing: which credential, through which of the apps
// it allows, into which API, from which tool pages. Checks every URL before sending, asks the
// browser for host access inside the Save click, and saves even when access is refused (the
// list then says "permission missing" and offers to ask again).
import { useComputed, useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import {
  BOX_API_BASE_URL,
  DOCUSIGN_DEVELOPER_ACCOUNT_SERVER,
  DOCUSIGN_DEVELOPER_API_BASE_URL,
  GOOGLE_API_BASE_URL,
  isMyDomain,
  SALESFORCE_API_PATH,
  ZOOM_API_BASE_URL,
} from '../../core/credentials/kind-defaults';
import { usesApp } from '../../core/credentials/kinds';
import { ownTokenUrl } from '../../core/credentials/token-urls';
import { VaultError } from '../../core/errors';
import { LIMITS } from '../../core/vault/limits';
import { parseApiBaseUrl, parseToolOrigin } from '../../core/vault/url-rules';
import type { AppView, ConnectionInput, CredentialView, RingCentralJwtView } from '../../shared/messages';
import { usePopupState } from '../context';
import { useParts } from '../hooks/use-parts';
import { askHostAccess } from '../host-access';
import type { ConnectionRow, Part } from '../state';
import { ConfirmPassword, useConfirmedAction } from './confirm-password';
import { FormError } from './error-message';
import { CheckField } from './fields/check-field';
import { FormActions } from './fields/form-actions';
import { SelectField } from './fields/select-field';
import { TextField } from './fields/text-field';

/** The most tool origins one connection may list (the vault's limit). */
export const MAX_TOOL_ORIGINS = LIMITS.toolOrigins;

/** The apps this credential may be used with: all registered apps, or those whose client ID it lists. */
export function appsAllowedBy(credential: CredentialView | undefined, apps: AppView[]): AppView[] {
  // A kind with its own token URL goes through no app.
  if (credential?.kind !== 'ringcentral-jwt') return [];
  // The same rule as credentialAllowsApp in src/core/vault/relations.ts, on the popup's views.
  const { allowed } = credential;
  return apps.filter((app) => allowed.kind === 'organization' || allowed.clientIds.includes(app.clientId));
}

/** Why no app can be chosen for this credential, and what to do about it. */
export function noAppExplanation(credential: RingCentralJwtView, apps: AppView[]): string {
  if (apps.length === 0 || credential.allowed.kind === 'organization') {
    return 'No app is registered yet. Add the app (client ID) this credential is used with under Apps, then come back.';
  }
  return (
    `"${credential.label}" may be used only by the apps with client IDs ${credential.allowed.clientIds.join(', ')}, ` +
    'and none of them is registered here. Add one of them under Apps, or edit the credential to allow an app you registered.'
  );
}

/** RingCentral's REST API lives under /restapi/ on the app's server. */
export function defaultApiBaseUrl(app: Pick<AppView, 'serverUrl'>): string {
  return `${app.serverUrl.replace(/\/+$/, '')}/restapi/`;
}

function problemOf(error: unknown): string {
  return error instanceof VaultError ? error.message : 'This is not a valid URL.';
}

/** The API base URL, normalised as the worker stores it, or the problem with it. */
export function checkApiBaseUrl(text: string): { url?: string; problem?: string } {
  const value = text.trim();
  if (!value)
    return { problem: 'Enter the API base URL, such as https://platform.ringcentral.com/restapi/.' };
  try {
    return { url: parseApiBaseUrl(value, 'The API base URL') };
  } catch (error) {
    return { problem: problemOf(error) };
  }
}

/** Tool origins typed one per line: each an http(s) origin without a path, no repeats. */
export function parseToolOrigins(text: string): { origins: string[]; problems: string[] } {
  const origins: string[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    const value = line.trim();
    if (!value) return;
    // Named by line, not by value: a mistyped URL may carry a password in its user info.
    const field = `The tool origin on line ${index + 1}`;
    try {
      const origin = parseToolOrigin(value, field);
      if (origins.includes(origin)) problems.push(`${field} repeats an earlier origin.`);
      else origins.push(origin);
    } catch (error) {
      problems.push(problemOf(error));
    }
  });
  if (origins.length === 0 && problems.length === 0) {
    problems.push('Add at least one tool origin, such as http://localhost:3000.');
  }
  if (origins.length > MAX_TOOL_ORIGINS) {
    problems.push(`A connection lists at most ${MAX_TOOL_ORIGINS} tool origins.`);
  }
  return { origins, problems };
}

export interface ConnectionFormProps {
  /** The connection to edit; absent to add a new one. */
  connection?: ConnectionRow;
  /** The heading that names the form, when the page around it has one; else the form has its own. */
  labelledBy?: string;
  onDone(): void;
}

type Field = 'credential' | 'app' | 'api' | 'origins';

/**
 * Where a new connection's API starts, and what to say about it, for the kinds whose tokens do
 * not come through an app (those follow the app's server); undefined for those that do.
 */
export function ownApiStart(credential: CredentialView): { url: string; hint: string } | undefined {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return undefined;
    case 'google-service-account':
      return {
        url: GOOGLE_API_BASE_URL,
        hint: `Most Google APIs are under ${GOOGLE_API_BASE_URL}; some have a host of their own.`,
      };
    case 'salesforce-jwt':
      return {
        // A My Domain login URL is also the org's instance; login. and test. name none.
        url: isMyDomain(credential.loginUrl) ? `${credential.loginUrl}${SALESFORCE_API_PATH}` : '',
        hint: `The org's instance plus ${SALESFORCE_API_PATH}, such as https://yourcompany.my.salesforce.com${SALESFORCE_API_PATH} (the instance_url Salesforce gives with its tokens).`,
      };
    case 'client-assertion':
      return { url: '', hint: "The API the client's tokens are for." };
    case 'docusign-jwt':
      return credential.accountServer === DOCUSIGN_DEVELOPER_ACCOUNT_SERVER
        ? {
            url: DOCUSIGN_DEVELOPER_API_BASE_URL,
            hint: `A developer account's eSignature API is under ${DOCUSIGN_DEVELOPER_API_BASE_URL}.`,
          }
        : { url: '', hint: "The account's base_uri (from /oauth/userinfo) plus /restapi/." };
    case 'box-jwt':
      return { url: BOX_API_BASE_URL, hint: `Box's content API is under ${BOX_API_BASE_URL}.` };
    case 'client-secret':
      return credential.preset === 'zoom'
        ? { url: ZOOM_API_BASE_URL, hint: `Zoom's REST API is under ${ZOOM_API_BASE_URL}.` }
        : { url: '', hint: "The API the client's tokens are for." };
  }
}

/** What the form lists: the home view around it reads only the connections. */
const FORM_PARTS: readonly Part[] = ['credentials', 'apps'];

export function ConnectionForm(props: ConnectionFormProps) {
  // Its choices start from the lists: the fields wait until they are read.
  if (!useParts(FORM_PARTS)) return <p aria-busy="true">Loading the credentials and apps…</p>;
  return <ConnectionFields {...props} />;
}

function ConnectionFields({ connection, labelledBy, onDone }: ConnectionFormProps) {
  const { credentials, apps, domains } = usePopupState();
  const prefix = `connection-form-${connection?.id ?? 'new'}`;
  // By name, as a person looks for one (the vault keeps them in the order of their random ids);
  // a new connection starts on the first.
  const byLabel = useComputed(() =>
    [...credentials.value].sort((a, b) => a.label.localeCompare(b.label) || (a.id < b.id ? -1 : 1)),
  );
  const credentialId = useSignal(connection?.credentialId ?? byLabel.value[0]?.id ?? '');
  const appId = useSignal(connection?.appId ?? '');
  // Undefined follows the chosen app's server; typing takes over.
  const apiText = useSignal<string | undefined>(connection?.apiBaseUrl);
  const originsText = useSignal(connection?.toolOrigins.join('\n') ?? '');
  const enabled = useSignal(connection?.status.enabled ?? true);
  const problems = useSignal<Partial<Record<Field, string[]>>>({});
  const form = useRef<HTMLFormElement>(null);
  const save = useConfirmedAction();

  const credential = useComputed(() => credentials.value.find((c) => c.id === credentialId.value));
  const allowedApps = useComputed(() => appsAllowedBy(credential.value, apps.value));
  // An app the credential no longer allows is not offered: the first allowed one is.
  const app = useComputed(() => allowedApps.value.find((a) => a.id === appId.value) ?? allowedApps.value[0]);
  // Kinds that carry their own token URL name no app: the service account is its own client.
  const needsApp = useComputed(() => !credential.value || usesApp(credential.value.kind));
  const ownApi = useComputed(() => (credential.value ? ownApiStart(credential.value) : undefined));
  const apiValue = useComputed(
    () => apiText.value ?? (ownApi.value ? ownApi.value.url : app.value ? defaultApiBaseUrl(app.value) : ''),
  );

  /** The connection to save, or undefined with the problems shown beside their fields. */
  const check = (): ConnectionInput | undefined => {
    const found: Partial<Record<Field, string[]>> = {};
    const chosen = credential.value;
    if (!chosen) found.credential = ['Choose a credential; add one under Credentials first.'];
    else if (chosen.kind === 'ringcentral-jwt' && !app.value)
      found.app = [noAppExplanation(chosen, apps.value)];
    const api = checkApiBaseUrl(apiValue.value);
    if (api.problem) found.api = [api.problem];
    const tools = parseToolOrigins(originsText.value);
    if (tools.problems.length > 0) found.origins = tools.problems;
    problems.value = found;
    const through = needsApp.value ? app.value : undefined;
    if (!chosen || (needsApp.value && !through) || !api.url || tools.problems.length > 0) return undefined;
    return {
      ...(connection ? { id: connection.id } : {}),
      credentialId: chosen.id,
      ...(through ? { appId: through.id } : {}),
      apiBaseUrl: api.url,
      toolOrigins: tools.origins,
      enabled: enabled.value,
    };
  };

  const finish = async (input: ConnectionInput, access: Promise<boolean>) => {
    // Saved whatever the answer: while the browser asks, and when access is refused — the list
    // then shows "permission missing" with a "Grant access" button.
    // A new API origin, or a JWT bound for a server it has not been sent to: the worker asks for
    // the master password first, and nothing is sent before it is given.
    const outcome = await save.run((proof) => domains.connections.save(input, proof));
    if (!outcome.ok) return;
    onDone();
    await domains.connections.settle();
    // Granted: the worker notices on its own; follow it until no connection lacks access.
    if (await access) {
      await domains.connections.settle((rows) => !rows.some((row) => row.status.permissionMissing));
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const input = check();
    if (!input) {
      // To the first field that is wrong, once the render has marked it.
      setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    // First, before any await: the browser asks for host access only within the click — for the
    // API, the tools and the credential's own token URL.
    const chosen = credential.value;
    const access = askHostAccess({ ...input, tokenUrl: chosen && ownTokenUrl(chosen) });
    void finish(input, access);
  };

  const invalid = (field: Field) => (problems.value[field]?.length ?? 0) > 0;

  const chosen = credential.value;
  const noApp = chosen?.kind === 'ringcentral-jwt' && allowedApps.value.length === 0;
  return (
    <>
      <form
        ref={form}
        class="panel connection-form"
        onSubmit={submit}
        noValidate
        aria-labelledby={labelledBy ?? `${prefix}-title`}
      >
        {!labelledBy && <h3 id={`${prefix}-title`}>{connection ? 'Edit connection' : 'Add a connection'}</h3>}
        <SelectField
          label="Credential"
          value={credential.value?.id ?? ''}
          choices={byLabel.value.map((c) => ({ value: c.id, label: c.label }))}
          empty="No credentials yet"
          error={problems.value.credential}
          onChange={(id) => (credentialId.value = id)}
        />
        {needsApp.value && (
          <SelectField
            label="App"
            value={app.value?.id ?? ''}
            choices={allowedApps.value.map((a) => ({ value: a.id, label: `${a.name} (${a.clientId})` }))}
            empty="No app allowed"
            disabled={noApp}
            hint={
              chosen?.kind === 'ringcentral-jwt' &&
              noApp &&
              !invalid('app') &&
              noAppExplanation(chosen, apps.value)
            }
            hintTone="warning"
            error={problems.value.app}
            onChange={(id) => (appId.value = id)}
          />
        )}
        {/* URLs and origins are not secrets, but what the browser remembers would only get in the way. */}
        <TextField
          label="API base URL"
          type="url"
          autocomplete="off"
          value={apiValue}
          onInput={(text) => (apiText.value = text)}
          hint={`Requests under this prefix get the token. ${ownApi.value?.hint ?? "The app's server plus /restapi/ unless you change it."}`}
          error={problems.value.api}
        />
        <TextField
          label="Tool origins (one per line)"
          autocomplete="off"
          rows={2}
          placeholder="http://localhost:3000"
          value={originsText}
          hint="The pages allowed to receive the header, as scheme://host[:port]: only tabs on exactly these origins get it (not another port, scheme or sub-domain), and it replaces one the tool sets itself."
          error={problems.value.origins}
        />
        <CheckField
          label="Enabled"
          checked={enabled.value}
          onChange={(checked) => (enabled.value = checked)}
        />
        <FormError error={save.error.value} />
        <FormActions
          submit={connection ? 'Save changes' : 'Save connection'}
          disabled={save.pending.value}
          onCancel={onDone}
        />
      </form>
      <ConfirmPassword confirmation={save.confirmation} />
    </>
  );
}
