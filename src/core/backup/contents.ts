// What a backup holds: every record kind of the vault, read from and checked like the vault's
// own records. Imported by src/core/backup.
import { InvalidInputError } from '../errors';
import type { VaultRecords } from '../vault';
import {
  type App,
  type Connection,
  type Credential,
  type ExportRecord,
  RECORD_KINDS,
  type Settings,
} from '../vault/model';
import { SETTINGS_ID, VALIDATORS } from '../vault/validate';

export interface BackupContents {
  apps: App[];
  credentials: Credential[];
  connections: Connection[];
  settings: Settings;
  exports: ExportRecord[];
}

// Keyed by record kind: a kind added to the model without a place here fails to compile.
const READERS: {
  [K in (typeof RECORD_KINDS)[number]]: (records: VaultRecords) => Promise<BackupContents[K]>;
} = {
  apps: (records) => records.list('apps'),
  credentials: (records) => records.list('credentials'),
  connections: (records) => records.list('connections'),
  settings: (records) => records.getSettings(),
  exports: (records) => records.list('exports'),
};

export async function readContents(records: VaultRecords): Promise<BackupContents> {
  const entries = await Promise.all(RECORD_KINDS.map(async (kind) => [kind, await READERS[kind](records)]));
  return Object.fromEntries(entries) as BackupContents;
}

function list(value: unknown, kind: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidInputError(`The backup's ${kind} must be a list.`);
  return value;
}

/**
 * The decrypted contents, each record through the vault's own validator: a backup restores
 * only what the vault would accept from the popup. Messages name fields, never values.
 */
export function validateContents(value: unknown): BackupContents {
  if (typeof value !== 'object' || value === null) throw new InvalidInputError('The backup is empty.');
  const input = value as Record<string, unknown>;
  const { id: _id, ...settings } = VALIDATORS.settings({
    ...(input.settings as object),
    id: SETTINGS_ID,
  });
  return {
    apps: list(input.apps, 'apps').map(VALIDATORS.apps),
    credentials: list(input.credentials, 'credentials').map(VALIDATORS.credentials),
    connections: list(input.connections, 'connections').map(VALIDATORS.connections),
    settings,
    exports: list(input.exports, 'exports').map(VALIDATORS.exports),
  };
}
