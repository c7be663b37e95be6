// Backup and restore, each a form for a page of the Settings view: the whole vault to one
// encrypted file under a backup password, and back from such a file, into an empty vault or
// merged into this one after a preview. Each form takes its name from its page's heading.

import { type Signal, useSignal } from '@preact/signals';
import type { BackupConflict, BackupItem, ConflictReason, RestorePreview } from '../../core/backup';
import { changeText } from '../../core/destinations/change';
import type { VaultError } from '../../core/errors';
import { MAX_BACKUP_CHARS } from '../../core/vault/limits';
import type { RecordKind } from '../../core/vault/model';
import { MIN_PASSWORD_LENGTH } from '../../core/vault/password-policy';
import type { RestoreResult } from '../../shared/messages';
import { usePopupState } from '../context';
import { offerFile } from '../download';
import { useAction } from '../hooks/use-action';
import { ConfirmPassword, useConfirmedAction } from './confirm-password';
import { ErrorText } from './fields/field-notes';
import { NewPasswordFields, useNewPassword } from './fields/new-password-fields';
import { ProofField, useProof } from './fields/proof-field';
import { RadioGroup } from './fields/radio-group';
import { SecretField } from './fields/secret-field';

const KIND_LABEL: { [K in RecordKind]: string } = {
  apps: 'App',
  credentials: 'Credential',
  connections: 'Connection',
  settings: 'Settings',
  exports: 'Export record',
};

const REASON: { [R in ConflictReason]: string } = {
  'same-client-id': 'same client ID as',
  'same-label': 'same label as',
  'same-api-and-tool': 'same API and tool as',
  'same-id': 'same entry as',
  'other-settings': 'differ from',
};

/**
 * Errors worded for this panel: a wrong password and a damaged file are different problems
 * with different fixes, and after either the vault is as it was.
 */
export function backupErrorText(error: VaultError, step: 'create' | 'restore'): string {
  if (step === 'restore' && error.code === 'WRONG_PASSWORD') {
    return 'The backup password is not correct. Nothing was changed.';
  }
  if (step === 'create' && error.code === 'WRONG_PASSWORD') return 'The master password is not correct.';
  if (error.code === 'INTEGRITY') {
    return 'The backup file is damaged or was changed after it was made. Nothing was changed.';
  }
  return error.message;
}

function itemText(item: BackupItem): string {
  return item.kind === 'settings' ? 'Settings' : `${KIND_LABEL[item.kind]}: ${item.label}`;
}

/** Each destination a replacement would change, old → new, named by its entry. */
export function destinationChangeLines(conflicts: BackupConflict[]): string[] {
  return conflicts.flatMap((conflict) =>
    (conflict.destinationChanges ?? []).map((change) => `${itemText(conflict)}: ${changeText(change)}`),
  );
}

function conflictText(conflict: BackupConflict): string {
  if (conflict.kind === 'settings') return 'Settings: the backup’s differ from yours';
  return `${itemText(conflict)} (${REASON[conflict.reason]} “${conflict.existingLabel}”)`;
}

export function BackupForm({ titleId }: { titleId: string }) {
  const make = useAction(usePopupState().domains.backup.create);
  const backupPassword = useNewPassword('backup');
  const proof = useProof();
  const problem = useSignal('');
  const made = useSignal<{ fileName: string; content: string } | undefined>(undefined);
  const working = make.pending.value;

  const submit = async (event: Event) => {
    event.preventDefault();
    made.value = undefined;
    problem.value = '';
    if (!backupPassword.check()) return;
    const taken = await proof.take();
    const outcome = taken.ok ? await make.run(taken.value, backupPassword.password.value) : taken;
    if (!outcome.ok) {
      problem.value = backupErrorText(outcome.error, 'create');
      return;
    }
    backupPassword.clear();
    made.value = outcome.value;
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby={titleId} aria-busy={working}>
      <p>
        Everything in the vault, secrets included, encrypted with a backup password. Use a long passphrase (at
        least {MIN_PASSWORD_LENGTH} characters) and keep it apart from the file: without it the backup cannot
        be opened.
      </p>
      <NewPasswordFields value={backupPassword} />
      <ProofField proof={proof} label="Master password, to confirm" />
      <ErrorText error={problem.value} />
      {/* Once made, downloading it is the step left: that button is the filled one. */}
      <button type="submit" class={made.value ? 'secondary' : undefined} disabled={working}>
        {working ? 'Encrypting…' : 'Make a backup'}
      </button>
      {made.value && (
        <>
          <p role="status">
            Backup ready: <code>{made.value.fileName}</code>
          </p>
          <button
            type="button"
            onClick={() =>
              made.value && offerFile(made.value.fileName, made.value.content, 'application/json')
            }
          >
            Download the backup
          </button>
        </>
      )}
    </form>
  );
}

