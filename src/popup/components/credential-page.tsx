// One credential's page: what it is (its kind, and what that kind shows: user, apps and expiry, or
// account, key and scopes), the connections that use it, its edit form, and Delete. Saving or
// deleting returns to the list.
import { CLIENT_ASSERTION_LABELS, CLIENT_SECRET_LABELS } from '../../core/credentials/kind-defaults';
import { CREDENTIAL_KINDS } from '../../core/credentials/kinds';
import type { AppView, CredentialView } from '../../shared/messages';
import { usePopupState } from '../context';
import { useNavigation } from '../navigation-context';
import type { ConnectionRow } from '../state';
import { CredentialForm } from './credential-form';
import { allowedText, expiryText } from './credential-row';
import { DeleteItem } from './delete-item';
import { Page, usedByText } from './page';

/** Where each connection using it injects, from which tools; their status is on Home. */
function UsedBy({ using }: { using: ConnectionRow[] }) {
  if (using.length === 0) return null;
  return (
    <ul class="credentials" aria-label="Connections using it">
      {using.map((connection) => (
        <li key={connection.id}>
          <code>{connection.apiBaseUrl}</code>
          <small>
            {' '}
            from {connection.toolOrigins.join(', ')}
            {connection.status.enabled ? '' : ' (disabled)'}
          </small>
        </li>
      ))}
    </ul>
  );
}

/** A signing kind's key: its type and size, and the thumbprint to match against the provider's console. */
function KeyFact({ credential }: { credential: { keyDescription: string; keyThumbprint: string } }) {
  return (
    <>
      <dt>Key</dt>
      <dd>
        {credential.keyDescription}, thumbprint <code>{credential.keyThumbprint}</code>
      </dd>
    </>
  );
}

/** What the kind says about itself: the user, apps and expiry of a JWT; the account, key and grant of the signing kinds. */
function KindFacts({ credential, apps }: { credential: CredentialView; apps: AppView[] }) {
  switch (credential.kind) {
    case 'google-service-account':
      return (
        <>
          <dt>Account</dt>
          <dd>{credential.clientEmail}</dd>
          <dt>Project</dt>
          <dd>{credential.projectId ?? '—'}</dd>
          <KeyFact credential={credential} />
          <dt>Token URL</dt>
          <dd>
            <code>{credential.tokenUri}</code>
          </dd>
          <dt>Scopes</dt>
          <dd>{credential.scopes.join(' ')}</dd>
          {credential.subject && (
            <>
              <dt>Acts as</dt>
              <dd>{credential.subject}</dd>
            </>
          )}
        </>
      );
    case 'salesforce-jwt':
      return (
        <>
          <dt>User</dt>
          <dd>{credential.username}</dd>
          <dt>Consumer key</dt>
          <dd>
            <code>{credential.consumerKey}</code>
          </dd>
          <dt>Login URL</dt>
          <dd>
            <code>{credential.loginUrl}</code>
          </dd>
          <KeyFact credential={credential} />
        </>
      );
    case 'client-assertion':
      return (
        <>
          <dt>Server</dt>
          <dd>{CLIENT_ASSERTION_LABELS[credential.preset]}</dd>
          <dt>Client ID</dt>
          <dd>
            <code>{credential.clientId}</code>
          </dd>
          <dt>Token URL</dt>
          <dd>
            <code>{credential.tokenUrl}</code>
          </dd>
          {credential.apiAudience && (
            <>
              <dt>API</dt>
              <dd>{credential.apiAudience}</dd>
            </>
          )}
          <dt>Scopes</dt>
          <dd>{credential.scopes.join(' ') || '—'}</dd>
          <KeyFact credential={credential} />
        </>
      );
    case 'client-secret':
      return (
        <>
          <dt>Server</dt>
          <dd>{CLIENT_SECRET_LABELS[credential.preset]}</dd>
          {credential.accountId && (
            <>
              <dt>Account ID</dt>
              <dd>
                <code>{credential.accountId}</code>
              </dd>
            </>
          )}
          <dt>Client ID</dt>
          <dd>
            <code>{credential.clientId}</code>
          </dd>
          <dt>Token URL</dt>
          <dd>
            <code>{credential.tokenUrl}</code>
          </dd>
          {credential.scopes.length > 0 && (
            <>
              <dt>Scopes</dt>
              <dd>{credential.scopes.join(' ')}</dd>
            </>
          )}
        </>
      );
    case 'docusign-jwt':
      return (
        <>
          <dt>User</dt>
          <dd>
            <code>{credential.userId}</code>
          </dd>
          <dt>Integration key</dt>
          <dd>
            <code>{credential.integrationKey}</code>
          </dd>
          <dt>Account server</dt>
          <dd>
            <code>{credential.accountServer}</code>
          </dd>
          <dt>Scopes</dt>
          <dd>{credential.scopes.join(' ')}</dd>
          <KeyFact credential={credential} />
        </>
      );
    case 'box-jwt':
      return (
        <>
          <dt>Client ID</dt>
          <dd>
            <code>{credential.clientId}</code>
          </dd>
          <dt>Acts as</dt>
          <dd>
            {credential.subjectType === 'enterprise' ? 'Enterprise' : 'User'}{' '}
            <code>{credential.subject}</code>
          </dd>
          <dt>Public key ID</dt>
          <dd>
            <code>{credential.publicKeyId}</code>
          </dd>
          <KeyFact credential={credential} />
          <dt>Token URL</dt>
          <dd>
            <code>{credential.tokenUrl}</code>
          </dd>
        </>
      );
    case 'ringcentral-jwt': {
      const expiry = expiryText(credential);
      return (
        <>
          <dt>User</dt>
          <dd>{credential.jwtInfo.sub ?? '—'}</dd>
          <dt>Apps</dt>
          <dd>{allowedText(credential, apps)}</dd>
          <dt>JWT</dt>
          <dd class={expiry.warn ? 'warning' : undefined}>{expiry.text}</dd>
        </>
      );
    }
  }
}

