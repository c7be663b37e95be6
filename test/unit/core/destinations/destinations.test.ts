// Confirmed destinations: which (secret, place) pairs the records describe, and which a change
// adds — the pairs that need the master password before anything is written or sent.
import { describe, expect, it } from 'vitest';
import {
  addedDestinations,
  appDestinationChanges,
  changeText,
  connectionDestinationChanges,
  type DestinationRecords,
  destinationsOf,
} from '../../../../src/core/destinations';
import { sampleApp, sampleConnection, sampleCredential } from '../support';

const JWT = 'header.payload.signature';
const EVIL = 'https://evil.example.test';

function vault(overrides: Partial<DestinationRecords> = {}): DestinationRecords {
  return {
    apps: [sampleApp()],
    credentials: [sampleCredential(JWT)],
    connections: [sampleConnection()],
    ...overrides,
  };
}

describe('destinationsOf', () => {
  it('lists the token and revoke URLs for the client secret and the JWT, and the API origin for the token', () => {
    expect(destinationsOf(vault())).toEqual([
      {
        secret: { kind: 'client-secret', appId: 'app-1' },
        url: 'https://platform.ringcentral.com/restapi/oauth/token',
      },
      {
        secret: { kind: 'client-secret', appId: 'app-1' },
        url: 'https://platform.ringcentral.com/restapi/oauth/revoke',
      },
      {
        secret: { kind: 'jwt', credentialId: 'cred-1' },
        url: 'https://platform.ringcentral.com/restapi/oauth/token',
      },
      {
        secret: { kind: 'jwt', credentialId: 'cred-1' },
        url: 'https://platform.ringcentral.com/restapi/oauth/revoke',
      },
      { secret: { kind: 'access-token', credentialId: 'cred-1' }, url: 'https://platform.ringcentral.com' },
      // The tool's pages use the token: their origin is a place it goes too.
      { secret: { kind: 'access-token', credentialId: 'cred-1' }, url: sampleConnection().toolOrigins[0] },
    ]);
  });

  it('counts a new tool origin as a new place for the token, a removed one as nothing', () => {
    const connection = sampleConnection();
    const wider = vault({ connections: [{ ...connection, toolOrigins: [...connection.toolOrigins, EVIL] }] });
    expect(addedDestinations(vault(), wider)).toEqual([
      { secret: { kind: 'access-token', credentialId: 'cred-1' }, url: EVIL },
    ]);
    expect(addedDestinations(wider, vault())).toEqual([]);
    expect(connectionDestinationChanges(connection, { ...connection, toolOrigins: [EVIL] })).toEqual([
      { field: 'tool origins', from: connection.toolOrigins.join(', '), to: EVIL },
    ]);
  });

  it('gives an app without a client secret no client-secret destination', () => {
    const pairs = destinationsOf(vault({ apps: [sampleApp({ clientSecret: undefined })] }));
    expect(pairs.some((pair) => pair.secret.kind === 'client-secret')).toBe(false);
  });
});

describe('addedDestinations', () => {
  it('finds nothing new when nothing changes, or only names and labels do', () => {
    const after = vault({ apps: [sampleApp({ name: 'Renamed' })] });
    expect(addedDestinations(vault(), vault())).toEqual([]);
    expect(addedDestinations(vault(), after)).toEqual([]);
  });

  it("adds the client secret's and every connected JWT's new URLs when the app's server changes", () => {
    const added = addedDestinations(vault(), vault({ apps: [sampleApp({ serverUrl: EVIL })] }));
    expect(added.map((pair) => `${pair.secret.kind} ${pair.url}`)).toEqual([
      `client-secret ${EVIL}/restapi/oauth/token`,
      `client-secret ${EVIL}/restapi/oauth/revoke`,
      `jwt ${EVIL}/restapi/oauth/token`,
      `jwt ${EVIL}/restapi/oauth/revoke`,
    ]);
  });

  it('counts a token or revoke path change on the same server as a new place', () => {
    const after = vault({ apps: [sampleApp({ tokenPath: '/collect' })] });
    expect(addedDestinations(vault(), after).map((pair) => pair.url)).toContain(
      'https://platform.ringcentral.com/collect',
    );
    const revoke = vault({ apps: [sampleApp({ revokePath: '/collect' })] });
    expect(addedDestinations(vault(), revoke)).toHaveLength(2);
  });

  it("adds the JWT's new URLs for a connection through an app on another server", () => {
    const other = sampleApp({
      id: 'app-2',
      clientId: 'other',
      clientSecret: 'other secret',
      serverUrl: EVIL,
    });
    const before = vault({ apps: [sampleApp(), other] });
    const after = {
      ...before,
      connections: [...before.connections, sampleConnection({ id: 'c2', appId: 'app-2' })],
    };
    expect(addedDestinations(before, after).map((pair) => `${pair.secret.kind} ${pair.url}`)).toEqual([
      `jwt ${EVIL}/restapi/oauth/token`,
      `jwt ${EVIL}/restapi/oauth/revoke`,
    ]);
  });

  it("adds the access token's new origin when a connection's API moves, but not for a new path there", () => {
    const moved = vault({ connections: [sampleConnection({ apiBaseUrl: `${EVIL}/restapi/` })] });
    expect(addedDestinations(vault(), moved)).toEqual([
      { secret: { kind: 'access-token', credentialId: 'cred-1' }, url: EVIL },
    ]);
    const samePlace = vault({
      connections: [sampleConnection({ apiBaseUrl: 'https://platform.ringcentral.com/other/' })],
    });
    expect(addedDestinations(vault(), samePlace)).toEqual([]);
  });

  it('adds the first destinations of a stored credential that had no connection', () => {
    const before = vault({ connections: [] });
    expect(addedDestinations(before, vault()).map((pair) => pair.secret.kind)).toEqual([
      'jwt',
      'jwt',
      'access-token',
      'access-token',
    ]);
  });

  it('adds nothing for a secret typed in the same change: a new app, or a new secret with the new server', () => {
    const empty = vault({ apps: [], connections: [] });
    expect(addedDestinations(empty, { ...empty, apps: [sampleApp({ serverUrl: EVIL })] })).toEqual([]);
    const noConnections = vault({ connections: [] });
    const retyped = { ...noConnections, apps: [sampleApp({ serverUrl: EVIL, clientSecret: 'typed now' })] };
    expect(addedDestinations(noConnections, retyped)).toEqual([]);
  });

  it("still adds a connected JWT's new URLs when the app's secret is retyped with the server", () => {
    const after = vault({ apps: [sampleApp({ serverUrl: EVIL, clientSecret: 'typed now' })] });
    expect(addedDestinations(vault(), after).map((pair) => pair.secret.kind)).toEqual(['jwt', 'jwt']);
  });

  it('asks again for a pair that was dropped: a connection deleted and added back', () => {
    const without = vault({ connections: [] });
    expect(addedDestinations(without, vault())).not.toEqual([]);
  });

  it('counts disabled connections, so enabling one adds nothing', () => {
    const disabled = vault({ connections: [sampleConnection({ enabled: false })] });
    expect(addedDestinations(disabled, vault())).toEqual([]);
  });
});

