// Shared fixtures for the core unit tests: a fresh fake IndexedDB per call, token builders and
// sample records. Imported by test/unit/core only.
// idb recognises IndexedDB objects with `instanceof IDBRequest` and the like, so the interface
// globals must exist even though every test passes its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { base64url, SignJWT } from 'jose';
import { expect } from 'vitest';
import type { KdfPresetId } from '../../../src/core/crypto/params';
import type { ErrorCode } from '../../../src/core/errors';
import { openVaultDb, type VaultDb } from '../../../src/core/vault';
import type { App, Connection, Credential, RingCentralJwtCredential } from '../../../src/core/vault/model';

/** The Argon2id floor: the fastest setting the vault accepts, for tests not about the KDF. */
export const FAST_KDF: KdfPresetId = 'argon2id-19m-t2';

/** A database on its own factory: nothing is shared between tests. */
export async function freshDb(): Promise<{ db: VaultDb; factory: IDBFactory; name: string }> {
  const factory = new IDBFactory();
  const name = 'vault-test';
  return { db: await openVaultDb(factory, name), factory, name };
}

export function encodeJson(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

/** A compact JWS put together by hand, so tests can break any part of it. */
export function rawJwt(header: unknown, payload: unknown, signature = 'c2lnbmF0dXJl'): string {
  return `${encodeJson(header)}.${encodeJson(payload)}.${signature}`;
}

/** A real HS256-signed JWT, as a provider would issue one. */
export async function signedJwt(claims: Record<string, unknown> = {}, kid = 'key-1'): Promise<string> {
  return new SignJWT({ sub: '400123456', iss: 'https://platform.example.test', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
    .setIssuedAt(1_700_000_000)
    .sign(new TextEncoder().encode('test signing key, 32 bytes long!'));
}

export function sampleApp(overrides: Partial<App> = {}): App {
  return {
    id: 'app-1',
    name: 'Swagger tester',
    clientId: 'client-aaa',
    clientSecret: 'app secret value',
    serverUrl: 'https://platform.ringcentral.com',
    tokenPath: '/restapi/oauth/token',
    revokePath: '/restapi/oauth/revoke',
    ...overrides,
  };
}

export function sampleCredential(
  jwt: string,
  overrides: Partial<RingCentralJwtCredential> = {},
): RingCentralJwtCredential {
  return {
    id: 'cred-1',
    kind: 'ringcentral-jwt',
    label: 'Sandbox admin',
    jwt,
    allowed: { kind: 'organization' },
    notes: '',
    ...overrides,
  };
}

/** The credential, held to be a RingCentral JWT (the test fails here when it is another kind). */
export function ringCentral(credential: Credential | undefined): RingCentralJwtCredential {
  if (credential?.kind !== 'ringcentral-jwt')
    throw new Error(`Expected a RingCentral credential, got ${credential?.kind}.`);
  return credential;
}

export function sampleConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'conn-1',
    credentialId: 'cred-1',
    appId: 'app-1',
    apiBaseUrl: 'https://platform.ringcentral.com/restapi/',
    toolOrigins: ['http://localhost:3000'],
    enabled: true,
    ...overrides,
  };
}

/** Asserts on the stable code, never on the wording. */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

export function expectCodeSync(run: () => unknown, code: ErrorCode): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({ code });
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
