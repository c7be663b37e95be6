// Encrypted backups of the whole vault: made, opened for a preview, restored.
import type { VaultClient } from '../../shared/client';
import type { Proof, ResponseOf } from '../../shared/messages';
import { attempt, type Outcome } from './outcome';
import type { UnlockedStore } from './unlocked';

export interface BackupModel {
  /** The backup file; `proof` is the master password or a passkey, asked again. */
  create(proof: Proof, backupPassword: string): Promise<Outcome<ResponseOf<'backup.create'>>>;
  /** Opens the file and says what a restore would add and where it meets duplicates. */
  preview(content: string, backupPassword: string): Promise<Outcome<ResponseOf<'backup.preview'>>>;
  /** Restores, then reads everything the popup shows again. */
  restore(
    content: string,
    backupPassword: string,
    onConflict: 'keep' | 'replace',
    proof?: Proof,
  ): Promise<Outcome<ResponseOf<'backup.restore'>>>;
}

export function createBackupModel(
  client: VaultClient,
  store: UnlockedStore,
  recheck: () => Promise<void>,
): BackupModel {
  return {
    create: async (proof, backupPassword) => {
      const outcome = await attempt(() => client.call('backup.create', { ...proof, backupPassword }));
      // A wrong master password may have started throttling.
      await recheck();
      return outcome;
    },
    preview: (content, backupPassword) =>
      attempt(() => client.call('backup.preview', { content, password: backupPassword })),
    restore: (content, backupPassword, onConflict, proof) =>
      attempt(async () => {
        const result = await client.call('backup.restore', {
          content,
          password: backupPassword,
          onConflict,
          // Here `password` opens the file: the master password goes by its own name.
          ...(proof?.password === undefined ? {} : { masterPassword: proof.password }),
          ...(proof?.passkey === undefined ? {} : { passkey: proof.passkey }),
        });
        await store.reread();
        return result;
      }),
  };
}
