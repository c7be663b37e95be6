// The log of non-admin requests that tests read back; secrets appear only masked.

import type { AuthScheme } from './http';

export interface LogEntry {
  seq: number;
  /** ISO time on the sandbox clock. */
  at: string;
  method: string;
  /** Path without the query string: queries may carry tokens. */
  path: string;
  origin: string | null;
  authScheme: AuthScheme;
  /** The Authorization credentials' first four characters and an ellipsis; null without a header. */
  authToken: string | null;
  /** Token requests only. */
  grantType?: string;
  clientId?: string;
  status: number;
}

export function mask(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}

export interface RequestLog {
  add(entry: Omit<LogEntry, 'seq'>): void;
  entries(): LogEntry[];
  clear(): void;
}

// A long-running demo must not grow without bound; tests read far fewer entries than this.
const maxEntries = 1000;

export function createRequestLog(): RequestLog {
  let entries: LogEntry[] = [];
  let seq = 0;
  return {
    add: (entry) => {
      entries.push({ seq: ++seq, ...entry });
      if (entries.length > maxEntries) entries.shift();
    },
    entries: () => entries.map((e) => ({ ...e })),
    clear: () => {
      entries = [];
    },
  };
}
