// The entries a person is looking at, as a file to keep or share: JSON, or CSV for a
// spreadsheet. They hold what the log holds and no more — no token, header value or query
// string — plus each connection's name. A CSV cell that a spreadsheet would run as a formula
// (=, +, -, @ first) is written as text. Pure; used by the Activity view.
import type { ActivityEntry } from './entry';

export interface ActivityExportRow {
  time: string;
  connection: string;
  origin: string;
  tab: number;
  method: string;
  url: string;
  status: number | null;
  error: string | null;
  header: ActivityEntry['header'];
  token: number | null;
  noToken: string | null;
  durationMs: number;
}

/** `names`: each connection's name by id, as the popup shows it. */
export function exportRows(
  entries: readonly ActivityEntry[],
  names: ReadonlyMap<string, string>,
): ActivityExportRow[] {
  return entries.map((entry) => {
    const id = entry.connectionIds[0];
    return {
      time: new Date(entry.at).toISOString(),
      connection: (id !== undefined && names.get(id)) || id || '',
      origin: entry.origin,
      tab: entry.tabId,
      method: entry.method,
      url: entry.url,
      status: entry.status ?? null,
      error: entry.error ?? null,
      header: entry.header,
      token: entry.generation ?? null,
      noToken: entry.noToken ?? null,
      durationMs: Math.round(entry.durationMs),
    };
  });
}

export function activityJson(rows: readonly ActivityExportRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

const COLUMNS: readonly (keyof ActivityExportRow)[] = [
  'time',
  'connection',
  'origin',
  'tab',
  'method',
  'url',
  'status',
  'error',
  'header',
  'token',
  'noToken',
  'durationMs',
];

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: a header row, then one row per entry, CRLF between rows. */
export function activityCsv(rows: readonly ActivityExportRow[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => cell(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
