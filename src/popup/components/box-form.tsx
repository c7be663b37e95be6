// The form of a Box app with JWT server authentication, for adding and for editing: paste or pick
// the config.json the developer console downloads and see, before saving, the app, its key (type,
// thumbprint — never the key or the secret) and the claims the vault will sign; choose whom the
// tokens act as. The key is opened with the file's own passphrase, which is not kept. An edit
// keeps the app and key unless a new config.json is given.
import { useSignal } from '@preact/signals';
import { boxClaims, readBoxConfig } from '../../core/credentials/box';
import { BOX_TOKEN_URL } from '../../core/credentials/kind-defaults';
import type { Recognised } from '../../core/credentials/recognise';
import { LIMITS } from '../../core/vault/limits';
import type { BoxJwtView } from '../../shared/messages';
import { ClaimsPreview } from './claims-preview';
import { RadioGroup } from './fields/radio-group';
import { TextField } from './fields/text-field';
import { KindFormFrame, useKindForm } from './kind-form-frame';
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
  /** What the user started from on Add credential: a config.json fills its field. */
  start?: Recognised;
  credential?: BoxJwtView;
  titleId?: string;
  onDone(): void;
}

export function BoxForm({ credential, titleId, onDone, start }: BoxFormProps) {
  const form = useKindForm(credential, onDone);
  const editing = form.editing;
  const prefix = `box-form-${credential?.id ?? 'new'}`;
  const subjectType = useSignal<'enterprise' | 'user'>(credential?.subjectType ?? 'enterprise');
  const userId = useSignal(credential?.subjectType === 'user' ? credential.subject : '');
  const enterpriseText = useSignal(credential?.subjectType === 'enterprise' ? credential.subject : '');
  const tokenUrl = useSignal(credential?.tokenUrl ?? BOX_TOKEN_URL);
  const config = useKeyDraft(readConfig, start?.kind === 'box-jwt' ? start.text : '');

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

  const submit = () => {
    if (!ready || !app) return;
    const text = keyText(config);
    void form.save(
      {
        kind: 'box-jwt',
        ...(text ? { configFile: text } : {}),
        subjectType: subjectType.value,
        subject,
        tokenUrl: tokenUrl.value.trim(),
      },
      `Box app ${app.clientId}`,
      () => clearKey(config),
    );
  };

  return (
    <KindFormFrame
      form={form}
      id={prefix}
      titleId={titleId}
      title={credential ? `Edit ${credential.label}` : 'Add a Box app'}
      labelHint="Box app and its client ID unless you name it."
      disabled={!ready}
      onSubmit={submit}
      onDone={onDone}
    >
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
    </KindFormFrame>
  );
}
