// The form of a client that authenticates with its secret, for adding and for editing: a Zoom
// server-to-server app (account ID, client ID and secret) or another server's client credentials
// (token URL, client ID and secret, scopes). Before saving it shows what the vault will send —
// never the secret. An edit never shows the stored secret and keeps it unless a new one is typed.
import { useComputed, useSignal } from '@preact/signals';
import { CLIENT_SECRET_PRESET_IDS, CLIENT_SECRET_PRESETS } from '../../core/credentials/client-secret';
import type { Recognised } from '../../core/credentials/recognise';
import { LIMITS } from '../../core/vault/limits';
import type { ClientSecretPreset } from '../../core/vault/model';
import type { ClientSecretView } from '../../shared/messages';
import { parseList } from './fields/parse-list';
import { RadioGroup } from './fields/radio-group';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';
import { KindFormFrame, useKindForm } from './kind-form-frame';

const PRESET_CHOICES = CLIENT_SECRET_PRESET_IDS.map((id) => ({
  value: id,
  label: CLIENT_SECRET_PRESETS[id].label,
}));

export interface ClientSecretFormProps {
  /** What the user started from on Add credential: a Zoom .env fills the account, client and secret. */
  start?: Recognised;
  credential?: ClientSecretView;
  titleId?: string;
  onDone(): void;
}

export function ClientSecretForm({ credential, titleId, onDone, start }: ClientSecretFormProps) {
  const form = useKindForm(credential, onDone);
  const editing = form.editing;
  const prefix = `client-secret-form-${credential?.id ?? 'new'}`;
  const preset = useSignal<ClientSecretPreset>(credential?.preset ?? 'zoom');
  const spec = CLIENT_SECRET_PRESETS[preset.value];
  const fromFile = start?.kind === 'client-secret' ? start : undefined;
  const accountId = useSignal(credential?.accountId ?? fromFile?.accountId ?? '');
  const clientId = useSignal(credential?.clientId ?? fromFile?.clientId ?? '');
  const secret = useSignal(fromFile?.clientSecret ?? '');
  // Undefined follows the preset's token URL until typed in.
  const tokenUrlText = useSignal<string | undefined>(credential?.tokenUrl);
  const scopesText = useSignal(credential?.scopes.join('\n') ?? '');

  const tokenUrlShown = useComputed(
    () => tokenUrlText.value ?? CLIENT_SECRET_PRESETS[preset.value].tokenUrl ?? '',
  );
  const tokenUrl = tokenUrlShown.value.trim();
  const scopes = spec.accountId ? [] : parseList(scopesText.value);
  const missing = [
    spec.accountId && !accountId.value.trim() && 'the account ID',
    !clientId.value.trim() && 'the client ID',
    !editing && !secret.value.trim() && 'the client secret',
    !tokenUrl && 'the token URL',
  ].filter((item): item is string => typeof item === 'string');
  const body = new URLSearchParams(spec.grant({ accountId: accountId.value.trim(), scopes })).toString();

  const submit = () => {
    if (missing.length > 0) return;
    void form.save(
      {
        kind: 'client-secret',
        preset: preset.value,
        clientId: clientId.value.trim(),
        ...(secret.value.trim() ? { clientSecret: secret.value.trim() } : {}),
        tokenUrl,
        ...(spec.accountId ? { accountId: accountId.value.trim() } : {}),
        scopes,
      },
      clientId.value.trim(),
      () => {
        secret.value = '';
      },
    );
  };

  return (
    <KindFormFrame
      form={form}
      id={prefix}
      titleId={titleId}
      title={credential ? `Edit ${credential.label}` : 'Add a client'}
      labelHint="The client ID unless you name it."
      disabled={missing.length > 0}
      onSubmit={submit}
      onDone={onDone}
      lead={
        !editing && (
          <RadioGroup legend="Server" name={`${prefix}-preset`} value={preset} choices={PRESET_CHOICES} />
        )
      }
    >
      {spec.accountId && (
        <TextField
          label="Account ID"
          value={accountId}
          autocomplete="off"
          required
          maxLength={LIMITS.clientId}
          hint="From the app's App Credentials page in the Zoom App Marketplace."
        />
      )}
      <TextField label="Client ID" value={clientId} autocomplete="off" required maxLength={LIMITS.clientId} />
      <SecretField
        label={editing ? 'New client secret (leave empty to keep it)' : 'Client secret'}
        masked="off"
        value={secret}
        maxLength={LIMITS.clientSecret}
      />
      <TextField
        label="Token URL"
        type="url"
        value={tokenUrlShown}
        onInput={(text) => (tokenUrlText.value = text)}
        autocomplete="off"
        required
        maxLength={LIMITS.url}
      />
      {!spec.accountId && (
        <TextField label="Scopes (one per line, optional)" value={scopesText} autocomplete="off" rows={2} />
      )}
      <dl class="jwt-preview" aria-label="What the vault sends">
        <dt>To</dt>
        <dd>
          <code>{tokenUrl || '—'}</code>
        </dd>
        <dt>Header</dt>
        <dd>
          <code>Authorization: Basic</code> (the client ID and secret)
        </dd>
        <dt>Body</dt>
        <dd>
          <code>{body}</code>
        </dd>
      </dl>
    </KindFormFrame>
  );
}
