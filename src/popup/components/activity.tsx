// The Activity view: did the vault put its token on my tool's request? Each request a tool sent
// to a connection's API, newest first — its status, method and path, the page it came from, and
// the vault's token number on it or why there was none; after a 401, the token that followed.
// Live: the worker pushes new entries (state/activity.ts). Filters by connection, status and
// "no token". Never a token, a header value or a query string: the worker keeps none.
import './activity.css';
import { useComputed, useSignal } from '@preact/signals';
import { type ActivityEntry, type StatusClass, statusClass } from '../../core/activity/entry';
import { activityCsv, activityJson, exportRows } from '../../core/activity/export';
import type { ActivityLogMode } from '../../core/activity/keeping';
import type { ExportRecord } from '../../core/vault/model';
import { usePopupState } from '../context';
import { offerFile } from '../download';
import { useAction } from '../hooks/use-action';
import { whenTime } from '../time-format';
import { connectionName } from './connection-name';
import { FormError } from './error-message';
import { CheckField } from './fields/check-field';
import { type Choice, SelectField } from './fields/select-field';
import { RouteLink } from './route-link';

/** Entries shown at first, and added by each "Show more". */
const STEP = 100;

const STATUS_CHOICES: readonly Choice[] = [
  { value: '', label: 'Any status' },
  { value: '2xx', label: '2xx' },
  { value: '401/403', label: '401 or 403' },
  { value: '429', label: '429 (rate limited)' },
  { value: '5xx', label: '5xx' },
  { value: 'other', label: 'Other (3xx, 4xx)' },
  { value: 'no answer', label: 'No answer' },
];

const TONE: Record<StatusClass, string> = {
  '2xx': 'ok',
  '401/403': 'warn',
  '429': 'warn',
  '5xx': 'bad',
  other: 'other',
  'no answer': 'bad',
};

/** Whose header the request had, in words. */
function headerText(entry: ActivityEntry): string {
  if (entry.header === 'vault') return `token #${entry.generation}`;
  const own = entry.header === 'other' ? ' (it sent a header of its own)' : '';
  if (entry.noToken === 'origin-not-allowed') return `no token: origin not allowed${own}`;
  if (entry.noToken === 'not-from-a-tab') return `no token: not from a tab${own}`;
  return entry.header === 'other' ? 'not the vault’s token' : 'no token';
}

/**
 * For each 401 that carried the vault's token, the number of the token its connection's later
 * requests carried — the new one the vault got after it — if any came yet.
 */
