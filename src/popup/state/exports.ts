// Trusted-app exports: who a credential may go to, the export itself, and the log of what left.
import { computed, type ReadonlySignal } from '@preact/signals';
import type { ExportRecipient } from '../../core/export';
import type { ExportRecord } from '../../core/vault/model';
import type { VaultClient } from '../../shared/client';
import type { ExportInput, ExportOutput } from '../../shared/messages';
import { attempt, type Outcome } from './outcome';
import type { UnlockedStore } from './unlocked';

export interface ExportsModel {
  /** What left the vault, newest first. */
  log: ReadonlySignal<ExportRecord[]>;
  recipients(credentialId: string): Promise<Outcome<ExportRecipient[]>>;
  create(input: ExportInput): Promise<Outcome<ExportOutput>>;
}

export function createExportsModel(
  client: VaultClient,
  store: UnlockedStore,
  recheck: () => Promise<void>,
): ExportsModel {
  return {
    log: computed(() => store.data.value?.exportLog ?? []),
    recipients: (credentialId) => attempt(() => client.call('exports.recipients', { credentialId })),
    create: async (input) => {
      const outcome = await attempt(async () => {
        const output = await client.call('exports.create', input);
        store.update({ exportLog: await client.call('exports.list', {}) });
        return output;
      });
      // A wrong master password may have started throttling.
      if (!outcome.ok) await recheck();
      return outcome;
    },
  };
}
