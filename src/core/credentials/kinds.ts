// The one table of credential kinds (in the spirit of jose's per-algorithm tables): what each is
// called and which of its fields are secret. What differs between kinds as they are added — how
// the assertion is got (the stored JWT, or signed from a stored key), the grant, who authenticates
// the client, whether a refresh token comes back, whether it exports — joins the entry with the
// first kind that differs. Nothing else lists the kinds: code that handles one switches on `kind`
// (a new kind is then a compile error wherever it is not handled) or reads this table.
// Imported by core, the worker and the popup.
import type { Credential, CredentialBase, CredentialKind } from '../vault/model';

export interface KindSpec<C extends Credential> {
  /** What the popup calls it. */
  label: string;
  /**
   * The fields that are secret: they leave the worker only for the token endpoint and, encrypted,
   * in an export; pages see the credential without them.
   */
  secrets: readonly Exclude<keyof C, keyof CredentialBase | 'kind'>[];
}

type KindTable = { [K in CredentialKind]: KindSpec<Extract<Credential, { kind: K }>> };

export const CREDENTIAL_KINDS: KindTable = {
  'ringcentral-jwt': {
    label: 'RingCentral personal JWT',
    secrets: ['jwt'],
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
