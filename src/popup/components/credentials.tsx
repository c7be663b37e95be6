// The Credentials view: the list of stored JWTs (label, whose, which apps may use them, when they
// expire, with a warning within 14 days or past), filtered as you type, each row a link to the
// credential's page; and the pages the route's item names: a credential, "Add credential" (new)
// and "Import from .env" (import). The filter and the list's scroll survive a visit to a page.
import { type Signal, useComputed, useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { CredentialView } from '../../shared/messages';
import { usePopupState } from '../context';
import { useNavigation } from '../navigation-context';
import { CredentialForm } from './credential-form';
import { CredentialPage } from './credential-page';
import { CREDENTIAL_ROW_HEIGHT, CredentialRow, whoOf } from './credential-row';
import { NotFound, Page } from './page';
import { RouteLink } from './route-link';
import { ENV_IMPORT_PAGE } from './views/load';
import { VirtualList } from './virtual-list';

export { allowedText, expiryText } from './credential-row';

const COUNT = new Intl.NumberFormat();

/** "12 credentials", or "3 of 12 shown" while a filter hides some. */
export function countText(shown: number, total: number): string {
  if (shown === total) return `${COUNT.format(total)} ${total === 1 ? 'credential' : 'credentials'}`;
  return `${COUNT.format(shown)} of ${COUNT.format(total)} shown`;
}

export function matches(credential: CredentialView, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const who = whoOf(credential) ?? '';
  return [credential.label, who, credential.notes].some((field) => field.toLowerCase().includes(needle));
}

function CredentialList({ query, scroll }: { query: Signal<string>; scroll: { current: number } }) {
  const { credentials, apps } = usePopupState();
  const shown = useComputed(() => credentials.value.filter((c) => matches(c, query.value)));
  const total = credentials.value.length;
  return (
    <section aria-labelledby="credentials-title">
      <h2 id="credentials-title">Credentials</h2>
      <div class="actions view-actions">
        <RouteLink view="credentials" item="new" class="button">
          Add credential
        </RouteLink>
        <RouteLink view="credentials" item="import" class="button secondary" before={ENV_IMPORT_PAGE.load}>
          Import from .env
        </RouteLink>
      </div>
      {total === 0 ? (
        <p>
          No credentials yet. Create a JWT credential in the RingCentral Developer Console (Credentials →
          Create JWT), then add it here with the app that may use it.
        </p>
      ) : (
        <>
          <label>
            Filter credentials
            {/* Not a secret: the browser may keep a filter typed here, as it keeps any search. */}
            <input
              type="search"
              autocomplete="on"
              value={query.value}
              onInput={(e) => {
                query.value = e.currentTarget.value;
              }}
            />
          </label>
          {/* Polite: a screen reader says the new count when it is done speaking, without interrupting. */}
          <p class="list-count" aria-live="polite">
            {countText(shown.value.length, total)}
          </p>
          <VirtualList
            class="credentials credential-list"
            labelledBy="credentials-title"
            items={shown.value}
            itemKey={(credential: CredentialView) => credential.id}
            rowHeight={CREDENTIAL_ROW_HEIGHT}
            scroll={scroll}
            renderRow={(credential: CredentialView) => (
              <CredentialRow credential={credential} apps={apps.value} />
            )}
          />
          {shown.value.length === 0 && <p>No credential matches “{query.value}”.</p>}
        </>
      )}
    </section>
  );
}

export function Credentials() {
  const { credentials, unlocked } = usePopupState();
  const navigation = useNavigation();
  // Kept here, above the pages, so that coming back finds the list as it was left.
  const query = useSignal('');
  const scroll = useRef(0);
  const { item } = navigation.route.value;
  const back = () => navigation.up();

  if (item === undefined) return <CredentialList query={query} scroll={scroll} />;
  if (item === 'new') {
    return (
      <Page view="credentials" titleId="add-credential-title" title="Add a credential">
        <CredentialForm titleId="add-credential-title" onDone={back} />
      </Page>
    );
  }
  if (item === 'import') return <ENV_IMPORT_PAGE.Component onDone={back} />;
  // Opened at a credential's address before the vault's lists are in: not "not found" yet.
  if (unlocked.value === undefined) return null;
  const credential = credentials.value.find((c) => c.id === item);
  // Keyed: another credential's page starts its form afresh.
  return credential ? (
    <CredentialPage key={credential.id} credential={credential} />
  ) : (
    <NotFound view="credentials" what="Credential" />
  );
}
