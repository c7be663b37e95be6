// One connection on Home, compact enough for five in an unscrolled popup: is its tool
// authenticated right now, and until when? Its name (to its own page), the status chip and the
// token's time left, the tool origins it serves, one-click Refresh and Test, and any warning.
import type { ConnectionTestResult } from '../../shared/messages';
import { useConnectionActions } from '../hooks/use-connection-actions';
import { hashFor } from '../navigation';
import { useNavigation } from '../navigation-context';
import type { ConnectionRow } from '../state';
import { connectionName } from './connection-name';
import { CONNECTION_PAGE } from './connection-pages';
import { ConnectionWarnings, toolTabsText } from './connection-warnings';
import { FormError } from './error-message';
import { ItemButton } from './fields/item-button';
import { Play, Refresh } from './icons';
import { StatusChip } from './status-chip';
import { TokenLine } from './token-line';

export function ConnectionCard({ row, now }: { row: ConnectionRow; now: number }) {
  const navigation = useNavigation();
  const actions = useConnectionActions(row);
  const { act, result, testing } = actions;
  const name = connectionName(row);
  const { status } = row;
  const busy = act.pending.value || !status.enabled;
  const origins = row.toolOrigins.join(', ');
  return (
    <li class="connection-card">
      <div class="card-head">
        <a
          class="card-name"
          href={hashFor('home', row.id)}
          title={name}
          onClick={(event) => {
            event.preventDefault();
            void CONNECTION_PAGE.load().then(() => navigation.go('home', row.id));
          }}
        >
          <strong>{row.credentialLabel}</strong> → <span class="card-api">{row.apiBaseUrl}</span>
        </a>
        <ItemButton
          text="Refresh now"
          item={name}
          icon={Refresh}
          disabled={busy}
          onClick={() => void actions.refresh()}
        />
        <ItemButton
          text="Test request"
          item={name}
          icon={Play}
          disabled={busy}
          onClick={() => void actions.test()}
        />
      </div>
      <div class="card-status">
        <StatusChip status={status} now={now} />
        <TokenLine status={status} now={now} />
      </div>
      {/* Only tabs on these exact origins get the header: say how many there are now. */}
      <small class="card-line" title={origins}>
        from {origins} only: {toolTabsText(status.toolTabs ?? 0)}
      </small>
      <ConnectionWarnings row={row} refused={actions.refused.value} onGrant={actions.grant} />
      <FormError error={act.error.value} />
      <div role="status" class="test-status">
        {testing.value && 'Sending a test request…'}
        {result.value && <TestSummary result={result.value} />}
      </div>
    </li>
  );
}

/** A test request's outcome in one line; the connection's page shows all of it. */
function TestSummary({ result }: { result: ConnectionTestResult }) {
  const answer =
    result.status !== undefined
      ? `Response ${result.status}`
      : `Error: ${result.error?.message ?? 'no answer'}`;
  const header = result.ruleInstalled ? 'header applied' : 'header not applied yet';
  return (
    <small>
      Test: {answer} · {header} · {Math.round(result.durationMs)} ms
    </small>
  );
}
