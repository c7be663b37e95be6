import { describe, expect, it } from 'vitest';
import { isLocalHost } from '../../../../src/core/vault/url-rules';
import {
  validateApp,
  validateConnection,
  validateCredential,
  validateSettings,
} from '../../../../src/core/vault/validate';
import {
  expectCodeSync,
  rawJwt,
  ringCentral,
  sampleApp,
  sampleConnection,
  sampleCredential,
} from '../support';

const jwt = rawJwt({ alg: 'RS256' }, { sub: '1' });

describe('local hosts', () => {
  it.each(['localhost', '127.0.0.1', '127.255.10.3', '[::1]'])('treats %s as local', (host) => {
    expect(isLocalHost(host)).toBe(true);
  });

  it.each([
    'localhost.evil.test',
    'localhost.',
    'evil-localhost',
    '127.0.0.1.evil.test',
    '128.0.0.1',
    '[::ffff:7f00:1]',
    '0.0.0.0',
  ])('does not treat %s as local', (host) => {
    expect(isLocalHost(host)).toBe(false);
  });
});

describe('app validation', () => {
  it.each([
    'https://platform.ringcentral.com',
    'https://platform.devtest.ringcentral.com:8443/',
    'http://localhost:8080',
    'http://127.0.0.1:3001',
    'http://127.1',
    'http://[::1]:9000',
  ])('accepts the server URL %s', (serverUrl) => {
    expect(() => validateApp(sampleApp({ serverUrl }))).not.toThrow();
  });

  it.each([
    ['plain http to a remote host', 'http://platform.ringcentral.com'],
    ['a localhost look-alike', 'http://localhost.evil.test:8080'],
    ['a loopback look-alike', 'http://127.0.0.1.evil.test'],
    ['another scheme', 'ftp://platform.ringcentral.com'],
    ['javascript', 'javascript:alert(1)'],
    ['credentials', 'https://user:pass@platform.ringcentral.com'],
    ['a query', 'https://platform.ringcentral.com?x=1'],
    ['a bare question mark', 'https://platform.ringcentral.com/?'],
    ['a fragment', 'https://platform.ringcentral.com#top'],
    ['a path', 'https://platform.ringcentral.com/restapi'],
    ['no URL', 'platform.ringcentral.com'],
    ['surrounding spaces', ' https://platform.ringcentral.com'],
  ])('refuses a server URL with %s', (_, serverUrl) => {
    expectCodeSync(() => validateApp(sampleApp({ serverUrl })), 'INVALID_INPUT');
  });

  it('normalises the server URL to its origin and trims names', () => {
    const app = validateApp(
      sampleApp({ serverUrl: 'HTTPS://Platform.RingCentral.com:443/', name: ' A ', clientId: ' id ' }),
    );
    expect(app).toMatchObject({ serverUrl: 'https://platform.ringcentral.com', name: 'A', clientId: 'id' });
  });

  it.each([
    ['an empty name', { name: '  ' }],
    ['an empty client ID', { clientId: ' ' }],
    ['a token path without a leading slash', { tokenPath: 'restapi/oauth/token' }],
    ['a revoke path starting with //', { revokePath: '//evil.test/revoke' }],
    ['a path with ..', { tokenPath: '/restapi/../admin' }],
    ['a path with a query', { tokenPath: '/oauth/token?x=1' }],
    ['a client secret with surrounding spaces', { clientSecret: ' secret ' }],
    ['a client secret that is not text', { clientSecret: 42 as never }],
  ])('refuses %s', (_, overrides) => {
    expectCodeSync(() => validateApp(sampleApp(overrides)), 'INVALID_INPUT');
  });

  it('treats an empty client secret as none', () => {
    expect(validateApp(sampleApp({ clientSecret: '' }))).not.toHaveProperty('clientSecret');
    expect(validateApp(sampleApp({ clientSecret: undefined }))).not.toHaveProperty('clientSecret');
  });
});

