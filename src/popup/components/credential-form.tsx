// The credential form, for adding and for editing. Adding starts with the kind; each kind has its
// form. A RingCentral JWT's: paste the JWT and see what it says before saving, choose which apps
// may use it as the Developer Console does, add notes. An edit never shows or re-sends the JWT —
// replacing it is an explicit action — and warns before taking an app away from connections that
// use it. The JWT leaves the form as soon as it is saved.
import { type Signal, useComputed, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { CREDENTIAL_KINDS, KIND_IDS } from '../../core/credentials/kinds';
import type { Recognised } from '../../core/credentials/recognise';
import { VaultError } from '../../core/errors';
import { inspectJwt, type JwtInfo } from '../../core/jwt';
import { LIMITS } from '../../core/vault/limits';
import type { AllowedApps, CredentialKind } from '../../core/vault/model';
import type { AppView, CredentialView, RingCentralJwtView } from '../../shared/messages';
import { usePopupState } from '../context';
import { useAction } from '../hooks/use-action';
import type { ConnectionRow } from '../state';
import { FormError } from './error-message';
import { FormActions } from './fields/form-actions';
import { parseList } from './fields/parse-list';
import { RadioGroup } from './fields/radio-group';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';
import {
  BOX_FORM,
  CLIENT_ASSERTION_FORM,
  CLIENT_SECRET_FORM,
  DOCUSIGN_FORM,
  GOOGLE_ACCOUNT_FORM,
  SALESFORCE_FORM,
} from './kind-forms';
import { type StartedFrom, StartFromFile } from './start-from-file';

/** The most client IDs one credential may list (the vault's limit). */
export const MAX_CLIENT_IDS = LIMITS.clientIds;

function when(epochSeconds: number | undefined): string {
  return epochSeconds === undefined ? '—' : new Date(epochSeconds * 1000).toLocaleString();
}

/** The decoded preview of a pasted JWT, or the problem with it; nothing while empty. */
export function previewJwt(jwt: string): { info?: JwtInfo; problem?: string } {
  if (!jwt) return {};
  try {
    return { info: inspectJwt(jwt) };
  } catch (error) {
    return { problem: error instanceof VaultError ? error.message : 'This is not a JWT.' };
  }
}

/** Client IDs typed one per line or separated by commas, without blanks or repeats. */
export const parseClientIds = parseList;

/** What is wrong with one client ID, or undefined. Client IDs are not secrets: naming them helps. */
export function clientIdProblem(id: string): string | undefined {
  if (id.length > LIMITS.clientId)
    return `"${id.slice(0, 24)}…" is longer than ${LIMITS.clientId} characters.`;
  // Printable ASCII without spaces: RingCentral's IDs, and other providers' (dots, dashes) too.
  if (!/^[\x21-\x7e]+$/.test(id)) return `"${id}" may hold only letters, digits and punctuation.`;
  return undefined;
}

/** Adds the typed client IDs to the list: invalid ones and repeats are reported, not added. */
export function addClientIds(list: string[], text: string): { list: string[]; problems: string[] } {
  const next = [...list];
  const problems: string[] = [];
  for (const id of parseClientIds(text)) {
    const problem = clientIdProblem(id);
    if (problem) problems.push(problem);
    else if (next.includes(id)) problems.push(`"${id}" is already in the list.`);
    else if (next.length >= MAX_CLIENT_IDS)
      problems.push(`A credential lists at most ${MAX_CLIENT_IDS} apps.`);
    else next.push(id);
  }
  return { list: next, problems: [...new Set(problems)] };
}

/** Whether these allowed apps let the app in: "organization" means every app of this vault. */
export function allows(allowed: AllowedApps, app: Pick<AppView, 'clientId'>): boolean {
  return allowed.kind === 'organization' || allowed.clientIds.includes(app.clientId);
}

export interface AffectedConnection {
  connection: ConnectionRow;
  app: AppView;
}

/** The connections of this credential whose app the edit stops allowing. */
export function connectionsLosingApp(
  credentialId: string,
  before: AllowedApps,
  after: AllowedApps,
  connections: ConnectionRow[],
  apps: AppView[],
): AffectedConnection[] {
  const byId = new Map(apps.map((app) => [app.id, app]));
  return connections.flatMap((connection) => {
    const app = connection.appId === undefined ? undefined : byId.get(connection.appId);
    if (connection.credentialId !== credentialId || !app) return [];
    return allows(before, app) && !allows(after, app) ? [{ connection, app }] : [];
  });
}

export function stopButtonText(count: number): string {
  return `Save and stop ${count} connection${count === 1 ? '' : 's'}`;
}

type JwtSummaryLike = Pick<JwtInfo, 'kid' | 'sub' | 'iat' | 'exp' | 'expired' | 'expiresSoon'>;

export function JwtPreview({ info, label = 'Decoded JWT' }: { info: JwtSummaryLike; label?: string }) {
  return (
    <dl class="jwt-preview" aria-label={label}>
      <dt>Key ID (kid)</dt>
      <dd>{info.kid ?? '—'}</dd>
      <dt>User (sub)</dt>
      <dd>{info.sub ?? '—'}</dd>
      <dt>Issued</dt>
      <dd>{when(info.iat)}</dd>
      <dt>Expires</dt>
      <dd class={info.expired || info.expiresSoon ? 'warning' : undefined}>
        {when(info.exp)}
        {info.expired ? ' (expired)' : info.expiresSoon ? ' (within 14 days)' : ''}
      </dd>
    </dl>
  );
}

/** The signals behind "Which apps may use it", owned by the form that shows the editor. */
export interface AllowedAppsDraft {
  scope: Signal<AllowedApps['kind']>;
  clientIds: Signal<string[]>;
  /** Client IDs typed but not added yet; saving adds them. */
  pending: Signal<string>;
  problems: Signal<string[]>;
}

export function useAllowedAppsDraft(initial: AllowedApps): AllowedAppsDraft {
  return {
    scope: useSignal(initial.kind),
    clientIds: useSignal(initial.kind === 'specific' ? initial.clientIds : []),
    pending: useSignal(''),
    problems: useSignal<string[]>([]),
  };
}

/** The allowed apps to save, with the pending client IDs added; undefined (and problems shown) when invalid. */
export function settleAllowedApps(draft: AllowedAppsDraft): AllowedApps | undefined {
  if (draft.scope.value === 'organization') return { kind: 'organization' };
  const { list, problems } = addClientIds(draft.clientIds.value, draft.pending.value);
  draft.problems.value = problems;
  if (problems.length > 0) return undefined;
  // The draft stays as typed: the form closes once saved, and keeps the text if saving fails.
  if (list.length === 0) {
    draft.problems.value = ['Add at least one client ID, or choose "All apps of my organization".'];
    return undefined;
  }
  return { kind: 'specific', clientIds: list };
}

/** The allowed apps as they stand, pending text included when valid: for the live warning. */
function currentAllowedApps(draft: AllowedAppsDraft): AllowedApps {
  if (draft.scope.value === 'organization') return { kind: 'organization' };
  return { kind: 'specific', clientIds: addClientIds(draft.clientIds.value, draft.pending.value).list };
}

const SCOPES: readonly { value: AllowedApps['kind']; label: string }[] = [
  { value: 'organization', label: 'All apps of my organization' },
  { value: 'specific', label: 'Only specific apps' },
];

export function AllowedAppsEditor({ draft, name }: { draft: AllowedAppsDraft; name: string }) {
  const { apps } = usePopupState();
  const names = new Map(apps.value.map((app) => [app.clientId, app.name]));
  const unlisted = apps.value.filter((app) => !draft.clientIds.value.includes(app.clientId));
  const add = () => {
    const { list, problems } = addClientIds(draft.clientIds.value, draft.pending.value);
    draft.clientIds.value = list;
    draft.problems.value = problems;
    if (problems.length === 0) draft.pending.value = '';
  };
  return (
    <RadioGroup legend="Which apps may use it" name={name} value={draft.scope} choices={SCOPES}>
      {draft.scope.value === 'specific' && (
        <>
          {draft.clientIds.value.length > 0 && (
            <ul class="client-ids" aria-label="Allowed client IDs">
              {draft.clientIds.value.map((id) => {
                const appName = names.get(id);
                return (
                  <li key={id}>
                    <span>
                      {appName ? (
                        <>
                          {appName} <code>{id}</code>
                        </>
                      ) : (
                        <>
                          <code>{id}</code> <small>(no app registered with this ID)</small>
                        </>
                      )}
                    </span>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Remove ${appName ?? id}`}
                      onClick={() => {
                        draft.clientIds.value = draft.clientIds.value.filter((other) => other !== id);
                      }}
                    >
                      Remove
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {unlisted.length > 0 && (
            <div class="quick-add">
              {unlisted.map((app) => (
                <button
                  key={app.id}
                  type="button"
                  class="secondary"
                  onClick={() => {
                    draft.clientIds.value = addClientIds(draft.clientIds.value, app.clientId).list;
                  }}
                >
                  Allow {app.name}
                </button>
              ))}
            </div>
          )}
          {/* Client IDs are not secrets, but nothing the browser remembers would help here. */}
          <TextField
            label="Add client IDs (one per line)"
            value={draft.pending}
            autocomplete="off"
            rows={2}
          />
          <button type="button" class="secondary" onClick={add}>
            Add to the list
          </button>
        </>
      )}
      {draft.problems.value.length > 0 && (
        <ul class="error" role="alert">
          {draft.problems.value.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </RadioGroup>
  );
}

/** What saving will do to connections that use an app the edit takes away. */
function StopWarning({
  affected,
  saving,
  onConfirm,
  onCancel,
}: {
  affected: AffectedConnection[];
  saving: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  const count = affected.length;
  return (
    <div class="confirm-box" role="alert">
      <p>
        <strong>
          This change stops {count} connection{count === 1 ? '' : 's'}:
        </strong>{' '}
        the credential will no longer allow the app {count === 1 ? 'it uses' : 'they use'}.
      </p>
      <ul>
        {affected.map(({ connection, app }) => (
          <li key={connection.id}>
            <code>{connection.apiBaseUrl}</code> from {connection.toolOrigins.join(', ')}, through the app "
            {app.name}" (client ID <code>{app.clientId}</code>)
          </li>
        ))}
      </ul>
      <p>
        {count === 1 ? 'Its' : 'Their'} tokens are revoked and the header is no longer added; the connection
        {count === 1 ? ' is' : 's are'} kept and start{count === 1 ? 's' : ''} again when you allow the app
        again or choose another app. Make the same change in the RingCentral Developer Console.
      </p>
      <div class="actions">
        <button ref={confirm} type="button" class="danger" disabled={saving} onClick={onConfirm}>
          {stopButtonText(count)}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </div>
  );
}

export interface CredentialFormProps {
  /** The credential to edit; absent to add a new one. */
  credential?: CredentialView;
  /** The page heading that names the form; without it, the form has a heading of its own. */
  titleId?: string;
  onDone(): void;
}

const KIND_CHOICES = KIND_IDS.map((kind) => ({ value: kind, label: CREDENTIAL_KINDS[kind].label }));

/** An edit takes the credential's own kind; adding starts from a file, or asks which kind first. */
export function CredentialForm({ credential, titleId, onDone }: CredentialFormProps) {
  const kind = useSignal<CredentialKind>(credential?.kind ?? 'ringcentral-jwt');
  const start = useSignal<StartedFrom | undefined>(undefined);
  if (credential) return <KindForm credential={credential} titleId={titleId} onDone={onDone} />;
  return (
    <>
      <StartFromFile kind={kind} start={start} />
      <RadioGroup legend="Kind" name="credential-kind" value={kind} choices={KIND_CHOICES} />
      {/* Keyed: a new file, or another kind, starts the form afresh from it. */}
      <KindForm
        key={`${kind.value} ${start.value?.n ?? 0}`}
        kind={kind.value}
        start={start.value?.found}
        titleId={titleId}
        onDone={onDone}
      />
    </>
  );
}

/** The form of one kind: RingCentral's is here; the signing kinds' are chunks of their own. */
function KindForm({
  kind = 'ringcentral-jwt',
  credential,
  titleId,
  onDone,
  start,
}: CredentialFormProps & { kind?: CredentialKind; start?: Recognised }) {
  const props = { titleId, onDone, start };
  switch (credential?.kind ?? kind) {
    case 'ringcentral-jwt':
      return (
        <RingCentralForm
          credential={credential?.kind === 'ringcentral-jwt' ? credential : undefined}
          {...props}
        />
      );
    case 'google-service-account':
      return (
        <GOOGLE_ACCOUNT_FORM.Component
          credential={credential?.kind === 'google-service-account' ? credential : undefined}
          {...props}
        />
      );
    case 'salesforce-jwt':
      return (
        <SALESFORCE_FORM.Component
          credential={credential?.kind === 'salesforce-jwt' ? credential : undefined}
          {...props}
        />
      );
    case 'client-assertion':
      return (
        <CLIENT_ASSERTION_FORM.Component
          credential={credential?.kind === 'client-assertion' ? credential : undefined}
          {...props}
        />
      );
    case 'client-secret':
      return (
        <CLIENT_SECRET_FORM.Component
          credential={credential?.kind === 'client-secret' ? credential : undefined}
          {...props}
        />
      );
    case 'box-jwt':
      return (
        <BOX_FORM.Component credential={credential?.kind === 'box-jwt' ? credential : undefined} {...props} />
      );
    case 'docusign-jwt':
      return (
        <DOCUSIGN_FORM.Component
          credential={credential?.kind === 'docusign-jwt' ? credential : undefined}
          {...props}
        />
      );
  }
}

interface RingCentralFormProps extends CredentialFormProps {
  credential?: RingCentralJwtView;
  /** What the user started from on Add credential: a JWT fills its field. */
  start?: Recognised;
}

function RingCentralForm({ credential, titleId, onDone, start }: RingCentralFormProps) {
  const { connections, apps, domains } = usePopupState();
  const act = useAction();
  const saving = act.pending.value;
  const editing = credential !== undefined;
  const prefix = `credential-form-${credential?.id ?? 'new'}`;
  const label = useSignal(credential?.label ?? '');
  const notes = useSignal(credential?.notes ?? '');
  const draft = useAllowedAppsDraft(credential?.allowed ?? { kind: 'organization' });
  // Adding always takes a JWT; an edit only when "Replace JWT" was chosen.
  const replacing = useSignal(!editing);
  const jwt = useSignal(start?.kind === 'ringcentral-jwt' ? start.text : '');
  const confirming = useSignal(false);
  const preview = useComputed(() => previewJwt(jwt.value));
  const affected = useComputed(() =>
    credential
      ? connectionsLosingApp(
          credential.id,
          credential.allowed,
          currentAllowedApps(draft),
          connections.value,
          apps.value,
        )
      : [],
  );
  const jwtField = useRef<HTMLElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);

  const save = async () => {
    const allowed = settleAllowedApps(draft);
    if (!allowed || (replacing.value && (preview.value.problem || !jwt.value))) return;
    const input = {
      ...(credential ? { id: credential.id } : {}),
      kind: 'ringcentral-jwt' as const,
      label: label.value.trim(),
      ...(replacing.value ? { jwt: jwt.value.trim() } : {}),
      allowed,
      notes: notes.value,
    };
    const saved = await act.run(() =>
      editing ? domains.credentials.edit(input) : domains.credentials.add(input),
    );
    confirming.value = false;
    if (saved.ok) {
      jwt.value = '';
      onDone();
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (!settleAllowedApps(draft)) return;
    // Taking an app away from a connection needs its own click on a button that says so.
    if (affected.value.length > 0) {
      confirming.value = true;
      return;
    }
    void save();
  };

  return (
    <form class="panel credential-form" onSubmit={submit} aria-labelledby={titleId ?? `${prefix}-title`}>
      {titleId === undefined && (
        <h3 id={`${prefix}-title`}>{credential ? `Edit ${credential.label}` : 'Add a credential'}</h3>
      )}
      <TextField label="Label" value={label} autocomplete="on" required maxLength={LIMITS.name} />
      {credential && (
        <div class="jwt-current">
          <JwtPreview info={credential.jwtInfo} label="Current JWT, decoded" />
          {!replacing.value && (
            <button
              ref={replaceButton}
              type="button"
              class="secondary"
              onClick={() => {
                replacing.value = true;
                // The new field appears on the next render.
                setTimeout(() => jwtField.current?.focus(), 0);
              }}
            >
              Replace JWT
            </button>
          )}
        </div>
      )}
      {replacing.value && (
        <>
          <SecretField
            label={editing ? 'New JWT' : 'JWT'}
            value={jwt}
            rows={3}
            required
            inputRef={jwtField}
            error={preview.value.problem}
          />
          {preview.value.info && (
            <JwtPreview info={preview.value.info} label={editing ? 'New JWT, decoded' : 'Decoded JWT'} />
          )}
          {editing && (
            <button
              type="button"
              class="secondary"
              onClick={() => {
                replacing.value = false;
                jwt.value = '';
                setTimeout(() => replaceButton.current?.focus(), 0);
              }}
            >
              Keep the current JWT
            </button>
          )}
        </>
      )}
      <AllowedAppsEditor draft={draft} name={`${prefix}-allowed`} />
      {/* People keep a hint to a secret in notes, or the secret itself. */}
      <SecretField label="Notes" value={notes} maxLength={LIMITS.notes} />
      <FormError error={act.error.value} />
      {confirming.value && affected.value.length > 0 && (
        <StopWarning
          affected={affected.value}
          saving={saving}
          onConfirm={() => void save()}
          onCancel={() => {
            confirming.value = false;
          }}
        />
      )}
      <FormActions
        submit={editing ? 'Save changes' : 'Save credential'}
        disabled={saving || (replacing.value && !!preview.value.problem)}
        onCancel={onDone}
      />
    </form>
  );
}
