// A connection's own page (#/home/<id>): everything about it — app and client ID, API, tool
// origins and the tabs it serves, status with the last error, the token's expiry and last
// refresh — and everything to do with it: edit, enable or disable, test, refresh, delete.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ConnectionTestResult } from '../../shared/messages';
import { usePopupState } from '../context';
import { useConnectionActions } from '../hooks/use-connection-actions';
import { useNow } from '../hooks/use-now';
import { useNavigation } from '../navigation-context';
import type { ConnectionRow } from '../state';
import { clockTime } from '../time-format';
import { ConnectionForm } from './connection-form';
import { connectionName } from './connection-name';
import { ConnectionWarnings } from './connection-warnings';
import { DeleteItem } from './delete-item';
import { FormError } from './error-message';
import { ItemButton } from './fields/item-button';
import { NotFound, Page } from './page';
import { StatusChip } from './status-chip';
import { TokenInspector } from './token-inspector';
import { timeLeftText } from './token-line';

export function ConnectionPage({ id }: { id: string }) {
  const { unlocked, connections } = usePopupState();
  // Until the first reading there is nothing to say, not even "not found".
  if (!unlocked.value) return null;
  const row = connections.value.find((r) => r.id === id);
  if (!row) {
    return (
      <NotFound view="home" what="Connection">
        This connection is not in the vault: it may have been deleted. Home lists the ones there are.
      </NotFound>
    );
  }
  return <ConnectionDetails row={row} />;
}

const FIRST_FIELD = 'form select, form input';

function ConnectionDetails({ row }: { row: ConnectionRow }) {
  const { domains } = usePopupState();
  const navigation = useNavigation();
  const now = useNow();
  const actions = useConnectionActions(row);
  const { act, result, testing } = actions;
  const editing = useSignal(false);
  const page = useRef<HTMLDivElement>(null);
  const wasEditing = useRef(false);
  const name = connectionName(row);
  const { app } = row;
  const { status } = row;
  const saving = act.pending.value;

  // Focus follows the editor: into its first field, and back to Edit when it closes.
  useEffect(() => {
    if (editing.value) page.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
    else if (wasEditing.current) page.current?.querySelector<HTMLElement>(`[data-edit="${row.id}"]`)?.focus();
    wasEditing.current = editing.value;
  }, [editing.value]);

  return (
    <Page view="home" titleId="connection-title" title={name}>
      <div class="connection-page" ref={page}>
        <ConnectionWarnings row={row} refused={actions.refused.value} onGrant={actions.grant} />
        {editing.value ? (
          <ConnectionForm
            connection={row}
            onDone={() => {
              editing.value = false;
            }}
          />
        ) : (
          <>
            <dl class="facts" aria-label="About this connection">
              <dt>App</dt>
              <dd>
                {app
                  ? `${app.name} (${app.clientId})`
                  : row.appId === undefined
                    ? 'none: the credential gets its tokens itself'
                    : 'not registered any more'}
              </dd>
              <dt>API</dt>
              <dd>
                <code>{row.apiBaseUrl}</code>
              </dd>
              <dt>Tool origins</dt>
              <dd>
                {row.toolOrigins.map((origin) => (
                  <code key={origin}>{origin}</code>
                ))}
                <span>{openTabsText(status.toolTabs ?? 0)}</span>
              </dd>
              <dt>Status</dt>
              <dd>
                <StatusChip status={status} now={now.value} />
                {status.lastError && <span class="error-text">Last error: {status.lastError.message}</span>}
              </dd>
              <dt>Token</dt>
              <dd>{tokenText(status, now.value)}</dd>
              <dt>Last refresh</dt>
              <dd>{status.lastRefreshAt === undefined ? 'none yet' : clockTime(status.lastRefreshAt)}</dd>
            </dl>
            <div class="actions">
              <ItemButton text="Edit" item={name} edits={row.id} onClick={() => (editing.value = true)} />
              <ItemButton
                text={status.enabled ? 'Disable' : 'Enable'}
                item={name}
                disabled={saving}
                onClick={actions.toggle}
              />
              <ItemButton
                text="Refresh now"
                item={name}
                disabled={saving || !status.enabled}
                onClick={() => void actions.refresh()}
              />
              <ItemButton
                text="Test request"
                item={name}
                disabled={saving || !status.enabled}
                onClick={() => void actions.test()}
              />
            </div>
          </>
        )}
        <FormError error={act.error.value} />
        <div role="status" class="test-status">
          {testing.value && 'Sending a test request…'}
          {result.value && <TestResult result={result.value} />}
        </div>
        {!editing.value && <TokenInspector row={row} />}
        <DeleteItem
          label="Delete connection"
          warning="Delete this connection? Its token is revoked and the header is no longer added."
          remove={() => domains.connections.remove(row.id)}
          onDeleted={() => navigation.up()}
        />
      </div>
    </Page>
  );
}

/** How many tabs the connection serves now: only tabs on its tool origins get the header. */
function openTabsText(tabs: number): string {
  if (tabs === 0) return 'No tool tab is open';
  return tabs === 1 ? '1 tool tab open' : `${tabs} tool tabs open`;
}

/** "#2, expires at 17:32:01 (12 min left)", or that there is none yet. */
function tokenText(status: ConnectionRow['status'], now: number): string {
  if (status.generation === 0) return 'none yet';
  if (status.expiresAt === undefined) return `#${status.generation}`;
  return `#${status.generation}, expires at ${clockTime(status.expiresAt)} (${timeLeftText(status.expiresAt, now)})`;
}

/** The outcome of a test request; the token only as the worker's short hint. */
export function TestResult({ result }: { result: ConnectionTestResult }) {
  return (
    <dl class="test-result">
      <dt>URL</dt>
      <dd>
        <code>{result.url}</code>
      </dd>
      {result.status !== undefined && (
        <>
          <dt>Response</dt>
          <dd>{result.status}</dd>
        </>
      )}
      {result.error && (
        <>
          <dt>Error</dt>
          <dd class="error-text">{result.error.message}</dd>
        </>
      )}
      <dt>Header applied</dt>
      <dd>
        {result.ruleInstalled
          ? 'yes: tool requests get this token'
          : 'no: tool requests do not get this token yet'}
      </dd>
      <dt>Token</dt>
      <dd>
        <code>{result.tokenHint}</code>
      </dd>
      <dt>Took</dt>
      <dd>{Math.round(result.durationMs)} ms</dd>
    </dl>
  );
}