/** What deleting erases, and what stays valid where the user must revoke it themselves. */
function deleteWarning(credential: CredentialView): string {
  const name = `Delete "${credential.label}"?`;
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return `${name} Its JWT is erased from this vault; the credential itself stays valid at RingCentral until you revoke it there.`;
    case 'google-service-account':
      return `${name} Its key is erased from this vault; the key stays valid at Google until you delete it in the Cloud console.`;
    case 'salesforce-jwt':
      return `${name} Its key is erased from this vault; the key stays valid until you remove its certificate from the connected app.`;
    case 'client-assertion':
      return `${name} Its key is erased from this vault; the key stays valid until you remove it from the client at ${CLIENT_ASSERTION_LABELS[credential.preset]}.`;
    case 'docusign-jwt':
      return `${name} Its key is erased from this vault; the key stays valid until you remove it from the integration in Apps and Keys.`;
    case 'box-jwt':
      return `${name} Its key and client secret are erased from this vault; they stay valid until you remove the public key and reset the secret in the app's Configuration tab.`;
    case 'client-secret':
      return `${name} Its client secret is erased from this vault; the secret stays valid until you regenerate it in the app's settings.`;
  }
}

export function CredentialPage({ credential }: { credential: CredentialView }) {
  const { apps, connections, domains } = usePopupState();
  const using = connections.value.filter((c) => c.credentialId === credential.id);
  const navigation = useNavigation();
  const back = () => navigation.up();
  return (
    <Page view="credentials" titleId="credential-page-title" title={credential.label}>
      <dl class="facts" aria-label="About this credential">
        <dt>Kind</dt>
        <dd>{CREDENTIAL_KINDS[credential.kind].label}</dd>
        <KindFacts credential={credential} apps={apps.value} />
        <dt>Used by</dt>
        <dd>{usedByText(using.length)}</dd>
      </dl>
      <UsedBy using={using} />
      <CredentialForm credential={credential} onDone={back} />
      <DeleteItem
        label="Delete credential"
        warning={deleteWarning(credential)}
        remove={() => domains.credentials.remove(credential.id)}
        onDeleted={back}
      />
    </Page>
  );
}
