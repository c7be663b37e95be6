// What a restore would do, decided before anything is written: which backup records are new,
// which match an existing record (same id, or the same client ID, credential label, or API and
// tool), and what to write for the choice made. Pure functions. Imported by src/core/backup.
import type { DestinationChange } from '../destinations/change';
import { appDestinationChanges, connectionDestinationChanges } from '../destinations/destinations';
import type { RecordKind, RecordTypes, Settings } from '../vault/model';
import { DEFAULT_SETTINGS } from '../vault/model';
import { SETTINGS_ID } from '../vault/validate';
import type { BackupContents } from './contents';

/** On a duplicate: keep the vault's entry (the default), or replace it with the backup's. */
export type OnConflict = 'keep' | 'replace';

/** One backup record as the preview lists it: labels and names, never a secret. */
export interface BackupItem {
  kind: RecordKind;
  label: string;
}

export type ConflictReason =
  | 'same-id'
  | 'same-client-id'
  | 'same-label'
  | 'same-api-and-tool'
  | 'other-settings';

export interface BackupConflict extends BackupItem {
  reason: ConflictReason;
  /** The vault's entry it matches. */
  existingLabel: string;
  /**
   * Where the entry's secrets would be sent instead if the backup's replaced it (an app's server
   * or paths, a connection's API origin); absent when nothing changes.
   */
  destinationChanges?: DestinationChange[];
}

export interface RestorePreview {
  adds: BackupItem[];
  conflicts: BackupConflict[];
  /** Connections that cannot come back: their app or credential is not in the backup. */
  skipped: BackupItem[];
}

export interface RestoreWrite {
  kind: RecordKind;
  record: RecordTypes[RecordKind];
  item: BackupItem;
  action: 'add' | 'replace';
}

export interface RestorePlan extends RestorePreview {
  writes: RestoreWrite[];
  /** Ids of existing apps and credentials the backup's replace, for restarting their connections. */
  replacedIds: string[];
}

interface Match<T> {
  existing: T;
  reason: ConflictReason;
}

const LABELS: { [K in RecordKind]: (record: RecordTypes[K], contents: BackupContents) => string } = {
  apps: (app) => `${app.name} (${app.clientId})`,
  credentials: (credential) => credential.label,
  connections: (connection, contents) => {
    const credential = contents.credentials.find((c) => c.id === connection.credentialId);
    return `${credential?.label ?? 'Unknown credential'} → ${connection.apiBaseUrl}`;
  },
  settings: () => 'Settings',
  exports: (entry) => `${entry.credentialLabel} → ${entry.recipientClientId}`,
};

function label<K extends RecordKind>(kind: K, record: RecordTypes[K], contents: BackupContents): string {
  return LABELS[kind](record, contents);
}

function sameSettings(a: Settings, b: Settings): boolean {
  return (Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]).every((key) => a[key] === b[key]);
}

/**
 * Duplicates are matched on what makes a record the same thing to a person first (a client
 * ID, a label), then on its id: a vault and its backup share ids only when one came from the
 * other, and a renamed copy must still not be added twice.
 */
const MATCHERS: {
  [K in Exclude<RecordKind, 'settings'>]: (
    record: RecordTypes[K],
    existing: RecordTypes[K][],
  ) => Match<RecordTypes[K]> | undefined;
} = {
  apps: (app, existing) => {
    const same = existing.find((e) => e.clientId === app.clientId);
    if (same) return { existing: same, reason: 'same-client-id' };
    const byId = existing.find((e) => e.id === app.id);
    return byId && { existing: byId, reason: 'same-id' };
  },
  credentials: (credential, existing) => {
    const name = credential.label.toLowerCase();
    const same = existing.find((e) => e.label.toLowerCase() === name);
    if (same) return { existing: same, reason: 'same-label' };
    const byId = existing.find((e) => e.id === credential.id);
    return byId && { existing: byId, reason: 'same-id' };
  },
  connections: (connection, existing) => {
    // The same rule as the vault's: two connections must not race to set one API's header.
    const same = existing.find(
      (e) =>
        e.apiBaseUrl === connection.apiBaseUrl &&
        e.toolOrigins.some((o) => connection.toolOrigins.includes(o)),
    );
    if (same) return { existing: same, reason: 'same-api-and-tool' };
    const byId = existing.find((e) => e.id === connection.id);
    return byId && { existing: byId, reason: 'same-id' };
  },
  exports: (entry, existing) => {
    const byId = existing.find((e) => e.id === entry.id);
    return byId && { existing: byId, reason: 'same-id' };
  },
};

