// The unlocked vault's auto-auth connections: where each injects, for which tools, and how its
// token is doing; add, edit, enable or disable, refresh the token now, send a test request,
// grant missing host access, delete.
import { useSignal, useSignalEffect } from '@preact/signals';
import type { ConnectionTestResult } from '../../shared/messages';
import { usePopupState } from '../context';
import { useAction } from '../hooks/use-action';
import { askHostAccess } from '../host-access';
import type { ConnectionRow } from '../state';
import { AddToggle } from './add-toggle';
import { ConnectionForm } from './connection-form';
import { FormError } from './error-message';
import { EditableList } from './fields/editable-list';
import { ItemButton } from './fields/item-button';
import { StatusChip } from './status-chip';

/** How buttons name their connection, so each one says which connection it acts on. */
export function connectionName(row: Pick<ConnectionRow, 'credentialLabel' | 'apiBaseUrl'>): string {
  return `${row.credentialLabel} → ${row.apiBaseUrl}`;
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
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

function ConnectionItem({ row, now, onEdit }: { row: ConnectionRow; now: number; onEdit(): void }) {
  const { connections, domains } = usePopupState();
  // One row, one busy state and one error line, whichever of its buttons acted.
  const act = useAction();
  const name = connectionName(row);
  const { app } = row;
  const result = useSignal<ConnectionTestResult | undefined>(undefined);
  const testing = useSignal(false);
  const deleting = useSignal(false);
  const refused = useSignal(false);
  const saving = act.pending.value;
  const { status } = row;
  const stillMissing = (id: string) =>
    connections.value.find((r) => r.id === id)?.status.permissionMissing ?? false;

  const toggle = () => {
    const input = {
      id: row.id,
      credentialId: row.credentialId,
      appId: row.appId,
      apiBaseUrl: row.apiBaseUrl,
      toolOrigins: row.toolOrigins,
      enabled: !status.enabled,
    };
    // Enabling is a click too: ask for host access within it, before any await.
    const access = input.enabled ? askHostAccess(input) : Promise.resolve(true);
    void (async () => {
      const saved = await act.run(() => domains.connections.save(input));
      if (!saved.ok) return;
      await domains.connections.settle();
      if (await access) await domains.connections.settle(() => !stillMissing(row.id));
    })();
  };

  const grant = () => {
    const access = askHostAccess(row);
    void (async () => {
      const granted = await access;
      refused.value = !granted;
      // The worker notices the grant on its own; follow it until the row stops saying so.
      if (granted) await domains.connections.settle(() => !stillMissing(row.id));
    })();
  };

  const refresh = async () => {
    await act.run(() => domains.connections.refresh(row.id));
  };

  const test = async () => {
    testing.value = true;
    result.value = undefined;
    const outcome = await act.run(() => domains.connections.test(row.id));
    testing.value = false;
    result.value = outcome.ok ? outcome.value : undefined;
  };

  const remove = async () => {
    await act.run(() => domains.connections.remove(row.id));
    deleting.value = false;
  };

  return (
    <li>
      <strong>{row.credentialLabel}</strong> → <code>{row.apiBaseUrl}</code>
      <br />
      {app && (
        <>
          <small>
            through the app {app.name} ({app.clientId})
          </small>
          <br />
        </>
      )}
      {/* Only tabs on these exact origins get the header: say how many there are now. */}
      <small>
        from {row.toolOrigins.join(', ')} only: {toolTabsText(status.toolTabs ?? 0)}
      </small>
      <RefusedOrigins refused={status.refusedOrigins ?? []} />
      {status.widerAccess && (
        <p class="wider-access">
          {status.widerAccess.map((finding) => (
            <small key={finding}>{finding}</small>
          ))}
          <small>
            Their tabs get no header, but a frame from one inside the tool's tab would: limit the extension's
            site access to the hosts you use.
          </small>
        </p>
      )}
      <br />
      <StatusChip status={status} now={now} />
      {status.generation > 0 && (
        <small class="generation">
          {' '}
          token #{status.generation}
          {status.lastRefreshAt !== undefined && `, got at ${clock(status.lastRefreshAt)}`}
        </small>
      )}
      {status.enabled && status.permissionMissing && (
        <div class="permission-missing">
          <p>The browser has not granted access to this API or tool host, so the header is not added.</p>
          {refused.value && <p class="warning">Access was not granted.</p>}
          <button type="button" onClick={grant} aria-label={`Grant access for ${name}`}>
            Grant access
          </button>
        </div>
      )}
      <div class="actions row-actions">
        <ItemButton text="Edit" item={name} onClick={onEdit} edits={row.id} />
        <ItemButton
          text={status.enabled ? 'Disable' : 'Enable'}
          item={name}
          disabled={saving}
          onClick={toggle}
        />
        <ItemButton
          text="Refresh now"
          item={name}
          disabled={saving || !status.enabled}
          onClick={() => void refresh()}
        />
        <ItemButton
          text="Test request"
          item={name}
          disabled={saving || !status.enabled}
          onClick={() => void test()}
        />
        <ItemButton
          text="Delete"
          item={name}
          class="danger"
          disabled={saving}
          onClick={() => {
            deleting.value = true;
          }}
        />
      </div>
      {deleting.value && (
        <div class="confirm-box" role="alert">
          <p>Delete this connection? Its token is revoked and the header is no longer added.</p>
          <div class="actions">
            <button type="button" class="danger" disabled={saving} onClick={() => void remove()}>
              Delete connection
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                deleting.value = false;
              }}
            >
              Keep it
            </button>
          </div>
        </div>
      )}
      <FormError error={act.error.value} />
      <div role="status" class="test-status">
        {testing.value && 'Sending a test request…'}
        {result.value && <TestResult result={result.value} />}
      </div>
    </li>
  );
}

export function Connections() {
  const { connections } = usePopupState();
  const now = useSignal(Date.now());
  useSignalEffect(() => {
    const timer = setInterval(() => {
      now.value = Date.now();
    }, 1_000);
    return () => clearInterval(timer);
  });

  return (
    <section aria-labelledby="connections-title">
      <h2 id="connections-title">Connections</h2>
      {connections.value.length === 0 ? (
        <p>
          No connections yet. A connection sends a credential's token to your API from the tools you allow.
        </p>
      ) : (
        // Focus follows the editor: into its first field, and back to the row's Edit button.
        <EditableList
          class="connections"
          followFocus
          items={connections.value}
          itemKey={(row) => row.id}
          row={(row, edit) => <ConnectionItem row={row} now={now.value} onEdit={edit} />}
          editor={(row, done) => <ConnectionForm connection={row} onDone={done} />}
        />
      )}
      <AddToggle label="Add connection" form={ConnectionForm} />
    </section>
  );
}

function toolTabsText(tabs: number): string {
  if (tabs === 0) return 'no tab is open on it';
  return tabs === 1 ? '1 tab' : `${tabs} tabs`;
}

/** Calls to the API from pages that are not allowed: they got no token, and the user may want to know. */
function RefusedOrigins({ refused }: { refused: readonly { origin: string; count: number }[] }) {
  if (refused.length === 0) return null;
  return (
    <p class="refused">
      {refused.slice(0, 3).map(({ origin, count }) => (
        <small key={origin}>
          {count === 1 ? '1 request' : `${count} requests`} from {origin} got no token
        </small>
      ))}
    </p>
  );
}
