// The backup layer's public surface, re-exported by name. Imported by the worker and tests.
export { type BackupContents, readContents } from './contents';
export { type BackupOutput, createBackup, sealBackup } from './create-backup';
export { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile, MAX_BACKUP_CHARS } from './format';
export { openBackup } from './open-backup';
export {
  type BackupConflict,
  type BackupItem,
  type ConflictReason,
  contentsAfter,
  type OnConflict,
  planRestore,
  type RestorePlan,
  type RestorePreview,
} from './plan-restore';
export { previewRestore, type RestoreSummary, restoreBackup } from './restore-backup';
