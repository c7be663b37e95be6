import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../src/core/errors';
import { assertCompactJws, inspectJwt } from '../../../src/core/jwt';
import { changePassword, createVault, unlockVault, VaultRecords } from '../../../src/core/vault';
import { validateApp, validateCredential } from '../../../src/core/vault/validate';
import {
  encodeJson,
  FAST_KDF,
  freshDb,
  rawJwt,
  sampleApp,
  sampleConnection,
  sampleCredential,
} from './support';

// Canary values planted as secrets; none may appear in any error, in any form it carries.
const CANARY = {
  password: 'CANARY-PASSWORD-51f0',
  wrongPassword: 'CANARY-WRONGPW-8c2d',
  jwt: 'CANARYJWT93ab',
  secret: 'CANARY-SECRET-0d4e',
  notes: 'CANARY-NOTES-77e1',
  urlPassword: 'CANARY-URLPASS-2b9c',
};
const CANARIES = Object.values(CANARY);

/** Everything an error could leak through: message, stack, name, cause and the wire payload. */
function surfaces(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const payload = error instanceof VaultError ? JSON.stringify(error.toPayload()) : '';
  return [
    error.message,
    error.stack,
    String(error),
    payload,
    error.cause === undefined ? '' : surfaces(error.cause),
  ].join('\n');
}

async function thrownBy(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function expectNoCanary(error: unknown): void {
  expect(error).toBeInstanceOf(VaultError);
  const text = surfaces(error);
  for (const canary of CANARIES) expect(text).not.toContain(canary);
}

const canaryJwt = rawJwt({ alg: 'RS256', kid: CANARY.jwt }, { sub: CANARY.jwt }, CANARY.jwt);

describe('no secret value in any error', () => {
  it('keeps passwords out of vault errors', async () => {
    const { db } = await freshDb();
    await createVault(db, CANARY.password, FAST_KDF);
    const errors = [
      await thrownBy(() => unlockVault(db, CANARY.wrongPassword)),
      await thrownBy(() => changePassword(db, CANARY.wrongPassword, CANARY.password)),
      await thrownBy(() => createVault(db, CANARY.password, FAST_KDF)),
      await thrownBy(() => unlockVault(db, CANARY.wrongPassword.repeat(100))),
      await thrownBy(() =>
        changePassword(db, CANARY.password, CANARY.password, { id: 'pbkdf2-sha256', iterations: 1 }),
      ),
    ];
    expect(errors.map((e) => (e as VaultError).code)).toEqual([
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'ALREADY_INITIALIZED',
      'INVALID_INPUT',
      'KDF_BELOW_FLOOR',
    ]);
    errors.forEach(expectNoCanary);
  });

  it('keeps the JWT out of every malformed-token error', async () => {
    const payload = encodeJson({ sub: CANARY.jwt });
    const tokens = [
      CANARY.jwt,
      `${CANARY.jwt}.${CANARY.jwt}`,
      `Bearer ${canaryJwt}`,
      ` ${canaryJwt}`,
      `${CANARY.jwt}!.${payload}.${CANARY.jwt}`,
      `${encodeJson({ alg: 'none' })}.${payload}.`,
      `${encodeJson({ typ: CANARY.jwt })}.${payload}.${CANARY.jwt}`,
      `${encodeJson({ alg: 'RS256' })}.${CANARY.jwt}.${CANARY.jwt}`,
      `${encodeJson({ alg: 'RS256' })}.${encodeJson(CANARY.jwt)}.${CANARY.jwt}`,
      `${encodeJson({ alg: 'RS256' })}.${payload}.`,
      `${encodeJson({ alg: 'RS256' })}.${payload}.${CANARY.jwt}+`,
    ];
    for (const token of tokens) {
      expectNoCanary(await thrownBy(() => assertCompactJws(token)));
      expectNoCanary(await thrownBy(() => inspectJwt(token)));
      expectNoCanary(
        await thrownBy(() => validateCredential(sampleCredential(token, { notes: CANARY.notes }))),
      );
    }
  });

  it('keeps client secrets and URL passwords out of validation errors', async () => {
    const errors = [
      await thrownBy(() =>
        validateApp(sampleApp({ clientSecret: CANARY.secret, serverUrl: 'http://example.com' })),
      ),
      await thrownBy(() => validateApp(sampleApp({ clientSecret: ` ${CANARY.secret}` }))),
      await thrownBy(() =>
        validateApp(sampleApp({ serverUrl: `https://admin:${CANARY.urlPassword}@example.com` })),
      ),
      await thrownBy(() =>
        validateApp(sampleApp({ serverUrl: `https://admin:${CANARY.urlPassword}@exa mple.com` })),
      ),
      await thrownBy(() => validateApp(sampleApp({ clientSecret: CANARY.secret.repeat(100) }))),
    ];
    errors.forEach(expectNoCanary);
  });

  it('keeps secrets out of relation and integrity errors', async () => {
    const { db } = await freshDb();
    const records = await VaultRecords.fromRawKey(db, await createVault(db, CANARY.password, FAST_KDF));
    await records.put('apps', sampleApp({ clientSecret: CANARY.secret }));
    await records.put(
      'credentials',
      sampleCredential(canaryJwt, {
        notes: CANARY.notes,
        allowed: { kind: 'specific', clientIds: ['other'] },
      }),
    );
    const errors = [
      await thrownBy(() => records.put('apps', sampleApp({ id: 'app-2', clientSecret: CANARY.secret }))),
      await thrownBy(() => records.put('credentials', sampleCredential(canaryJwt, { id: 'cred-2' }))),
      await thrownBy(() => records.put('connections', sampleConnection())),
    ];
    const stored = (await db.get('credentials', 'cred-1'))!;
    await db.put('credentials', { ...stored, id: 'cred-9' });
    errors.push(await thrownBy(() => records.get('credentials', 'cred-9')));
    expect(errors.map((e) => (e as VaultError).code)).toEqual([
      'DUPLICATE',
      'DUPLICATE',
      'NOT_ALLOWED',
      'INTEGRITY',
    ]);
    errors.forEach(expectNoCanary);
  });
});
