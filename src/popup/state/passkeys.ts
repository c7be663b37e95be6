// The passkeys enrolled for the vault: the list Settings shows, enrolling one after the master
// password (the authenticator's ceremony runs in this page, src/popup/passkey.ts), and removing
// one; and a passkey's answer where the master password would confirm an action. Unlocking with
// a passkey is the vault model's.
import { computed, type ReadonlySignal } from '@preact/signals';
import type { PasskeyView } from '../../core/vault';
import type { VaultClient } from '../../shared/client';
import type { Proof, VaultStatus } from '../../shared/messages';
import { attempt, type Outcome } from './outcome';
import type { UnlockedStore } from './unlocked';

/**
 * Whether a passkey may answer here: the vault has one (its status counts them) and this page has
 * WebAuthn at all. Passkeys are enrolled in this browser, where PRF was there to enrol them.
 */
export function passkeyOffered(status: VaultStatus | undefined): boolean {
  return (status?.passkeys ?? 0) > 0 && typeof PublicKeyCredential !== 'undefined';
}

export interface PasskeysModel {
  list: ReadonlySignal<PasskeyView[]>;
  /** Creates a passkey with the browser's dialog, then has the worker wrap the data key for it. */
  enrol(name: string, password: string): Promise<Outcome<PasskeyView>>;
  /** The proof when the worker asked for a confirmation (CONFIRMATION_REQUIRED). */
  remove(credentialId: string, proof?: Proof): Promise<Outcome<void>>;
  /** A confirmation from a passkey: the browser's dialog asks for one of those enrolled. */
  prove(): Promise<Outcome<Proof>>;
}

export function createPasskeysModel(
  client: VaultClient,
  store: UnlockedStore,
  recheck: () => Promise<void>,
): PasskeysModel {
  const list = computed(() => store.data.value?.passkeys ?? []);
  return {
    list,
    enrol: async (name, password) => {
      const outcome = await attempt(async () => {
        // A mistyped password found before the authenticator makes a passkey nobody can use.
        await client.call('vault.checkPassword', { password });
        const { createPasskey } = await import('../passkey');
        const created = await createPasskey(
          name,
          list.value.map((p) => p.credentialId),
        );
        const enrolled = await client.call('passkeys.enrol', { ...created, name, password });
        await store.reread(['passkeys']);
        return enrolled;
      });
      // The status counts the passkeys (the confirmations offer them), and a wrong master
      // password may have started throttling.
      await recheck();
      return outcome;
    },
    remove: async (credentialId, proof) => {
      const outcome = await attempt(async () => {
        await client.call('passkeys.remove', { credentialId, ...proof });
        await store.reread(['passkeys']);
      });
      await recheck();
      return outcome;
    },
    prove: () =>
      attempt(async () => {
        const { askPasskey } = await import('../passkey');
        return { passkey: await askPasskey(client) };
      }),
  };
}
