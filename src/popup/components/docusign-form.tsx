// The form of a DocuSign JWT grant, for adding and for editing: the integration key, the user to
// act as, the account server (developer or production), the redirect URI the one-time consent
// returns to, and the integration's RSA private key. Before saving it shows the key (type,
// thumbprint — never the key), the claims the vault will sign, and the consent page's link.
import { useSignal } from '@preact/signals';
import { docusignClaims, docusignConsentUrl } from '../../core/credentials/docusign';
import {
  DOCUSIGN_ACCOUNT_SERVER,
  DOCUSIGN_DEVELOPER_ACCOUNT_SERVER,
  DOCUSIGN_SCOPES,
} from '../../core/credentials/kind-defaults';
import type { Recognised } from '../../core/credentials/recognise';
import { docusignTokenUrl } from '../../core/credentials/token-urls';
import { LIMITS } from '../../core/vault/limits';
import type { DocusignJwtView } from '../../shared/messages';
import { ClaimsPreview } from './claims-preview';
import { parseList } from './fields/parse-list';
import { RadioGroup } from './fields/radio-group';
import { TextField } from './fields/text-field';
import { KindFormFrame, useKindForm } from './kind-form-frame';
import { clearKey, keyInput, keyReady, PrivateKeyField, useKeyDraft } from './private-key-field';

type ServerChoice = 'developer' | 'production' | 'other';

const SERVER_CHOICES: readonly { value: ServerChoice; label: string }[] = [
  { value: 'developer', label: `Developer (${DOCUSIGN_DEVELOPER_ACCOUNT_SERVER})` },
  { value: 'production', label: `Production (${DOCUSIGN_ACCOUNT_SERVER})` },
  { value: 'other', label: 'Another account server' },
];

function choiceOf(server: string | undefined): ServerChoice {
  if (server === undefined || server === DOCUSIGN_DEVELOPER_ACCOUNT_SERVER) return 'developer';
  return server === DOCUSIGN_ACCOUNT_SERVER ? 'production' : 'other';
}

function serverOf(choice: ServerChoice, other: string): string {
  if (choice === 'developer') return DOCUSIGN_DEVELOPER_ACCOUNT_SERVER;
  if (choice === 'production') return DOCUSIGN_ACCOUNT_SERVER;
  return other.trim().replace(/\/+$/, '');
}

/** The URL as typed, when it is an http(s) URL: the preview needs one. */
function httpUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export interface DocusignFormProps {
  /** What the user started from on Add credential: a private key fills the key field. */
  start?: Recognised;
  credential?: DocusignJwtView;
  titleId?: string;
  onDone(): void;
}

export function DocusignForm({ credential, titleId, onDone, start }: DocusignFormProps) {
  const form = useKindForm(credential, onDone);
  const editing = form.editing;
  const prefix = `docusign-form-${credential?.id ?? 'new'}`;
  const integrationKey = useSignal(credential?.integrationKey ?? '');
  const userId = useSignal(credential?.userId ?? '');
  const server = useSignal<ServerChoice>(choiceOf(credential?.accountServer));
  const otherServer = useSignal(server.value === 'other' ? (credential?.accountServer ?? '') : '');
  const scopesText = useSignal((credential?.scopes ?? DOCUSIGN_SCOPES).join('\n'));
  const redirectUri = useSignal(credential?.redirectUri ?? '');
  const key = useKeyDraft(undefined, start?.kind === 'private-key' ? start.text : '');

  const accountServer = httpUrl(serverOf(server.value, otherServer.value))
    ? serverOf(server.value, otherServer.value)
    : '';
  const scopes = parseList(scopesText.value);
  const redirect = httpUrl(redirectUri.value);
  const grant = {
    integrationKey: integrationKey.value.trim(),
    userId: userId.value.trim(),
    accountServer,
    scopes,
  };
  const complete =
    grant.integrationKey !== '' && grant.userId !== '' && accountServer !== '' && scopes.length > 0;
  const ready = complete && redirect !== undefined && keyReady(key, editing);

  const submit = () => {
    if (!ready || !redirect) return;
    void form.save(
      { kind: 'docusign-jwt', ...grant, redirectUri: redirect, ...keyInput(key) },
      grant.userId,
      () => clearKey(key),
    );
  };

  return (
    <KindFormFrame
      form={form}
      id={prefix}
      titleId={titleId}
      title={credential ? `Edit ${credential.label}` : 'Add a DocuSign integration'}
      labelHint="The user ID unless you name it."
      disabled={!ready}
      onSubmit={submit}
      onDone={onDone}
    >
      <TextField
        label="Integration key"
        value={integrationKey}
        autocomplete="off"
        required
        maxLength={LIMITS.clientId}
        hint="Apps and Keys → the app's Integration Key."
      />
      <TextField
        label="User ID"
        value={userId}
        autocomplete="off"
        required
        maxLength={LIMITS.clientId}
        hint="The API Username (a GUID) of the user the tokens act as, from Apps and Keys."
      />
      <RadioGroup legend="Account server" name={`${prefix}-server`} value={server} choices={SERVER_CHOICES}>
        {server.value === 'other' && (
          <TextField label="Account server URL" type="url" value={otherServer} autocomplete="off" required />
        )}
      </RadioGroup>
      <TextField
        label="Redirect URI"
        type="url"
        value={redirectUri}
        autocomplete="off"
        required
        maxLength={LIMITS.url}
        hint="One of the app's Redirect URIs (Apps and Keys): the one-time consent page returns there."
      />
      <TextField label="Scopes (one per line)" value={scopesText} autocomplete="off" rows={2} />
      <PrivateKeyField
        draft={key}
        editing={editing}
        hint="The RSA private key from Apps and Keys → Service Integration (shown once when it was made), pasted as it is."
      />
      <dl class="jwt-preview" aria-label="What the vault sends">
        <dt>Token URL</dt>
        <dd>
          <code>{accountServer ? docusignTokenUrl(accountServer) : '—'}</code>
        </dd>
        <ClaimsPreview
          claims={complete ? { ...docusignClaims(grant, 0), iat: '(now)', exp: '(now + 1 hour)' } : undefined}
          missing="Enter the integration key, the user ID, the account server and the scopes."
        />
        {complete && redirect && (
          <>
            <dt class="wide">Consent, once, before the first token</dt>
            <dd class="wide">
              <a
                href={docusignConsentUrl({ ...grant, redirectUri: redirect })}
                target="_blank"
                rel="noreferrer"
              >
                Give consent at DocuSign
              </a>
            </dd>
          </>
        )}
      </dl>
    </KindFormFrame>
  );
}
