// A DocuSign JWT grant: the assertion DocuSign documents (aud the account server's host alone),
// the consent link, and the vault's token client against the sandbox's strict DocuSign endpoint —
// consent_required explained with the consent page offered, a token once consent is given, each
// other refusal in DocuSign's terms.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { mergeCredential } from '../../../../src/background/merge-credential';
import { assertionFor } from '../../../../src/core/credentials/assertion';
import {
  DOCUSIGN_ASSERTION_SECONDS,
  docusignAssertion,
  docusignConsentUrl,
  readDocusignKey,
} from '../../../../src/core/credentials/docusign';
import { tokenIssuerFor } from '../../../../src/core/credentials/issuer';
import type { ErrorCode } from '../../../../src/core/errors';
import { storedSigningKey } from '../../../../src/core/keys';
import { createTokenClient, type TokenIssuer } from '../../../../src/core/tokens';
import type { DocusignJwtCredential } from '../../../../src/core/vault/model';
import { validateCredential } from '../../../../src/core/vault/validate';
import type { DocusignJwtInput } from '../../../../src/shared/messages';
import { start } from '../../../sandbox/helpers';
import { failure } from './failure';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../fixtures/keys', name), 'utf8');

async function setUp(change: Partial<DocusignJwtInput> = {}) {
  const sandbox = await start();
  const demo = await sandbox.admin.docusignDemo();
  const input: DocusignJwtInput = {
    kind: 'docusign-jwt',
    label: 'DocuSign',
    integrationKey: demo.integrationKey,
    userId: demo.userId,
    accountServer: demo.accountServer,
    scopes: ['signature', 'impersonation'],
    redirectUri: new URL(demo.consentUrl).searchParams.get('redirect_uri')!,
    privateKey: demo.privateKey,
    ...change,
  };
  const credential = validateCredential(await mergeCredential(input, undefined)) as DocusignJwtCredential;
  const client = createTokenClient({ fetch, clock: { now: () => Date.now() } });
  const exchange = async () =>
    client.exchangeJwt(
      tokenIssuerFor(credential, undefined) as TokenIssuer,
      await assertionFor(credential, Date.now()),
    );
  return { sandbox, demo, credential, exchange };
}

describe('DocuSign JWT grant', () => {
  it("signs what DocuSign documents: the account server's host as aud, an hour at most, its scopes", async () => {
    const { credential } = await setUp({ accountServer: 'https://account-d.docusign.com' });
    const now = Date.now();
    const assertion = (await assertionFor(credential, now))!;
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const iat = Math.floor(now / 1000);
    expect(decodeJwt(assertion)).toEqual({
      iss: credential.integrationKey,
      sub: credential.userId,
      aud: 'account-d.docusign.com',
      iat,
      exp: iat + DOCUSIGN_ASSERTION_SECONDS,
      scope: 'signature impersonation',
    });
  });

  it('signs byte for byte what OpenSSL signed (test/fixtures/keys/docusign-vector.json)', async () => {
    const vector = JSON.parse(fixture('docusign-vector.json')) as {
      claims: { iss: string; sub: string; iat: number; scope: string };
      jws: string;
    };
    const key = storedSigningKey((await readDocusignKey(fixture('rsa-2048-pkcs1.pem'))).privateKey);
    const grant = {
      integrationKey: vector.claims.iss,
      userId: vector.claims.sub,
      accountServer: 'https://account-d.docusign.com',
      scopes: vector.claims.scope.split(' '),
    };
    expect(await docusignAssertion(grant, key, vector.claims.iat)).toBe(vector.jws);
  });

  it('builds the consent link the sandbox (and DocuSign) documents, and takes only RSA keys', async () => {
    const { demo, credential } = await setUp();
    expect(docusignConsentUrl(credential)).toBe(demo.consentUrl);
    await expect(readDocusignKey(fixture('ec-p256-pkcs8.pem'))).rejects.toThrow('RSA keys only');
  });

  it('explains consent_required with the consent page, and gets a token once the user consents there', async () => {
    const { sandbox, demo, exchange } = await setUp();
    await sandbox.admin.setDocusignConsent(false);
    const error = await failure(exchange());
    expect(error.code).toBe('CONSENT_REQUIRED');
    expect(error.message).toContain('needs the user to consent to this integration, once');
    expect(error.link).toEqual({ label: 'Give consent at DocuSign', url: demo.consentUrl });
    // The person opens the link and accepts: the page records it.
    expect((await fetch(error.link!.url)).ok).toBe(true);
    const tokens = await exchange();
    const info = await fetch(`${demo.accountServer}/oauth/userinfo`, {
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(((await info.json()) as { accounts: { base_uri: string }[] }).accounts[0]!.base_uri).toBe(
      demo.apiBaseUri,
    );
  });

  it.each<[string, Partial<DocusignJwtInput>, ErrorCode, string]>([
    [
      'an unknown integration key',
      { integrationKey: 'not-a-key' },
      'INVALID_CLIENT',
      'does not know this integration key',
    ],
    [
      'another key',
      { privateKey: fixture('rsa-2048-pkcs1.pem') },
      'GRANT_REJECTED',
      "did not accept the assertion's signature",
    ],
    [
      'an unknown user',
      { userId: '00000000-0000-0000-0000-000000000000' },
      'GRANT_REJECTED',
      'does not know this user ID',
    ],
  ])('explains %s in DocuSign terms', async (_name, change, code, phrase) => {
    const { exchange } = await setUp(change);
    const error = await failure(exchange());
    expect(error.code).toBe(code);
    expect(error.message).toContain(phrase);
    expect(error.link).toBeUndefined();
  });
});
