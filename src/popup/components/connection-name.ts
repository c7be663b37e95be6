// How a connection is named wherever it shows: its credential and the API it injects into.
import type { ConnectionRow } from '../state';

/** How buttons name their connection, so each one says which connection it acts on. */
export function connectionName(row: Pick<ConnectionRow, 'credentialLabel' | 'apiBaseUrl'>): string {
  return `${row.credentialLabel} → ${row.apiBaseUrl}`;
}
