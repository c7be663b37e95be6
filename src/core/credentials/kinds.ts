// The one table of credential kinds (in the spirit of jose's per-algorithm tables): for each kind,
// how the assertion sent to the token endpoint is got, the grant, who authenticates the client,
// whether a refresh token comes back, which fields are secret and whether it can be exported.
// Nothing else lists the kinds: code that handles one switches on `kind` or reads this table.
// Imported by core, the worker and the popup.
import type { Credential, CredentialBase, CredentialKind } from '../vault/model';

export interface KindSpec<C extends Credential> {
  /** What the popup calls it. */
  label: string;
  /** The stored JWT sent as it is, or an assertion signed with a stored key (not yet). */
  assertion: 'stored';
  /** The grant of the token request: the JWT bearer grant of RFC 7523 §2.1 (the wire value is the token client's). */
  grant: 'jwt-bearer';
  /** Who proves the client's identity: the app, with its client ID (and secret, if it has one). */
  clientAuth: 'app';
  /** Whether the token answer carries a refresh token; without one the vault asks anew before expiry. */
  refreshToken: boolean;
  /**
   * The fields that are secret: they leave the worker only for the token endpoint and, encrypted,
   * in an export; pages see the credential without them.
   */
  secrets: readonly Exclude<keyof C, keyof CredentialBase | 'kind'>[];
  /** Whether the credential can be exported, encrypted, for a trusted app it allows. */
  exportable: boolean;
}

type KindTable = { [K in CredentialKind]: KindSpec<Extract<Credential, { kind: K }>> };

export const CREDENTIAL_KINDS: KindTable = {
  'ringcentral-jwt': {
    label: 'RingCentral personal JWT',
    assertion: 'stored',
    grant: 'jwt-bearer',
    clientAuth: 'app',
    refreshToken: true,
    secrets: ['jwt'],
    exportable: true,
  },
};

/** The kinds, in the table's order. */
export const KIND_IDS = Object.keys(CREDENTIAL_KINDS) as CredentialKind[];

/** The kind stored before credentials had kinds: every credential then was a RingCentral JWT. */
export const FIRST_KIND: CredentialKind = 'ringcentral-jwt';

export function isCredentialKind(value: unknown): value is CredentialKind {
  return typeof value === 'string' && Object.hasOwn(CREDENTIAL_KINDS, value);
}

/** The secret values of a credential, as its kind names them. */
export function secretsOf(credential: Credential): string[] {
  const spec = CREDENTIAL_KINDS[credential.kind];
  return spec.secrets.map((field) => credential[field]);
}

/** Whether two versions of a credential hold the same secrets (same kind, same values). */
export function sameSecrets(a: Credential, b: Credential): boolean {
  if (a.kind !== b.kind) return false;
  const before = secretsOf(a);
  return secretsOf(b).every((value, i) => value === before[i]);
}
