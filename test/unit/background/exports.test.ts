// Trusted-app export through the worker: recipients, the master password asked again, the log.
import { compactDecrypt, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { jwtWith, KDF, worker } from '../support/worker';

const PASSWORD = 'correct horse';
const JWT = jwtWith('export-canary');

async function vaultWithCredential() {
  const w = worker();
  await w.call('vault.create', { password: PASSWORD, kdf: KDF });
  for (const [name, clientId] of [
    ['Billing', 'billing-id'],
    ['Reports', 'reports-id'],
  ]) {
    await w.call('apps.save', { app: { name, clientId, serverUrl: 'https://platform.ringcentral.com' } });
  }
  const credential = await w.call('credentials.save', {
    credential: {
      label: 'Ops',
      jwt: JWT,
      allowed: { kind: 'specific', clientIds: ['reports-id', 'partner-id'] },
    },
  });
  return { w, credentialId: credential.id as string };
}

describe('export messages', () => {
  it('offers exactly the apps the credential allows', async () => {
    const { w, credentialId } = await vaultWithCredential();
    expect(await w.call('exports.recipients', { credentialId })).toEqual([
      { clientId: 'reports-id', name: 'Reports' },
      { clientId: 'partner-id' },
    ]);
  });

  it('exports after the master password, logs it, and only the recipient key opens it', async () => {
    const { w, credentialId } = await vaultWithCredential();
    const { publicKey, privateKey } = await generateKeyPair('ECDH-ES+A256KW', { extractable: true });
    const jwk = JSON.stringify(await exportJWK(publicKey));
    const reply = await w.send('exports.create', {
      credentialId,
      recipientClientId: 'reports-id',
      protection: { kind: 'public-key', jwk },
      password: PASSWORD,
    });
    if (!reply.ok) throw new Error(reply.error.code);
    // Nothing in the reply carries the JWT in clear: it is only inside the JWE.
    expect(JSON.stringify(reply)).not.toContain(JWT);
    const { jwe, fileName, record } = reply.value;
    expect(fileName).toBe('ops-for-reports-id.jwe');
    const payload = JSON.parse(new TextDecoder().decode((await compactDecrypt(jwe, privateKey)).plaintext));
    expect(payload).toMatchObject({ jwt: JWT, aud: 'reports-id' });
    expect(await w.call('exports.list')).toEqual([record]);
    expect(record).toMatchObject({
      credentialLabel: 'Ops',
      recipientClientId: 'reports-id',
      protection: 'ec-public-key',
    });
  });

  it('refuses a wrong master password, a disallowed app and a private key, and logs none of them', async () => {
    const { w, credentialId } = await vaultWithCredential();
    const base = { credentialId, recipientClientId: 'reports-id', protection: { kind: 'passphrase' } };
    expect(await w.send('exports.create', { ...base, password: 'not it' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    expect(
      await w.send('exports.create', { ...base, recipientClientId: 'billing-id', password: PASSWORD }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    const { privateKey } = await generateKeyPair('RSA-OAEP-256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const refused = await w.send('exports.create', {
      ...base,
      protection: { kind: 'public-key', jwk: JSON.stringify(privateJwk) },
      password: PASSWORD,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PRIVATE_KEY' } });
    expect(JSON.stringify(refused)).not.toContain(String(privateJwk.d));
    expect(await w.call('exports.list')).toEqual([]);
  });

  it('counts wrong master passwords at export toward the unlock throttle', async () => {
    const { w, credentialId } = await vaultWithCredential();
    const request = { credentialId, recipientClientId: 'reports-id', protection: { kind: 'passphrase' } };
    for (let i = 0; i < 3; i += 1) await w.send('exports.create', { ...request, password: `wrong ${i}` });
    expect(await w.send('exports.create', { ...request, password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });
  });
});