function tokensAfter(entries: readonly ActivityEntry[]): Map<number, number> {
  const after = new Map<number, number>();
  // Newest first: what has been seen is newer.
  const newest = new Map<string, number>();
  for (const entry of entries) {
    const connection = entry.connectionIds[0];
    if (connection === undefined || entry.generation === undefined) continue;
    const later = newest.get(connection);
    if (entry.status === 401 && later !== undefined && later > entry.generation) after.set(entry.seq, later);
    newest.set(connection, Math.max(later ?? 0, entry.generation));
  }
  return after;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The entries shown (every one the filters let through, not only those drawn) as a file. */
function saveShown(entries: readonly ActivityEntry[], names: Map<string, string>, format: 'json' | 'csv') {
  const rows = exportRows(entries, names);
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  if (format === 'json')
    offerFile(`jwt-vault-activity-${stamp}.json`, activityJson(rows), 'application/json');
  else offerFile(`jwt-vault-activity-${stamp}.csv`, activityCsv(rows), 'text/csv');
}

/** A trusted-app export, among the requests at its time: what left the vault, and to whom. */
function ExportRow({ record }: { record: ExportRecord }) {
  const protection = record.protection === 'passphrase' ? 'a passphrase' : 'the app’s public key';
  return (
    <li class="activity-entry activity-export">
      <div class="activity-line">
        <span class="status-code other">export</span> <strong>{record.credentialLabel}</strong>{' '}
        <span class="activity-path">→ {record.recipientClientId}</span>
      </div>
      <small class="activity-facts">
        {whenTime(record.at)} · exported for this trusted app, sealed with {protection}
      </small>
    </li>
  );
}

function EntryRow({
  entry,
  names,
  then,
}: {
  entry: ActivityEntry;
  names: Map<string, string>;
  then?: number;
}) {
  const group = statusClass(entry);
  const connection = names.get(entry.connectionIds[0] ?? '');
  return (
    <li class="activity-entry">
      <div class="activity-line">
        <span class={`status-code ${TONE[group]}`}>{entry.status ?? 'no answer'}</span>{' '}
        <strong>{entry.method}</strong>{' '}
        <span class="activity-path" title={entry.url}>
          {pathOf(entry.url)}
        </span>
      </div>
      <small class="activity-facts">
        {whenTime(entry.at)} · {entry.origin || 'no origin'} · {headerText(entry)}
        {entry.status === 401 &&
          entry.header === 'vault' &&
          (then === undefined ? ' · no new token yet' : ` · then token #${then}`)}{' '}
        · {Math.round(entry.durationMs)} ms
        {entry.error && ` · ${entry.error}`}
      </small>
      {connection && <small class="activity-connection">{connection}</small>}
    </li>
  );
}

/** What the view says when there is no request to show, after the setting that explains why. */
function emptyText(mode: ActivityLogMode): string {
  if (mode === 'off') return 'The activity log is off: no request is logged.';
  if (mode === 'kept')
    return 'No requests this session yet. The ones of earlier sessions are kept in the vault: show them below.';
  return 'No requests yet. When a tool calls a connection’s API, each request shows here: the newest 2,000, until the vault locks.';
}

export function Activity() {
  const { domains, connections, settings } = usePopupState();
  const mode = settings.value?.activityLog ?? 'session';
  const older = domains.activity.older.value;
  const loadOlder = useAction(domains.activity.loadOlder);
  const exports = domains.exports.log;
  const connection = useSignal('');
  const status = useSignal('');
  const noTokenOnly = useSignal(false);
  const shown = useSignal(STEP);
  const all = domains.activity.entries;

  const names = useComputed(() => new Map(connections.value.map((row) => [row.id, connectionName(row)])));
  const matching = useComputed(() =>
    all.value.filter(
      (entry) =>
        (connection.value === '' || entry.connectionIds.includes(connection.value)) &&
        (status.value === '' || statusClass(entry) === status.value) &&
        (!noTokenOnly.value || entry.header !== 'vault'),
    ),
  );
  const after = useComputed(() => tokensAfter(all.value));
  // Exports show among the requests while no filter narrows them (they have no status or origin).
  const rows = useComputed(() => {
    const unfiltered = connection.value === '' && status.value === '' && !noTokenOnly.value;
    const requests = matching.value.slice(0, shown.value);
    const oldestShown = requests.at(-1)?.at ?? 0;
    const kept = unfiltered ? exports.value.filter((r) => requests.length === 0 || r.at >= oldestShown) : [];
    return [
      ...requests.map((entry) => ({ at: entry.at, entry })),
      ...kept.map((record) => ({ at: record.at, record })),
    ].sort((a, b) => b.at - a.at);
  });
  const total = all.value.length;
  const count = matching.value.length;

  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      <p class="hint">Your tools' calls to your connections' APIs: never a token, header or query string.</p>
      <fieldset class="activity-filters">
        <legend class="visually-hidden">Which requests to show</legend>
        <SelectField
          label="Connection"
          value={connection}
          choices={[
            { value: '', label: 'Every connection' },
            ...connections.value.map((row) => ({ value: row.id, label: connectionName(row) })),
          ]}
          onChange={(value) => {
            connection.value = value;
          }}
        />
        <SelectField
          label="Status"
          value={status}
          choices={STATUS_CHOICES}
          onChange={(value) => {
            status.value = value;
          }}
        />
        <CheckField
          label="Only requests without the vault’s token"
          checked={noTokenOnly.value}
          onChange={(checked) => {
            noTokenOnly.value = checked;
          }}
        />
      </fieldset>
      {mode === 'off' && (
        <p class="note">
          <RouteLink view="settings" item="activity">
            Turn it on in Settings
          </RouteLink>
        </p>
      )}
      <p class="activity-count">
        {total === 0
          ? emptyText(mode)
          : count === total
            ? `${total} ${total === 1 ? 'request' : 'requests'}`
            : `${count} of ${total} requests`}
      </p>
      {rows.value.length > 0 && (
        <ol class="activity-list" aria-label="Requests">
          {rows.value.map((row) =>
            'entry' in row ? (
              <EntryRow
                key={row.entry.seq}
                entry={row.entry}
                names={names.value}
                then={after.value.get(row.entry.seq)}
              />
            ) : (
              <ExportRow key={`export-${row.record.id}`} record={row.record} />
            ),
          )}
        </ol>
      )}
      {count > shown.value && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => (shown.value += STEP)}>
            Show {Math.min(STEP, count - shown.value)} more
          </button>
        </div>
      )}
      {count <= shown.value && mode === 'kept' && older?.more !== false && (
        <div class="actions">
          <button
            type="button"
            class="secondary"
            disabled={loadOlder.pending.value}
            onClick={async () => {
              if ((await loadOlder.run()).ok) shown.value += STEP;
            }}
          >
            Show earlier requests
          </button>
        </div>
      )}
      {older?.more === false && mode === 'kept' && (
        <p class="hint">That is every request kept in the vault.</p>
      )}
      {older !== undefined && older.damaged > 0 && (
        <p class="note" role="alert">
          {older.damaged === 1 ? 'One part' : `${older.damaged} parts`} of the kept log could not be opened
          (corrupted or tampered with): not shown, and dropped at the next pruning.
        </p>
      )}
      <FormError error={loadOlder.error.value} />
      {count > 0 && (
        <fieldset class="activity-save">
          <legend class="visually-hidden">Save the {count} requests shown</legend>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() => saveShown(matching.value, names.value, 'csv')}
            >
              Save as CSV
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => saveShown(matching.value, names.value, 'json')}
            >
              Save as JSON
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}
