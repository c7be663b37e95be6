// One credential's page: what it is (its kind, and what that kind shows: user, apps and expiry, or
// account, key and scopes), the connections that use it, its edit form, and Delete. Saving or
// deleting returns to the list.
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

/** What the kind says about itself: the user, apps and expiry of a JWT; the account and key of a service account. */
function KindFacts({ credential, apps }: { credential: CredentialView; apps: AppView[] }) {
  if (credential.kind === 'google-service-account') {
    return (
      <>
        <dt>Account</dt>
        <dd>{credential.clientEmail}</dd>
        <dt>Project</dt>
        <dd>{credential.projectId ?? '—'}</dd>
        <dt>Key</dt>
        <dd>
          {credential.keyDescription}, thumbprint <code>{credential.keyThumbprint}</code>
        </dd>
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
  }
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
        warning={
          credential.kind === 'google-service-account'
            ? `Delete "${credential.label}"? Its key is erased from this vault; the key stays valid at Google until you delete it in the Cloud console.`
            : `Delete "${credential.label}"? Its JWT is erased from this vault; the credential itself stays valid at RingCentral until you revoke it there.`
        }
        remove={() => domains.credentials.remove(credential.id)}
        onDeleted={back}
      />
    </Page>
  );
}