function ItemList({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{label}</h3>
      <ul aria-label={label}>
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </>
  );
}

const ON_CONFLICT = [
  { value: 'keep', label: 'Keep mine' },
  { value: 'replace', label: 'Replace with the backup’s' },
] as const;

function Preview({
  preview,
  onConflict,
}: {
  preview: RestorePreview;
  onConflict: Signal<'keep' | 'replace'>;
}) {
  return (
    <>
      {preview.adds.length === 0 && preview.conflicts.length === 0 && (
        <p>Everything in this backup is already in the vault.</p>
      )}
      <ItemList label="Will be added" items={preview.adds.map(itemText)} />
      <ItemList label="Already in the vault" items={preview.conflicts.map(conflictText)} />
      <ItemList
        label="Replacing would send secrets to new places"
        items={destinationChangeLines(preview.conflicts)}
      />
      <ItemList
        label="Cannot be restored (app or credential missing from the backup)"
        items={preview.skipped.map(itemText)}
      />
      {preview.conflicts.length > 0 && (
        <RadioGroup
          legend="For entries already in the vault"
          name="backup-conflicts"
          value={onConflict}
          choices={ON_CONFLICT}
        />
      )}
    </>
  );
}

function summaryText(result: RestoreResult): string {
  const parts = [`${result.added.length} added`];
  if (result.replaced.length > 0) parts.push(`${result.replaced.length} replaced`);
  if (result.kept.length > 0) parts.push(`${result.kept.length} kept as they were`);
  if (result.failed.length > 0) parts.push(`${result.failed.length} not restored`);
  return `Restore finished: ${parts.join(', ')}.`;
}

export function RestoreForm({ titleId }: { titleId: string }) {
  const { backup } = usePopupState().domains;
  const opening = useAction(backup.preview);
  const restoring = useConfirmedAction();
  const { confirmation } = restoring;
  const content = useSignal('');
  const fileName = useSignal('');
  const password = useSignal('');
  const problem = useSignal('');
  const preview = useSignal<RestorePreview | undefined>(undefined);
  const onConflict = useSignal<'keep' | 'replace'>('keep');
  const result = useSignal<RestoreResult | undefined>(undefined);

  const reset = () => {
    confirmation.settle({ ok: false });
    password.value = '';
    preview.value = undefined;
    onConflict.value = 'keep';
  };

  const pick = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    reset();
    result.value = undefined;
    problem.value = '';
    content.value = '';
    fileName.value = file?.name ?? '';
    if (!file) return;
    if (file.size > MAX_BACKUP_CHARS) {
      problem.value = 'This file is too large to be a JWT Vault backup.';
      return;
    }
    content.value = await file.text();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    problem.value = '';
    result.value = undefined;
    if (!content.value) {
      problem.value = 'Choose a backup file first.';
      return;
    }
    if (!preview.value) {
      const outcome = await opening.run(content.value, password.value);
      if (outcome.ok) preview.value = outcome.value;
      else problem.value = backupErrorText(outcome.error, 'restore');
      return;
    }
    // A restore that sends a stored secret somewhere new (a replaced server or API) asks for the
    // master password first; the backup password above only opens the file.
    const outcome = await restoring.run((proof) =>
      backup.restore(content.value, password.value, onConflict.value, proof),
    );
    if (!outcome.ok) {
      if (outcome.error) problem.value = backupErrorText(outcome.error, 'restore');
      return;
    }
    reset();
    result.value = outcome.value;
  };

  const working = opening.pending.value || restoring.pending.value;
  return (
    <>
      <form class="panel" onSubmit={submit} aria-labelledby={titleId} aria-busy={working}>
        <label>
          Backup file
          <input type="file" accept=".json,application/json" onChange={pick} />
        </label>
        {preview.value ? (
          <Preview preview={preview.value} onConflict={onConflict} />
        ) : (
          <SecretField label="Backup password" value={password} masked="current-password" required />
        )}
        <ErrorText error={problem.value} />
        {preview.value ? (
          <>
            <button type="submit" disabled={working}>
              {working ? 'Restoring…' : 'Restore'}
            </button>
            <button type="button" class="secondary" onClick={reset}>
              Cancel
            </button>
          </>
        ) : (
          <button type="submit" disabled={working || !fileName.value}>
            {working ? 'Opening…' : 'Preview the restore'}
          </button>
        )}
        {result.value && (
          <>
            <p role="status">{summaryText(result.value)}</p>
            <ItemList
              label="Not restored"
              items={result.value.failed.map((failed) => `${itemText(failed)}: ${failed.message}`)}
            />
          </>
        )}
      </form>
      <ConfirmPassword confirmation={confirmation} />
    </>
  );
}
