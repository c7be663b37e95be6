// A Box app with JWT server authentication: its config.json read as the developer console
// downloads it (the key opened with the file's passphrase, which is not kept), the assertion Box
// documents, and the vault's token client against the sandbox's strict Box endpoint — a token its
// API takes, each refusal explained in Box's terms.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { mergeCredential } from '../../../../src/background/merge-credential';
import { assertionFor } from '../../../../src/core/credentials/assertion';
import { BOX_ASSERTION_SECONDS, boxAssertion, readBoxConfig } from '../../../../src/core/credentials/box';
import { readClientKey } from '../../../../src/core/credentials/client-assertion';
import { tokenIssuerFor } from '../../../../src/core/credentials/issuer';
import type { ErrorCode } from '../../../../src/core/errors';
import { storedSigningKey } from '../../../../src/core/keys';
import { createTokenClient, type TokenIssuer } from '../../../../src/core/tokens';
import type { BoxJwtCredential } from '../../../../src/core/vault/model';
import { validateCredential } from '../../../../src/core/vault/validate';
import type { BoxJwtInput } from '../../../../src/shared/messages';
import { start } from '../../../sandbox/helpers';
import { failure } from './failure';

async function setUp(
  change: Partial<BoxJwtInput> = {},
  edit: (file: Record<string, unknown>) => void = () => {},
) {
  const sandbox = await start();
  const file = structuredClone((await sandbox.admin.boxDemo()) as unknown as Record<string, unknown>);
  edit(file);
  const input: BoxJwtInput = {
    kind: 'box-jwt',
    label: 'Box',
    configFile: JSON.stringify(file),
    subjectType: 'enterprise',
    tokenUrl: `${sandbox.url}/box/oauth2/token`,
    ...change,
  };
  const credential = validateCredential(await mergeCredential(input, undefined)) as BoxJwtCredential;
  const client = createTokenClient({ fetch, clock: { now: () => Date.now() } });
  const exchange = async () =>
    client.exchangeJwt(
      tokenIssuerFor(credential, undefined) as TokenIssuer,
      await assertionFor(credential, Date.now()),
    );
  return { sandbox, file, credential, exchange };
}

const settings = (file: Record<string, unknown>) =>
  file.boxAppSettings as { clientID: string; clientSecret: string; appAuth: Record<string, string> };

describe('Box JWT', () => {
  it("reads the config.json, opening its encrypted key with the file's passphrase, and keeps no passphrase", async () => {
    const { file, credential } = await setUp();
    const app = settings(file);
    expect(app.appAuth.privateKey).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(credential).toMatchObject({
      clientId: app.clientID,
      clientSecret: app.clientSecret,
      publicKeyId: app.appAuth.publicKeyID,
      subjectType: 'enterprise',
      subject: file.enterpriseID,
      keyDescription: 'RSA 2048-bit',
    });
    expect(credential.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(JSON.stringify(credential)).not.toContain(app.appAuth.passphrase);
  });

  it('signs what Box documents: kid, iss, sub and box_sub_type, aud, a jti, exp under a minute', async () => {
    const { credential } = await setUp();
    const now = Date.now();
    const assertion = (await assertionFor(credential, now))!;
    expect(decodeProtectedHeader(assertion)).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: credential.publicKeyId,
    });
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({
      iss: credential.clientId,
      sub: credential.subject,
      box_sub_type: 'enterprise',
      aud: credential.tokenUrl,
      exp: Math.floor(now / 1000) + BOX_ASSERTION_SECONDS,
    });
    expect(String(claims.jti).length).toBeGreaterThanOrEqual(16);
    expect(decodeJwt((await assertionFor(credential, now))!).jti).not.toBe(claims.jti);
  });

  it('names what it refuses in a config.json', async () => {
    await expect(readBoxConfig('{"type":"service_account"}')).rejects.toThrow('has no "boxAppSettings"');
    await expect(
      readBoxConfig('{"boxAppSettings":{"clientID":"a","appAuth":{"publicKeyID":"k"}}}'),
    ).rejects.toThrow('holds no private key');
    await expect(readBoxConfig('not json')).rejects.toThrow('it is not JSON');
  });

  it('gets a token the API takes, for the enterprise and for a user', async () => {
    for (const change of [{}, { subjectType: 'user' as const, subject: '30632000002' }]) {
      const { sandbox, exchange } = await setUp(change);
      const tokens = await exchange();
      const api = await fetch(`${sandbox.url}/box/2.0/users/me`, {
        headers: { Authorization: `Bearer ${tokens.accessToken}` },
      });
      expect(api.status).toBe(200);
    }
  });

  it.each<
    [string, Partial<BoxJwtInput>, (file: Record<string, unknown>) => void, boolean, ErrorCode, string]
  >([
    [
      'a reset client secret',
      {},
      (f) => {
        settings(f).clientSecret = 'reset';
      },
      false,
      'INVALID_CLIENT',
      'client ID and secret',
    ],
    [
      'a removed public key',
      {},
      (f) => {
        settings(f).appAuth.publicKeyID = 'gone';
      },
      false,
      'GRANT_REJECTED',
      "assertion's signature",
    ],
    [
      'an unknown user',
      { subjectType: 'user', subject: '999' },
      () => {},
      false,
      'GRANT_REJECTED',
      'does not know the enterprise or user',
    ],
    [
      'an app the admin has not authorized',
      {},
      () => {},
      true,
      'NOT_ALLOWED_FOR_APP',
      'Platform Apps Manager',
    ],
  ])('explains %s in Box terms', async (_name, change, edit, unauthorize, code, phrase) => {
    const { sandbox, exchange } = await setUp(change, edit);
    if (unauthorize) await sandbox.admin.setBoxAuthorized(false);
    const error = await failure(exchange());
    expect(error.code).toBe(code);
    expect(error.message).toContain(phrase);
  });
});

describe('Box JWT: the fixed vector', () => {
  it('signs byte for byte what OpenSSL signed, from the same claims', async () => {
    const fixture = (name: string) =>
      readFileSync(path.join(import.meta.dirname, '../../../fixtures/keys', name), 'utf8');
    const vector = JSON.parse(fixture('box-vector.json')) as {
      header: { kid: string };
      claims: { iss: string; sub: string; aud: string; jti: string; exp: number };
      jws: string;
    };
    const key = storedSigningKey((await readClientKey(fixture('rsa-2048-pkcs8.pem'))).privateKey);
    const grant = {
      clientId: vector.claims.iss,
      publicKeyId: vector.header.kid,
      subjectType: 'enterprise' as const,
      subject: vector.claims.sub,
      tokenUrl: vector.claims.aud,
    };
    const assertion = await boxAssertion(
      grant,
      key,
      vector.claims.exp - BOX_ASSERTION_SECONDS,
      vector.claims.jti,
    );
    expect(assertion).toBe(vector.jws);
  });
});
