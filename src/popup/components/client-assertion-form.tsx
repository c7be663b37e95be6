// The form of a client that authenticates with a signed assertion (`private_key_jwt`), for adding
// and for editing: which authorization server (Okta, Auth0, Microsoft Entra, another), the client
// ID and token URL, what the token is asked for (scopes, or Auth0's API), how the server knows
// the key (a key ID, or Entra's certificate), and the private key. Before saving it shows the
// header and claims the vault will sign and what the request asks for — never the key.
import { useComputed, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import {
  CLIENT_ASSERTION_PRESET_IDS,
  CLIENT_ASSERTION_PRESETS,
  clientAssertionClaims,
  clientAssertionHeader,
} from '../../core/credentials/client-assertion';
import type { Recognised } from '../../core/credentials/recognise';
import { VaultError } from '../../core/errors';
import { certificateThumbprint } from '../../core/keys';
import { LIMITS } from '../../core/vault/limits';
import type { ClientAssertionPreset } from '../../core/vault/model';
import type { ClientAssertionView } from '../../shared/messages';
import { ClaimsPreview } from './claims-preview';
import { parseList } from './fields/parse-list';
import { RadioGroup } from './fields/radio-group';
import { TextField } from './fields/text-field';
import { KindFormFrame, useKindForm } from './kind-form-frame';
import { clearKey, keyInput, keyReady, PrivateKeyField, useKeyDraft } from './private-key-field';

const PRESET_CHOICES = CLIENT_ASSERTION_PRESET_IDS.map((id) => ({
  value: id,
  label: CLIENT_ASSERTION_PRESETS[id].label,
}));

/** The token URL as typed, when it is a URL at all: the preview's audience follows it. */
function urlOrUndefined(text: string): string | undefined {
  try {
    return new URL(text.trim()).href;
  } catch {
    return undefined;
  }
}

/** The certificate's thumbprint, or why it has none; nothing while empty. */
function useThumbprint(text: string) {
  const reading = useSignal<{ thumbprint?: string; problem?: string }>({});
  useEffect(() => {
    let current = true;
    const show = (value: { thumbprint?: string; problem?: string }) => {
      if (current) reading.value = value;
    };
    if (!text.trim()) show({});
    else
      certificateThumbprint(text).then(
        (thumbprint) => show({ thumbprint }),
        (error: unknown) =>
          show({ problem: error instanceof VaultError ? error.message : 'This certificate cannot be read.' }),
      );
    return () => {
      current = false;
    };
  }, [text]);
  return reading.value;
}

export interface ClientAssertionFormProps {
  /** What the user started from on Add credential: a private key fills the key field. */
  start?: Recognised;
  credential?: ClientAssertionView;
  titleId?: string;
  onDone(): void;
}

export function ClientAssertionForm({ credential, titleId, onDone, start }: ClientAssertionFormProps) {
  const form = useKindForm(credential, onDone);
  const editing = form.editing;
  const prefix = `client-assertion-form-${credential?.id ?? 'new'}`;
  const preset = useSignal<ClientAssertionPreset>(credential?.preset ?? 'okta');
  const spec = CLIENT_ASSERTION_PRESETS[preset.value];
  const clientId = useSignal(credential?.clientId ?? '');
  const tokenUrl = useSignal(credential?.tokenUrl ?? '');
  const audience = useSignal(credential?.preset === 'other' ? credential.audience : '');
  // Undefined follows the preset's default scopes until typed in.
  const scopesText = useSignal<string | undefined>(credential?.scopes.join('\n'));
  const apiAudience = useSignal(credential?.apiAudience ?? '');
  const keyId = useSignal(credential?.keyId ?? '');
  const certificate = useSignal('');
  const key = useKeyDraft(undefined, start?.kind === 'private-key' ? start.text : '');
  const certificateReading = useThumbprint(certificate.value);

  const scopesShown = useComputed(
    () => scopesText.value ?? CLIENT_ASSERTION_PRESETS[preset.value].defaultScopes.join('\n'),
  );
  const scopes = parseList(scopesShown.value);
  const url = urlOrUndefined(tokenUrl.value);
  const thumbprint =
    certificateReading.thumbprint ?? (certificate.value ? undefined : credential?.certificateThumbprint);
  const grant = {
    clientId: clientId.value.trim(),
    audience:
      preset.value === 'other' && audience.value.trim()
        ? audience.value.trim()
        : url
          ? spec.audience(url)
          : '',
    ...(keyId.value.trim() && spec.keyHeader === 'kid' ? { keyId: keyId.value.trim() } : {}),
    ...(thumbprint && spec.keyHeader === 'x5t#S256' ? { certificateThumbprint: thumbprint } : {}),
  };
  const missing = [
    !grant.clientId && 'the client ID',
    !url && 'the token URL',
    spec.keyHeader === 'x5t#S256' && !thumbprint && 'the certificate',
    spec.apiAudience && !apiAudience.value.trim() && "the API's audience",
    !spec.apiAudience && preset.value !== 'other' && scopes.length === 0 && 'a scope',
  ].filter((item): item is string => typeof item === 'string');
  const ready = missing.length === 0 && keyReady(key, editing);

  const submit = () => {
    if (!ready || !url) return;
    void form.save(
      {
        kind: 'client-assertion',
        preset: preset.value,
        clientId: grant.clientId,
        tokenUrl: url,
        ...(preset.value === 'other' && audience.value.trim() ? { audience: audience.value.trim() } : {}),
        scopes,
        ...(spec.apiAudience ? { apiAudience: apiAudience.value.trim() } : {}),
        ...(grant.keyId ? { keyId: grant.keyId } : {}),
        ...(certificate.value.trim() && spec.keyHeader === 'x5t#S256'
          ? { certificate: certificate.value }
          : {}),
        ...keyInput(key),
      },
      grant.clientId,
      () => clearKey(key),
    );
  };

  const request = [
    'grant_type=client_credentials',
    scopes.length > 0 && `scope=${scopes.join(' ')}`,
    spec.apiAudience && apiAudience.value.trim() && `audience=${apiAudience.value.trim()}`,
  ].filter(Boolean);

  return (
    <KindFormFrame
      form={form}
      id={prefix}
      titleId={titleId}
      title={credential ? `Edit ${credential.label}` : 'Add a client'}
      labelHint="The client ID unless you name it."
      disabled={!ready}
      onSubmit={submit}
      onDone={onDone}
      lead={
        !editing && (
          <RadioGroup
            legend="Authorization server"
            name={`${prefix}-preset`}
            value={preset}
            choices={PRESET_CHOICES}
          />
        )
      }
    >
      <TextField label="Client ID" value={clientId} autocomplete="off" required maxLength={LIMITS.clientId} />
      <TextField
        label="Token URL"
        type="url"
        value={tokenUrl}
        autocomplete="off"
        required
        maxLength={LIMITS.url}
        hint={`For ${spec.label}: ${spec.tokenUrlHint}.`}
      />
      {preset.value === 'other' && (
        <TextField
          label="Audience (aud, optional)"
          value={audience}
          autocomplete="off"
          maxLength={LIMITS.url}
          hint="The token URL unless the server asks for another, such as its issuer URL."
        />
      )}
      {spec.apiAudience && (
        <TextField
          label="API audience"
          value={apiAudience}
          autocomplete="off"
          required
          maxLength={LIMITS.url}
          hint="The identifier of the API the tokens are for (Applications → APIs → Identifier)."
        />
      )}
      <TextField
        label={
          spec.apiAudience || preset.value === 'other'
            ? 'Scopes (one per line, optional)'
            : 'Scopes (one per line)'
        }
        value={scopesShown}
        onInput={(text) => (scopesText.value = text)}
        autocomplete="off"
        rows={2}
      />
      {spec.keyHeader === 'kid' ? (
        <TextField
          label="Key ID (kid, optional)"
          value={keyId}
          autocomplete="off"
          maxLength={LIMITS.clientId}
          hint="The ID the server lists the public key under, when it asks for one."
        />
      ) : (
        <TextField
          label={editing ? 'New certificate (leave empty to keep it)' : 'Certificate'}
          value={certificate}
          autocomplete="off"
          rows={3}
          hint="The certificate uploaded to the app (Certificates & secrets), as PEM: Entra knows the key by its thumbprint."
          error={certificateReading.problem}
        />
      )}
      <PrivateKeyField
        draft={key}
        editing={editing}
        hint="The private key whose public half is registered for the client, pasted as it is."
      />
      <dl class="jwt-preview" aria-label="What the vault sends">
        <dt>Request</dt>
        <dd>
          <code>{request.join('&')}</code>
        </dd>
        <ClaimsPreview
          header={
            missing.length === 0
              ? {
                  alg: key.reading.value.key?.alg ?? "(the key's)",
                  typ: 'JWT',
                  ...clientAssertionHeader(grant),
                }
              : undefined
          }
          claims={
            missing.length === 0
              ? {
                  ...clientAssertionClaims(grant, 0, '(new for each token)'),
                  iat: '(now)',
                  exp: '(now + 3 minutes)',
                }
              : undefined
          }
          missing={`Enter ${missing.join(', ')}.`}
        />
      </dl>
    </KindFormFrame>
  );
}