describe('credential validation', () => {
  it('accepts both kinds of allowed apps', () => {
    expect(() => validateCredential(sampleCredential(jwt))).not.toThrow();
    const specific = validateCredential(
      sampleCredential(jwt, { allowed: { kind: 'specific', clientIds: [' client-a ', 'client-b'] } }),
    );
    expect(ringCentral(specific).allowed).toEqual({ kind: 'specific', clientIds: ['client-a', 'client-b'] });
  });

  it.each([
    ['an empty label', { label: '' }],
    ['a malformed JWT', { jwt: 'not-a-jwt' }],
    ['a JWT with a Bearer prefix', { jwt: `Bearer ${jwt}` }],
    ['an empty list of specific apps', { allowed: { kind: 'specific' as const, clientIds: [] } }],
    ['an empty client ID in the list', { allowed: { kind: 'specific' as const, clientIds: ['a', ' '] } }],
    ['a repeated client ID', { allowed: { kind: 'specific' as const, clientIds: ['a', 'b', 'a'] } }],
    ['an unknown kind of allowed apps', { allowed: { kind: 'everyone' } as never }],
    ['notes that are not text', { notes: 5 as never }],
    ['an unknown kind of credential', { kind: 'google-service-account' as never }],
  ])('refuses %s', (_, overrides) => {
    expectCodeSync(() => validateCredential(sampleCredential(jwt, overrides)), 'INVALID_INPUT');
  });

  it('reads a credential without a kind, as older vaults and backups hold them, as a RingCentral JWT', () => {
    const { kind: _kind, ...withoutKind } = sampleCredential(jwt);
    expect(validateCredential(withoutKind)).toEqual(sampleCredential(jwt));
  });

  it('names the kinds it knows when it refuses one', () => {
    expect(() => validateCredential(sampleCredential(jwt, { kind: 'other' as never }))).toThrow(
      'credential.kind must be one of: ringcentral-jwt, google-service-account, salesforce-jwt, client-assertion, client-secret, box-jwt, docusign-jwt.',
    );
  });
});

describe('connection validation', () => {
  it('normalises the API base URL to end with a slash and origins without one', () => {
    const connection = validateConnection(
      sampleConnection({
        apiBaseUrl: 'http://127.0.0.1:8080/restapi',
        toolOrigins: ['http://localhost:3000/', 'https://Editor.Swagger.io'],
      }),
    );
    expect(connection.apiBaseUrl).toBe('http://127.0.0.1:8080/restapi/');
    expect(connection.toolOrigins).toEqual(['http://localhost:3000', 'https://editor.swagger.io']);
  });

  it.each([
    ['plain http to a remote API', { apiBaseUrl: 'http://api.example.com/v1/' }],
    ['an API look-alike of localhost', { apiBaseUrl: 'http://localhost.evil.test/v1/' }],
    ['a wildcard in the API path', { apiBaseUrl: 'https://api.example.com/v1/*' }],
    ['a query on the API URL', { apiBaseUrl: 'https://api.example.com/v1/?a=1' }],
    ['no tool origin', { toolOrigins: [] }],
    ['a tool origin with a path', { toolOrigins: ['https://tool.example/app'] }],
    ['a tool origin with a query', { toolOrigins: ['https://tool.example?x'] }],
    ['a plain http tool origin on a remote host', { toolOrigins: ['http://tool.example'] }],
    ['a repeated tool origin', { toolOrigins: ['http://localhost:3000', 'http://localhost:3000/'] }],
    ['a non-boolean enabled', { enabled: 'yes' as never }],
    ['a missing credential id', { credentialId: '' }],
  ])('refuses %s', (_, overrides) => {
    expectCodeSync(() => validateConnection(sampleConnection(overrides)), 'INVALID_INPUT');
  });
});

describe('settings validation', () => {
  it('accepts the bounds and drops unknown fields', () => {
    expect(
      validateSettings({ autoLockMinutes: 1, lockOnSystemLock: true, revokeOnLock: false, x: 1 }),
    ).toEqual({
      autoLockMinutes: 1,
      lockOnSystemLock: true,
      revokeOnLock: false,
      confirmGraceMinutes: 2,
      // Settings from before the activity log had a setting: kept for the session.
      activityLog: 'session',
      activityKeepDays: 30,
    });
    expect(
      validateSettings({
        autoLockMinutes: 1,
        lockOnSystemLock: true,
        revokeOnLock: false,
        activityLog: 'kept',
        activityKeepDays: 365,
      }),
    ).toMatchObject({ activityLog: 'kept', activityKeepDays: 365 });
    expect(() =>
      validateSettings({ autoLockMinutes: 1440, lockOnSystemLock: true, revokeOnLock: true }),
    ).not.toThrow();
  });

  it.each([
    ['zero minutes', { autoLockMinutes: 0 }],
    ['more than a day', { autoLockMinutes: 1441 }],
    ['fractional minutes', { autoLockMinutes: 1.5 }],
    ['a non-boolean flag', { revokeOnLock: 'true' }],
    ['an unknown activity log mode', { activityLog: 'always' }],
    ['no days to keep the log', { activityKeepDays: 0 }],
    ['more than a year of log', { activityKeepDays: 366 }],
  ])('refuses %s', (_, overrides) => {
    expectCodeSync(
      () =>
        validateSettings({ autoLockMinutes: 15, lockOnSystemLock: true, revokeOnLock: true, ...overrides }),
      'INVALID_INPUT',
    );
  });
});
