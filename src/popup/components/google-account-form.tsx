// The form of a Google service account, for adding and for editing: paste or pick the JSON key
// file and see, before saving, the account, its key (type, size, thumbprint — never the key) and
// the claims the vault will sign; name the scopes, and the user to act as for domain-wide
// delegation. An edit keeps the key unless a new key file is given. The key file's text leaves the
// form as soon as it is saved; a picked file is read, never shown.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import {
  readServiceAccountKey,
  type ServiceAccountKey,
  serviceAccountClaims,
} from '../../core/credentials/google-service-account';
import { GOOGLE_DEFAULT_SCOPE } from '../../core/credentials/kind-defaults';
import type { Recognised } from '../../core/credentials/recognise';
import { VaultError } from '../../core/errors';
import { LIMITS } from '../../core/vault/limits';
import type { GoogleServiceAccountView } from '../../shared/messages';
import { ClaimsPreview } from './claims-preview';
import { parseList } from './fields/parse-list';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';
import { KindFormFrame, useKindForm } from './kind-form-frame';

/** What a key file says, or why it cannot be used; nothing while empty. */
export type KeyFileReading = { key?: ServiceAccountKey; problem?: string };

export async function readKeyFile(text: string): Promise<KeyFileReading> {
  if (!text.trim()) return {};
  try {
    return { key: await readServiceAccountKey(text) };
  } catch (error) {
    return { problem: error instanceof VaultError ? error.message : 'This key file cannot be read.' };
  }
}

/** The account and key a file (or the stored credential) describes, and the claims to be signed. */
function AccountPreview({
  account,
  scopes,
  subject,
  label,
}: {
  account: Pick<ServiceAccountKey, 'clientEmail' | 'privateKeyId' | 'tokenUri' | 'projectId'> & {
    keyDescription: string;
    keyThumbprint: string;
  };
  scopes: string[];
  subject: string;
  label: string;
}) {
  const claims =
    scopes.length > 0
      ? serviceAccountClaims(
          { ...account, scopes, ...(subject ? { subject } : {}) },
          Math.floor(Date.now() / 1000),
        )
      : undefined;
  return (
    <dl class="jwt-preview" aria-label={label}>
      <dt>Service account</dt>
      <dd>{account.clientEmail}</dd>
      <dt>Project</dt>
      <dd>{account.projectId ?? '—'}</dd>
      <dt>Key</dt>
      <dd>
        {account.keyDescription}, id <code>{account.privateKeyId}</code>
      </dd>
      <dt>Thumbprint</dt>
      <dd>
        <code>{account.keyThumbprint}</code>
      </dd>
      <dt>Token URL</dt>
      <dd>
        <code>{account.tokenUri}</code>
      </dd>
      <ClaimsPreview
        claims={claims && { ...claims, iat: '(now)', exp: '(now + 1 hour)' }}
        missing="Name at least one scope."
      />
    </dl>
  );
}

export interface GoogleAccountFormProps {
  /** What the user started from on Add credential: a key file fills its field. */
  start?: Recognised;
  credential?: GoogleServiceAccountView;
  titleId?: string;
  onDone(): void;
}

export function GoogleAccountForm({ credential, titleId, onDone, start }: GoogleAccountFormProps) {
  const form = useKindForm(credential, onDone);
  const editing = form.editing;
  const prefix = `google-form-${credential?.id ?? 'new'}`;
  const scopesText = useSignal(credential?.scopes.join('\n') ?? GOOGLE_DEFAULT_SCOPE);
  const subject = useSignal(credential?.subject ?? '');
  // Pasted text is shown in the field; a picked file's is kept here only.
  const pasted = useSignal(start?.kind === 'google-service-account' ? start.text : '');
  const picked = useSignal<{ name: string; text: string } | undefined>(undefined);
  const reading = useSignal<KeyFileReading>({});
  const scopeProblem = useSignal<string | undefined>(undefined);
  const keyText = picked.value?.text ?? pasted.value;

  // Read as it changes; a reading that ends after a later one started is dropped.
  useEffect(() => {
    let current = true;
    void readKeyFile(keyText).then((result) => {
      if (current) reading.value = result;
    });
    return () => {
      current = false;
    };
  }, [keyText]);

  const pick = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > LIMITS.keyFile) {
      reading.value = { problem: `The file is larger than ${LIMITS.keyFile} bytes: is it a key file?` };
      return;
    }
    pasted.value = '';
    picked.value = { name: file.name, text: await file.text() };
  };

  const { key, problem } = reading.value;
  const scopes = parseList(scopesText.value);
  const needsKey = !editing || keyText !== '';

  const submit = () => {
    scopeProblem.value = scopes.length === 0 ? 'Name at least one scope.' : undefined;
    if (scopes.length === 0 || (needsKey && !key)) return;
    void form.save(
      {
        kind: 'google-service-account',
        ...(keyText ? { keyFile: keyText } : {}),
        scopes,
        subject: subject.value.trim(),
      },
      key?.clientEmail || credential?.label || '',
      () => {
        pasted.value = '';
        picked.value = undefined;
      },
    );
  };

  return (
    <KindFormFrame
      form={form}
      id={prefix}
      titleId={titleId}
      title={credential ? `Edit ${credential.label}` : 'Add a service account'}
      labelHint="The service account's email unless you name it."
      disabled={needsKey && !key}
      onSubmit={submit}
      onDone={onDone}
    >
      <SecretField
        label={editing ? 'New key file (leave empty to keep the key)' : 'Key file'}
        value={pasted}
        rows={4}
        onInput={(text) => {
          pasted.value = text;
          picked.value = undefined;
        }}
        hint="The JSON file from the service account's Keys tab, pasted as it is."
        error={problem}
      />
      <label>
        Or choose the key file
        <input type="file" accept=".json,application/json" onChange={(e) => void pick(e)} />
      </label>
      {picked.value && <p>Read from the file {picked.value.name}.</p>}
      {key && (
        <AccountPreview
          account={{
            ...key,
            keyDescription: key.privateKey.description,
            keyThumbprint: key.privateKey.thumbprint,
          }}
          scopes={scopes}
          subject={subject.value.trim()}
          label={editing ? 'New key' : 'Key file, read'}
        />
      )}
      <TextField
        label="Scopes (one per line)"
        value={scopesText}
        autocomplete="off"
        rows={2}
        error={scopeProblem.value}
      />
      <TextField
        label="Act as user (domain-wide delegation, optional)"
        value={subject}
        autocomplete="off"
        maxLength={LIMITS.name}
      />
    </KindFormFrame>
  );
}
