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
  /**
   * Where its tokens come from: through an app registered in the vault (which the credential
   * must allow; its client authenticates, and exports go to such apps), or from the token URL the
   * credential itself carries, with no app.
   */
  tokens: 'through-app' | 'own-token-url';
}

type KindTable = { [K in CredentialKind]: KindSpec<Extract<Credential, { kind: K }>> };

export const CREDENTIAL_KINDS: KindTable = {
  'ringcentral-jwt': {
    label: 'RingCentral personal JWT',
    secrets: ['jwt'],
    tokens: 'through-app',
  },
  'google-service-account': {
    label: 'Google service account',
    secrets: ['privateKey'],
    tokens: 'own-token-url',
  },
  'salesforce-jwt': {
    label: 'Salesforce JWT bearer',
    secrets: ['privateKey'],
    tokens: 'own-token-url',
  },
  'client-assertion': {
    label: 'Client credentials, signed assertion (private_key_jwt)',
    secrets: ['privateKey'],
    tokens: 'own-token-url',
  },
  'client-secret': {
    label: 'Client credentials, client secret (Zoom server-to-server)',
    secrets: ['clientSecret'],
    tokens: 'own-token-url',
  },
  'box-jwt': {
    label: 'Box JWT (config.json)',
    secrets: ['privateKey', 'clientSecret'],
    tokens: 'own-token-url',
  },
  'docusign-jwt': {
    label: 'DocuSign JWT grant',
    secrets: ['privateKey'],
    tokens: 'own-token-url',
  },
};

/** The kinds, in the table's order. */
export const KIND_IDS = Object.keys(CREDENTIAL_KINDS) as CredentialKind[];

/** The kind stored before credentials had kinds: every credential then was a RingCentral JWT. */
export const FIRST_KIND: CredentialKind = 'ringcentral-jwt';

export function isCredentialKind(value: unknown): value is CredentialKind {
  return typeof value === 'string' && Object.hasOwn(CREDENTIAL_KINDS, value);
}

/** Whether connections of this kind name an app (and the credential says which apps it allows). */
export function usesApp(kind: CredentialKind): boolean {
  return CREDENTIAL_KINDS[kind].tokens === 'through-app';
}

/** The secret values of a credential, as its kind names them. */
export function secretsOf(credential: Credential): string[] {
  const fields: readonly string[] = CREDENTIAL_KINDS[credential.kind].secrets;
  const values = credential as unknown as Record<string, unknown>;
  return fields.map((field) => String(values[field]));
}

/** Whether two versions of a credential hold the same secrets (same kind, same values). */
export function sameSecrets(a: Credential, b: Credential): boolean {
  if (a.kind !== b.kind) return false;
  const before = secretsOf(a);
  return secretsOf(b).every((value, i) => value === before[i]);
}

/**
 * Whether tokens got for `a` still stand for `b`: the same secrets and, for a kind that signs its
 * assertions, the same claims (another scope or subject is another token).
 */
export function sameGrant(a: Credential, b: Credential): boolean {
  if (!sameSecrets(a, b)) return false;
  switch (a.kind) {
    case 'ringcentral-jwt':
      return true;
    case 'google-service-account':
      return (
        b.kind === a.kind &&
        a.clientEmail === b.clientEmail &&
        a.privateKeyId === b.privateKeyId &&
        a.tokenUri === b.tokenUri &&
        a.scopes.join(' ') === b.scopes.join(' ') &&
        a.subject === b.subject
      );
    case 'salesforce-jwt':
      return (
        b.kind === a.kind &&
        a.consumerKey === b.consumerKey &&
        a.username === b.username &&
        a.loginUrl === b.loginUrl
      );
    case 'client-assertion':
      return (
        b.kind === a.kind &&
        a.clientId === b.clientId &&
        a.tokenUrl === b.tokenUrl &&
        a.audience === b.audience &&
        a.scopes.join(' ') === b.scopes.join(' ') &&
        a.apiAudience === b.apiAudience &&
        a.keyId === b.keyId &&
        a.certificateThumbprint === b.certificateThumbprint
      );
    case 'client-secret':
      return (
        b.kind === a.kind &&
        a.preset === b.preset &&
        a.clientId === b.clientId &&
        a.tokenUrl === b.tokenUrl &&
        a.accountId === b.accountId &&
        a.scopes.join(' ') === b.scopes.join(' ')
      );
    case 'box-jwt':
      return (
        b.kind === a.kind &&
        a.clientId === b.clientId &&
        a.publicKeyId === b.publicKeyId &&
        a.subjectType === b.subjectType &&
        a.subject === b.subject &&
        a.tokenUrl === b.tokenUrl
      );
    case 'docusign-jwt':
      return (
        b.kind === a.kind &&
        a.integrationKey === b.integrationKey &&
        a.userId === b.userId &&
        a.accountServer === b.accountServer &&
        a.scopes.join(' ') === b.scopes.join(' ')
      );
  }
}
