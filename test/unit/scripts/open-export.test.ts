// The open-export script: what a trusted app runs. It opens exports made by the vault's core
// with jose alone, and refuses wrong secrets, altered files, expired and misdirected exports.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT, OpenExportError, openExport, type Secret } from '../../../scripts/open-export';
import { exportCredential } from '../../../src/core/export';
import type { App, Credential } from '../../../src/core/vault/model';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2ln';
const APP: App = {
  id: 'a1',
  name: 'Partner',
  clientId: 'partner-id',
  serverUrl: 'https://platform.ringcentral.com',
  tokenPath: '/restapi/oauth/token',
  revokePath: '/restapi/oauth/revoke',
};
const CREDENTIAL: Credential = {
  id: 'c1',
  kind: 'ringcentral-jwt',
  label: 'Ops',
  jwt: JWT,
  allowed: { kind: 'organization' },
  notes: '',
};

let publicJwk: JWK;
let privateJwk: JWK;
beforeAll(async () => {
  const pair = await generateKeyPair('ECDH-ES+A256KW', { extractable: true });
  publicJwk = await exportJWK(pair.publicKey);
  privateJwk = await exportJWK(pair.privateKey);
});

function make(protection: 'key' | 'passphrase', now = Date.now()) {
  return exportCredential(
    {
      credential: CREDENTIAL,
      apps: [APP],
      recipientClientId: 'partner-id',
      protection:
        protection === 'key'
          ? { kind: 'public-key', jwk: JSON.stringify(publicJwk) }
          : { kind: 'passphrase' },
    },
    now,
  );
}

async function exitOf(jwe: string, secret: Secret, clientId = 'partner-id'): Promise<number> {
  const error = await openExport(jwe, secret, clientId).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(OpenExportError);
  return (error as OpenExportError).exit;
}

/** Changes one character in the given segment of a compact JWE (0 header … 4 tag). */
function alter(jwe: string, segment: number): string {
  const parts = jwe.split('.');
  const part = parts[segment] ?? '';
  const middle = Math.floor(part.length / 2);
  parts[segment] = part.slice(0, middle) + (part[middle] === 'A' ? 'B' : 'A') + part.slice(middle + 1);
  return parts.join('.');
}

describe('open-export', () => {
  it('opens a key-protected and a passphrase-protected export and returns the JWT', async () => {
    const byKey = await make('key');
    expect(await openExport(byKey.jwe, { key: privateJwk }, 'partner-id')).toMatchObject({
      jwt: JWT,
      label: 'Ops',
    });
    const byPassphrase = await make('passphrase');
    const opened = await openExport(
      byPassphrase.jwe,
      { passphrase: byPassphrase.passphrase ?? '' },
      'partner-id',
    );
    expect(opened.jwt).toBe(JWT);
  });

  it('fails cleanly with a wrong key or passphrase', async () => {
    const other = await exportJWK(
      (await generateKeyPair('ECDH-ES+A256KW', { extractable: true })).privateKey,
    );
    expect(await exitOf((await make('key')).jwe, { key: other })).toBe(EXIT.decrypt);
    expect(await exitOf((await make('passphrase')).jwe, { passphrase: 'WRONG-PASS' })).toBe(EXIT.decrypt);
  });

  it('fails integrity when any part of the file was altered', async () => {
    const { jwe } = await make('key');
    for (const segment of [0, 2, 3, 4]) {
      expect([EXIT.decrypt, EXIT.format]).toContain(await exitOf(alter(jwe, segment), { key: privateJwk }));
    }
    // The ciphertext and the tag are covered by AES-GCM: altering them can only fail decryption.
    expect(await exitOf(alter(jwe, 3), { key: privateJwk })).toBe(EXIT.decrypt);
    expect(await exitOf(alter(jwe, 4), { key: privateJwk })).toBe(EXIT.decrypt);
  });

  it('rejects an expired export and one made for another app', async () => {
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    expect(await exitOf((await make('key', twoDaysAgo)).jwe, { key: privateJwk })).toBe(EXIT.expired);
    expect(await exitOf((await make('key')).jwe, { key: privateJwk }, 'someone-else')).toBe(EXIT.audience);
    expect(await exitOf('not a jwe', { key: privateJwk })).toBe(EXIT.format);
  });

  it('runs from the command line: prints the payload, or the reason and its exit code', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'open-export-'));
    const file = path.join(dir, 'ops.jwe');
    const keyFile = path.join(dir, 'key.json');
    await writeFile(file, (await make('key')).jwe);
    await writeFile(keyFile, JSON.stringify(privateJwk));
    const run = promisify(execFile);
    const script = path.resolve(import.meta.dirname, '../../../scripts/open-export.ts');
    const tsx = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
    const { stdout } = await run(tsx, [script, file, '--client-id', 'partner-id', '--key', keyFile]);
    expect(JSON.parse(stdout)).toMatchObject({ jwt: JWT, aud: 'partner-id' });
    const refused = await run(tsx, [script, file, '--client-id', 'other-id', '--key', keyFile]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: EXIT.audience, stderr: expect.stringContaining('"partner-id"') });
  });
});
