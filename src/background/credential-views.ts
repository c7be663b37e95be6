// The credentials as the popup lists them, kept while the vault stays open. Opening every sealed
// record and decoding every JWT on each popup open was most of the cost of listing a large vault.
// Only the views are kept (never a JWT or a key); the expiry flags are worked out afresh on every read.
import { ownTokenUrl } from '../core/credentials/token-urls';
import { expiryFlags, inspectJwt } from '../core/jwt';
import type { VaultRecords } from '../core/vault';
import type { Credential } from '../core/vault/model';
import type { CredentialName } from '../shared/connection-overview';
import type { CredentialView } from '../shared/messages';

export function credentialView(credential: Credential, now: number = Date.now()): CredentialView {
  switch (credential.kind) {
    case 'ringcentral-jwt': {
      const { jwt, ...rest } = credential;
      const { kid, sub, iat, exp, expired, expiresSoon } = inspectJwt(jwt, now);
      return { ...rest, jwtInfo: { kid, sub, iat, exp, expired, expiresSoon } };
    }
    case 'google-service-account':
    case 'salesforce-jwt':
    case 'client-assertion':
    case 'docusign-jwt': {
      const { privateKey: _key, ...rest } = credential;
      return rest;
    }
    case 'client-secret': {
      const { clientSecret: _secret, ...rest } = credential;
      return rest;
    }
    case 'box-jwt': {
      const { privateKey: _key, clientSecret: _secret, ...rest } = credential;
      return rest;
    }
  }
}

export interface CredentialViews {
  /** The views of every credential, in id order, as `records.list` would give them. */
  list(records: VaultRecords, now?: number): Promise<CredentialView[]>;
  /** Their ids, labels and own token URLs, from the same kept views: what the connections overview names. */
  labels(records: VaultRecords): Promise<CredentialName[]>;
  /** Forgets them: called as the vault locks, so no label or note outlives the unlocked state. */
  clear(): void;
}

export function createCredentialViews(): CredentialViews {
  // Tied to the open records: a lock (or another data key) drops them; any write of a
  // credential changes the revision, so the next read opens the records again.
  let kept: { records: VaultRecords; revision: number; views: CredentialView[] } | undefined;
  // Counts clears: a list that was reading while the vault locked must not keep what it read.
  let clears = 0;

  async function views(records: VaultRecords, now: number): Promise<CredentialView[]> {
    const current = kept?.records === records && kept.revision === records.revision('credentials');
    if (current && kept) return kept.views;
    // Read before the records: a write that lands meanwhile leaves these marked stale.
    const revision = records.revision('credentials');
    const before = clears;
    const read = (await records.list('credentials')).map((c) => credentialView(c, now));
    if (before === clears) kept = { records, revision, views: read };
    return read;
  }

  return {
    async labels(records) {
      return (await views(records, Date.now())).map((view) => {
        const tokenUrl = ownTokenUrl(view);
        return { id: view.id, label: view.label, ...(tokenUrl ? { tokenUrl } : {}) };
      });
    },
    async list(records, now = Date.now()) {
      return (await views(records, now)).map((view) =>
        'jwtInfo' in view
          ? { ...view, jwtInfo: { ...view.jwtInfo, ...expiryFlags(view.jwtInfo.exp, now) } }
          : view,
      );
    },
    clear() {
      kept = undefined;
      clears += 1;
    },
  };
}
