// One credential in the list: its label and user, which apps may use it, when its JWT expires,
// the label a link to its page. Three lines of fixed height, so the windowed list can place it
// unmeasured.
import { CLIENT_ASSERTION_LABELS, CLIENT_SECRET_LABELS } from '../../core/credentials/kind-defaults';
import type { AppView, CredentialView, RingCentralJwtView } from '../../shared/messages';
import { ChevronRight } from './icons';
import { RouteLink } from './route-link';

// One formatter for every row: toLocaleDateString builds a new one per call, which was most of
// the time spent re-rendering a long list on each keystroke of the filter.
const DAY = new Intl.DateTimeFormat([], { year: 'numeric', month: 'short', day: 'numeric' });

function day(epochSeconds: number): string {
  return DAY.format(epochSeconds * 1000);
}

/** A row's pitch in pixels: three 20 px lines, 8 px padding and 1 px border each side, an 8 px gap. */
export const CREDENTIAL_ROW_HEIGHT = 86;

/** What the expiry line says, and whether it is a warning. */
export function expiryText(credential: RingCentralJwtView): { text: string; warn: boolean } {
  const { exp, expired, expiresSoon } = credential.jwtInfo;
  if (exp === undefined) return { text: 'JWT without expiry', warn: false };
  if (expired) return { text: `JWT expired on ${day(exp)}`, warn: true };
  if (expiresSoon) return { text: `JWT expires soon: ${day(exp)}`, warn: true };
  return { text: `JWT expires ${day(exp)}`, warn: false };
}

/** Which apps may use it, with the app's name where the client ID is registered here. */
export function allowedText(credential: RingCentralJwtView, apps: AppView[]): string {
  if (credential.allowed.kind === 'organization') return 'All apps of my organization';
  const names = new Map(apps.map((app) => [app.clientId, app.name]));
  return `Only: ${credential.allowed.clientIds.map((id) => names.get(id) ?? id).join(', ')}`;
}

/** Who a credential acts as or for, by kind: what the list shows beside its label and searches. */
export function whoOf(credential: CredentialView): string | undefined {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return credential.jwtInfo.sub && `user ${credential.jwtInfo.sub}`;
    case 'google-service-account':
      return credential.clientEmail;
    case 'salesforce-jwt':
      return credential.username;
    case 'client-assertion':
    case 'client-secret':
      return `client ${credential.clientId}`;
    case 'box-jwt':
      return `${credential.subjectType} ${credential.subject}`;
    case 'docusign-jwt':
      return `user ${credential.userId}`;
  }
}

/** The row's second and third lines, by kind: who it is, what it may do, what to watch. */
function rowLines(credential: CredentialView, apps: AppView[]) {
  const who = whoOf(credential);
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return { who, what: allowedText(credential, apps), last: expiryText(credential) };
    case 'google-service-account':
      return {
        who,
        what: `Scopes: ${credential.scopes.join(' ')}`,
        last: { text: `Google service account · ${credential.keyDescription} key`, warn: false },
      };
    case 'salesforce-jwt':
      return {
        who,
        what: `Logs in at ${credential.loginUrl}`,
        last: { text: `Salesforce JWT bearer · ${credential.keyDescription} key`, warn: false },
      };
    case 'client-assertion':
      return {
        who,
        what: credential.apiAudience
          ? `For ${credential.apiAudience}`
          : `Scopes: ${credential.scopes.join(' ') || "(the server's default)"}`,
        last: {
          text: `${CLIENT_ASSERTION_LABELS[credential.preset]} private_key_jwt · ${credential.keyDescription} key`,
          warn: false,
        },
      };
    case 'client-secret':
      return {
        who,
        what: credential.accountId
          ? `Account ${credential.accountId}`
          : `Scopes: ${credential.scopes.join(' ') || "(the server's default)"}`,
        last: { text: `${CLIENT_SECRET_LABELS[credential.preset]} · client secret`, warn: false },
      };
    case 'docusign-jwt':
      return {
        who,
        what: `Integration ${credential.integrationKey}`,
        last: { text: `DocuSign JWT grant · ${credential.keyDescription} key`, warn: false },
      };
    case 'box-jwt':
      return {
        who,
        what: `Box app ${credential.clientId}`,
        last: { text: `Box JWT · ${credential.keyDescription} key`, warn: false },
      };
  }
}

export function CredentialRow({ credential, apps }: { credential: CredentialView; apps: AppView[] }) {
  const { who, what: allowed, last: expiry } = rowLines(credential, apps);
  return (
    <>
      <ChevronRight class="row-chevron" />
      {/* Each line ends in an ellipsis when too long; the title shows all of it on hover. The
          link covers the whole card (styles.css), so the card is what one clicks. */}
      <span class="line">
        <RouteLink view="credentials" item={credential.id} class="row-link">
          <strong>{credential.label}</strong>
        </RouteLink>
        {who && <small> · {who}</small>}
      </span>
      <small class="line" title={allowed}>
        {allowed}
      </small>
      <small class={expiry.warn ? 'line warning' : 'line'}>{expiry.text}</small>
    </>
  );
}
