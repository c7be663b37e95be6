// The form of a Box app with JWT server authentication, for adding and for editing: paste or pick
// the config.json the developer console downloads and see, before saving, the app, its key (type,
// thumbprint — never the key or the secret) and the claims the vault will sign; choose whom the
// tokens act as. The key is opened with the file's own passphrase, which is not kept. An edit
// keeps the app and key unless a new config.json is given.
import { useSignal } from '@preact/signals';
import { boxClaims, readBoxConfig } from '../../core/credentials/box';
import { BOX_TOKEN_URL } from '../../core/credentials/kind-defaults';
import { LIMITS } from '../../core/vault/limits';
import type { BoxJwtView } from '../../shared/messages';
import { usePopupState } from '../context';
import { useAction } from '../hooks/use-action';
import { ClaimsPreview } from './claims-preview';
import { FormError } from './error-message';
import { FormActions } from './fields/form-actions';
import { RadioGroup } from './fields/radio-group';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';
import {
  clearKey,
  type KeyReader,
  keyReady,
  keyText,
  PrivateKeyField,
  useKeyDraft,
} from './private-key-field';

type BoxApp = { clientId: string; publicKeyId: string; enterpriseId?: string };

const readConfig: KeyReader<BoxApp> = async (text, passphrase) => {
  const config = await readBoxConfig(text, passphrase || undefined);
  return {
    key: {
      alg: config.key.alg,
      description: config.key.keyDescription,
      thumbprint: config.key.keyThumbprint,
    },
    details: {
      clientId: config.clientId,
      publicKeyId: config.publicKeyId,
      enterpriseId: config.enterpriseId,
    },
  };
};

const SUBJECTS = [
  { value: 'enterprise', label: "The enterprise (the app's service account)" },
  { value: 'user', label: 'A user' },
] as const;

export interface BoxFormProps {
  credential?: BoxJwtView;
  titleId?: string;
  onDone(): void;
}

export function BoxForm({ credential, titleId, onDone }: BoxFormProps) {
  const { domains } = usePopupState();
  const act = useAction();
  const editing = credential !== undefined;
  const prefix = `box-form-${credential?.id ?? 'new'}`;
  const label = useSignal(credential?.label ?? '');
  const notes = useSignal(credential?.notes ?? '');
  const subjectType = useSignal<'enterprise' | 'user'>(credential?.subjectType ?? 'enterprise');
  const userId = useSignal(credential?.subjectType === 'user' ? credential.subject : '');
  const enterpriseText = useSignal(credential?.subjectType === 'enterprise' ? credential.subject : '');
  const tokenUrl = useSignal(credential?.tokenUrl ?? BOX_TOKEN_URL);
  const config = useKeyDraft(readConfig);

  const app = config.reading.value.details ?? credential;
  const enterpriseId = enterpriseText.value.trim() || app?.enterpriseId || '';
  const subject = subjectType.value === 'user' ? userId.value.trim() : enterpriseId;
  const claims =
    app && subject && tokenUrl.value.trim()
      ? boxClaims(
          { ...app, subjectType: subjectType.value, subject, tokenUrl: tokenUrl.value.trim() },
          0,
          '(new for each token)',
        )
      : undefined;
  const ready = keyReady(config, editing) && claims !== undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!ready || !app) return;
    const text = keyText(config);
    const saved = await act.run(() => {
      const input = {
        ...(credential ? { id: credential.id } : {}),
        kind: 'box-jwt' as const,
        label: label.value.trim() || `Box app ${app.clientId}`,
        ...(text ? { configFile: text } : {}),
        subjectType: subjectType.value,
        subject,
        tokenUrl: tokenUrl.value.trim(),
        notes: notes.value,
      };
      return editing ? domains.credentials.edit(input) : domains.credentials.add(input);
    });
    if (saved.ok) {
      clearKey(config);
      onDone();
    }
  };

  return (
    <form
      class="panel credential-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby={titleId ?? `${prefix}-title`}
    >
      {titleId === undefined && (
        <h3 id={`${prefix}-title`}>{credential ? `Edit ${credential.label}` : 'Add a Box app'}</h3>
      )}
      <TextField
        label="Label"
        value={label}
        autocomplete="on"
        maxLength={LIMITS.name}
        hint={editing ? undefined : "The app's client ID unless you name it."}
      />
      <PrivateKeyField
        draft={config}
        editing={editing}
        label="config.json"
        fileLabel="Or choose the config.json"
        accept=".json,application/json"
        hint="The file from the app's Configuration tab (Generate a Public/Private Keypair), pasted as it is. Its key is opened with the passphrase it holds."
      />
      {config.reading.value.details && (
        <dl class="jwt-preview" aria-label="App, read">
          <dt>Client ID</dt>
          <dd>
            <code>{config.reading.value.details.clientId}</code>
          </dd>
          <dt>Public key ID</dt>
          <dd>
            <code>{config.reading.value.details.publicKeyId}</code>
          </dd>
          <dt>Enterprise</dt>
          <dd>{config.reading.value.details.enterpriseId ?? '—'}</dd>
        </dl>
      )}
      <RadioGroup legend="Tokens act as" name={`${prefix}-subject`} value={subjectType} choices={SUBJECTS}>
        {subjectType.value === 'user' ? (
          <TextField label="User ID" value={userId} autocomplete="off" required maxLength={LIMITS.clientId} />
        ) : (
          !app?.enterpriseId && (
            <TextField
              label="Enterprise ID"
              value={enterpriseText}
              autocomplete="off"
              required
              maxLength={LIMITS.clientId}
            />
          )
        )}
      </RadioGroup>
      <TextField
        label="Token URL"
        type="url"
        value={tokenUrl}
        autocomplete="off"
        required
        maxLength={LIMITS.url}
      />
      <dl class="jwt-preview" aria-label="What the vault sends">
        <dt>Request</dt>
        <dd>
          <code>grant_type=jwt-bearer, client_id, client_secret (from the file)</code>
        </dd>
        <ClaimsPreview
          header={claims && app ? { alg: 'RS256', typ: 'JWT', kid: app.publicKeyId } : undefined}
          claims={claims && { ...claims, exp: '(now + 45 seconds)' }}
          missing={app ? 'Enter whom the tokens act as.' : 'Paste the config.json.'}
        />
      </dl>
      <SecretField label="Notes" value={notes} maxLength={LIMITS.notes} />
      <FormError error={act.error.value} />
      <FormActions
        submit={editing ? 'Save changes' : 'Save credential'}
        disabled={act.pending.value || !ready}
        onCancel={onDone}
      />
    </form>
  );
}
