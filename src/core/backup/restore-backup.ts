// Restoring a backup into the unlocked vault: preview first, then write through VaultRecords.put
// so every record passes the same validation and relation checks as an edit in the popup.
// Imported by the worker through src/core/backup.
import type { ErrorCode } from '../errors';
import { VaultError } from '../errors';
import type { VaultRecords } from '../vault';
import type { Connection } from '../vault/model';
import { type BackupContents, readContents } from './contents';
import { openBackup } from './open-backup';
import {
  type BackupItem,
  type OnConflict,
  planRestore,
  type RestorePlan,
  type RestorePreview,
} from './plan-restore';

export interface RestoreSummary {
  added: BackupItem[];
  replaced: BackupItem[];
  /** Duplicates left as the vault had them. */
  kept: BackupItem[];
  /** Connections without their app or credential in the backup. */
  skipped: BackupItem[];
  /** Records the vault refused (e.g. a connection its credential does not allow). */
  failed: (BackupItem & { code: ErrorCode; message: string })[];
  /** Connections to (re)start: restored ones and those using a replaced app or credential. */
  connectionIds: string[];
}

/** Opens the backup and says what a restore would add and where it meets duplicates. */
export async function previewRestore(
  records: VaultRecords,
  content: string,
  password: string,
): Promise<RestorePreview> {
  const backup = await openBackup(content, password);
  const { adds, conflicts, skipped } = planRestore(await readContents(records), backup, 'keep');
  return { adds, conflicts, skipped };
}

/**
 * Nothing is written unless the file opened with the password: a wrong password or a damaged
 * file changes nothing. Writes then go one by one; a record the vault refuses is reported and
 * the rest still comes back.
 */
export async function restoreBackup(
  records: VaultRecords,
  content: string,
  password: string,
  onConflict: OnConflict,
  /** Runs once the plan is known and before anything is written; a throw writes nothing. */
  beforeWrite?: (current: BackupContents, plan: RestorePlan) => Promise<void>,
): Promise<RestoreSummary> {
  const backup = await openBackup(content, password);
  const current = await readContents(records);
  const plan = planRestore(current, backup, onConflict);
  await beforeWrite?.(current, plan);
  const summary: RestoreSummary = {
    added: [],
    replaced: [],
    kept: onConflict === 'keep' ? plan.conflicts.map(({ kind, label }) => ({ kind, label })) : [],
    skipped: plan.skipped,
    failed: [],
    connectionIds: [],
  };
  for (const write of plan.writes) {
    try {
      await records.put(write.kind, write.record);
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      summary.failed.push({ ...write.item, code: error.code, message: error.message });
      continue;
    }
    (write.action === 'add' ? summary.added : summary.replaced).push(write.item);
    if (write.kind === 'connections') summary.connectionIds.push(write.record.id);
  }
  const replaced = new Set(plan.replacedIds);
  for (const connection of current.connections as Connection[]) {
    if (
      ((connection.appId !== undefined && replaced.has(connection.appId)) ||
        replaced.has(connection.credentialId)) &&
      !summary.connectionIds.includes(connection.id)
    ) {
      summary.connectionIds.push(connection.id);
    }
  }
  return summary;
}
