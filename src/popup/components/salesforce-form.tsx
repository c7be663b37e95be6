// The form of a Salesforce JWT bearer credential, for adding and for editing: the connected app's
// consumer key, the user to act as, where the org logs in, and the private key whose certificate
// is uploaded to the app. Before saving it shows the key (type, thumbprint — never the key) and
// the claims the vault will sign. An edit keeps the key unless a new one is given.
import { useSignal } from '@preact/signals';
import { SALESFORCE_LOGIN_URL, SALESFORCE_TEST_LOGIN_URL } from '../../core/credentials/kind-defaults';
import type { Recognised } from '../../core/credentials/recognise';
import { salesforceClaims } from '../../core/credentials/salesforce';
import { salesforceTokenUrl } from '../../core/credentials/token-urls';
import { LIMITS } from '../../core/vault/limits';
import type { SalesforceJwtView } from '../../shared/messages';
import { ClaimsPreview } from './claims-preview';
import { RadioGroup } from './fields/radio-group';
import { TextField } from './fields/text-field';
import { KindFormFrame, useKindForm } from './kind-form-frame';
import { clearKey, keyInput, keyReady, PrivateKeyField, useKeyDraft } from './private-key-field';

type LoginChoice = 'production' | 'sandbox' | 'my-domain';

const LOGIN_CHOICES: readonly { value: LoginChoice; label: string }[] = [
  { value: 'production', label: `Production (${SALESFORCE_LOGIN_URL})` },
  { value: 'sandbox', label: `Sandbox (${SALESFORCE_TEST_LOGIN_URL})` },
  { value: 'my-domain', label: 'My Domain' },
];

function choiceOf(loginUrl: string | undefined): LoginChoice {
  if (loginUrl === undefined || loginUrl === SALESFORCE_LOGIN_URL) return 'production';
  return loginUrl === SALESFORCE_TEST_LOGIN_URL ? 'sandbox' : 'my-domain';
}

/** The login URL the choice names; a My Domain as typed, without a trailing slash. */
function loginUrlOf(choice: LoginChoice, myDomain: string): string {
  if (choice === 'production') return SALESFORCE_LOGIN_URL;
  if (choice === 'sandbox') return SALESFORCE_TEST_LOGIN_URL;
  return myDomain.trim().replace(/\/+$/, '');
}

export interface SalesforceFormProps {
  /** What the user started from on Add credential: a private key fills the key field. */
  start?: Recognised;
  credential?: SalesforceJwtView;
  titleId?: string;
  onDone(): void;
}

export function SalesforceForm({ credential, titleId, onDone, start }: SalesforceFormProps) {
  const form = useKindForm(credential, onDone);
  const prefix = `salesforce-form-${credential?.id ?? 'new'}`;
  const consumerKey = useSignal(credential?.consumerKey ?? '');
  const username = useSignal(credential?.username ?? '');
  const login = useSignal<LoginChoice>(choiceOf(credential?.loginUrl));
  const myDomain = useSignal(login.value === 'my-domain' ? (credential?.loginUrl ?? '') : '');
  const key = useKeyDraft(undefined, start?.kind === 'private-key' ? start.text : '');

  const loginUrl = loginUrlOf(login.value, myDomain.value);
  const grant = { consumerKey: consumerKey.value.trim(), username: username.value.trim(), loginUrl };
  const complete = grant.consumerKey !== '' && grant.username !== '' && grant.loginUrl !== '';
  const claims = complete ? salesforceClaims(grant, 0) : undefined;
  const ready = complete && keyReady(key, form.editing);

  const submit = () => {
    if (!ready) return;
    void form.save({ kind: 'salesforce-jwt', ...grant, ...keyInput(key) }, grant.username, () =>
      clearKey(key),
    );
  };

  return (
    <KindFormFrame
      form={form}
      id={prefix}
      titleId={titleId}
      title={credential ? `Edit ${credential.label}` : 'Add a Salesforce credential'}
      labelHint="The username unless you name it."
      disabled={!ready}
      onSubmit={submit}
      onDone={onDone}
    >
      <TextField
        label="Consumer key"
        value={consumerKey}
        autocomplete="off"
        required
        maxLength={LIMITS.clientId}
        hint="The connected app's consumer key (Setup → App Manager → View → Manage Consumer Details)."
      />
      <TextField
        label="Username"
        value={username}
        autocomplete="off"
        required
        maxLength={LIMITS.name}
        hint="The Salesforce user the tokens act as; the app must be pre-authorized for them."
      />
      <RadioGroup legend="Login URL" name={`${prefix}-login`} value={login} choices={LOGIN_CHOICES}>
        {login.value === 'my-domain' && (
          <TextField
            label="My Domain URL"
            type="url"
            value={myDomain}
            autocomplete="off"
            required
            placeholder="https://yourcompany.my.salesforce.com"
          />
        )}
      </RadioGroup>
      <PrivateKeyField
        draft={key}
        editing={form.editing}
        hint="The key whose certificate you uploaded to the connected app (the server.key you made with openssl), pasted as it is."
      />
      <dl class="jwt-preview" aria-label="What the vault sends">
        <dt>Token URL</dt>
        <dd>
          <code>{loginUrl ? salesforceTokenUrl(loginUrl) : '—'}</code>
        </dd>
        <ClaimsPreview
          claims={claims && { ...claims, exp: '(now + 3 minutes)' }}
          missing="Enter the consumer key, the username and the login URL."
        />
      </dl>
    </KindFormFrame>
  );
}