/** What replacing `existing` with `record` would change about where secrets go. */
function destinationChanges<K extends RecordKind>(
  kind: K,
  existing: RecordTypes[K],
  record: RecordTypes[K],
): DestinationChange[] {
  if (kind === 'apps')
    return appDestinationChanges(existing as RecordTypes['apps'], record as RecordTypes['apps']);
  if (kind === 'connections') {
    return connectionDestinationChanges(
      existing as RecordTypes['connections'],
      record as RecordTypes['connections'],
    );
  }
  return [];
}

/** The vault's apps, credentials and connections as they would be after the plan's writes. */
export function contentsAfter(
  current: Pick<BackupContents, 'apps' | 'credentials' | 'connections'>,
  plan: RestorePlan,
): Pick<BackupContents, 'apps' | 'credentials' | 'connections'> {
  const after = (kind: 'apps' | 'credentials' | 'connections') => {
    const byId = new Map<string, RecordTypes[typeof kind]>(
      current[kind].map((record) => [record.id, record]),
    );
    for (const write of plan.writes)
      if (write.kind === kind) byId.set(write.record.id, write.record as never);
    return [...byId.values()];
  };
  return {
    apps: after('apps') as RecordTypes['apps'][],
    credentials: after('credentials') as RecordTypes['credentials'][],
    connections: after('connections') as RecordTypes['connections'][],
  };
}

/**
 * The plan for restoring `backup` into a vault holding `current`. Connections follow their
 * app and credential: when the vault's own duplicate is kept, a restored connection points to
 * it instead of the backup's copy.
 */
export function planRestore(
  current: BackupContents,
  backup: BackupContents,
  onConflict: OnConflict,
): RestorePlan {
  const plan: RestorePlan = { adds: [], conflicts: [], skipped: [], writes: [], replacedIds: [] };
  /** Backup id -> the id the record has in the vault after the restore. */
  const finalIds = new Map<string, string>();

  function consider<K extends Exclude<RecordKind, 'settings'>>(
    kind: K,
    record: RecordTypes[K],
    name = label(kind, record, backup),
  ): void {
    const item: BackupItem = { kind, label: name };
    const match = MATCHERS[kind](record, current[kind] as RecordTypes[K][]);
    if (!match) {
      plan.adds.push(item);
      plan.writes.push({ kind, record, item, action: 'add' });
      finalIds.set(record.id, record.id);
      return;
    }
    const changes = destinationChanges(kind, match.existing, record);
    plan.conflicts.push({
      ...item,
      reason: match.reason,
      existingLabel: label(kind, match.existing, current),
      ...(changes.length > 0 ? { destinationChanges: changes } : {}),
    });
    finalIds.set(record.id, match.existing.id);
    if (onConflict === 'replace') {
      // The vault's id stays: whatever refers to the entry now gets the backup's content.
      plan.writes.push({ kind, record: { ...record, id: match.existing.id }, item, action: 'replace' });
      if (kind === 'apps' || kind === 'credentials') plan.replacedIds.push(match.existing.id);
    }
  }

  // A vault still on the default settings has made no choice a restore could overwrite.
  if (!sameSettings(current.settings, backup.settings)) {
    const item: BackupItem = { kind: 'settings', label: 'Settings' };
    const record = { ...backup.settings, id: SETTINGS_ID } as const;
    if (sameSettings(current.settings, DEFAULT_SETTINGS)) {
      plan.adds.push(item);
      plan.writes.push({ kind: 'settings', record, item, action: 'add' });
    } else {
      plan.conflicts.push({ ...item, reason: 'other-settings', existingLabel: 'Settings' });
      if (onConflict === 'replace') plan.writes.push({ kind: 'settings', record, item, action: 'replace' });
    }
  }
  for (const app of backup.apps) consider('apps', app);
  for (const credential of backup.credentials) consider('credentials', credential);
  for (const connection of backup.connections) {
    // Labelled before the remap: the name comes from the backup's own credential.
    const name = label('connections', connection, backup);
    // A connection without an app (a credential with its own token URL) keeps having none.
    const appId = connection.appId === undefined ? undefined : finalIds.get(connection.appId);
    const credentialId = finalIds.get(connection.credentialId);
    if ((connection.appId !== undefined && appId === undefined) || credentialId === undefined) {
      plan.skipped.push({ kind: 'connections', label: name });
      continue;
    }
    consider('connections', { ...connection, ...(appId === undefined ? {} : { appId }), credentialId }, name);
  }
  for (const entry of backup.exports) consider('exports', entry);
  return plan;
}
