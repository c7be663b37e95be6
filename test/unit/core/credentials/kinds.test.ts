// The table of credential kinds and what is read from it: which values are secret, whether two
// versions of a credential hold the same secrets, and the assertion a token request carries.
import { describe, expect, it } from 'vitest';
import { assertionFor } from '../../../../src/core/credentials/assertion';
import {
  CREDENTIAL_KINDS,
  FIRST_KIND,
  isCredentialKind,
  KIND_IDS,
  sameSecrets,
  secretsOf,
} from '../../../../src/core/credentials/kinds';
import { sampleCredential, signedJwt } from '../support';

const jwt = await signedJwt({ exp: 2_000_000_000 });

describe('credential kinds', () => {
  it('lists each kind once, with a label, and knows only those', () => {
    expect(KIND_IDS).toEqual(Object.keys(CREDENTIAL_KINDS));
    for (const kind of KIND_IDS) expect(CREDENTIAL_KINDS[kind].label.length).toBeGreaterThan(0);
    expect(KIND_IDS).toContain(FIRST_KIND);
    expect(isCredentialKind('ringcentral-jwt')).toBe(true);
    expect(isCredentialKind('toString')).toBe(false);
    expect(isCredentialKind(undefined)).toBe(false);
  });

  it('names the JWT as the secret of a RingCentral credential', () => {
    expect(secretsOf(sampleCredential(jwt))).toEqual([jwt]);
  });

  it('tells a new secret from a new label or note', () => {
    const before = sampleCredential(jwt);
    expect(sameSecrets(before, { ...before, label: 'Renamed', notes: 'new' })).toBe(true);
    expect(sameSecrets(before, { ...before, jwt: `${jwt}x` })).toBe(false);
  });

  it('sends the stored JWT as the assertion of a RingCentral credential', async () => {
    expect(await assertionFor(sampleCredential(jwt), Date.now())).toBe(jwt);
  });
});