describe('destinations of a credential with its own token URL', () => {
  const google = {
    id: 'google-1',
    kind: 'google-service-account',
    privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
    tokenUri: 'https://oauth2.googleapis.com/token',
  } as const;
  const connection = sampleConnection({
    id: 'conn-g',
    credentialId: 'google-1',
    appId: undefined,
    apiBaseUrl: 'https://www.googleapis.com/',
  });
  const { appId: _none, ...withoutApp } = connection;

  it("sends its assertions to the key file's token URL only, and its tokens to the API and tools", () => {
    expect(destinationsOf({ apps: [sampleApp()], credentials: [google], connections: [withoutApp] })).toEqual(
      [
        expect.objectContaining({ secret: { kind: 'client-secret', appId: 'app-1' } }),
        expect.objectContaining({ secret: { kind: 'client-secret', appId: 'app-1' } }),
        { secret: { kind: 'jwt', credentialId: 'google-1' }, url: 'https://oauth2.googleapis.com/token' },
        { secret: { kind: 'access-token', credentialId: 'google-1' }, url: 'https://www.googleapis.com' },
        { secret: { kind: 'access-token', credentialId: 'google-1' }, url: withoutApp.toolOrigins[0] },
      ],
    );
  });

  it('asks for a stored key used from a new API, not for one pasted in the same change', () => {
    const before = { apps: [], credentials: [google], connections: [withoutApp] };
    const moved = { ...withoutApp, apiBaseUrl: `${EVIL}/` };
    expect(addedDestinations(before, { ...before, connections: [moved] })).toEqual([
      { secret: { kind: 'access-token', credentialId: 'google-1' }, url: EVIL },
    ]);
    const newKey = { ...google, privateKey: google.privateKey.replace('AAAA', 'BBBB') };
    expect(addedDestinations(before, { ...before, credentials: [newKey], connections: [moved] })).toEqual([]);
  });
});

describe('destination changes for the restore preview', () => {
  it('lists every changed field of an app, old → new', () => {
    const changes = appDestinationChanges(sampleApp(), sampleApp({ serverUrl: EVIL, revokePath: '/r' }));
    expect(changes.map(changeText)).toEqual([
      `server: https://platform.ringcentral.com → ${EVIL}`,
      'revoke path: /restapi/oauth/revoke → /r',
    ]);
    expect(appDestinationChanges(sampleApp(), sampleApp({ name: 'Other' }))).toEqual([]);
  });

  it("lists a connection's API only when its origin changes", () => {
    const current = sampleConnection();
    expect(
      connectionDestinationChanges(current, sampleConnection({ apiBaseUrl: `${EVIL}/restapi/` })),
    ).toEqual([{ field: 'API', from: current.apiBaseUrl, to: `${EVIL}/restapi/` }]);
    expect(
      connectionDestinationChanges(
        current,
        sampleConnection({ apiBaseUrl: 'https://platform.ringcentral.com/x/' }),
      ),
    ).toEqual([]);
  });
});
