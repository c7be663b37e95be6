// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addClientIds,
  clientIdProblem,
  connectionsLosingApp,
  JwtPreview,
  MAX_CLIENT_IDS,
  parseClientIds,
  previewJwt,
  stopButtonText,
} from '../../../src/popup/components/credential-form';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${part({ alg: 'RS256', typ: 'JWT', kid: 'key-7' })}.${part(claims)}.c2ln`;

describe('add credential form', () => {
  afterEach(() => render(null, document.body));

  it('previews the claims of a pasted JWT', () => {
    const { info, problem } = previewJwt(jwt({ sub: '208594004', iat: 1_700_000_000, exp: 3_900_000_000 }));
    expect(problem).toBeUndefined();
    expect(info).toMatchObject({ kid: 'key-7', sub: '208594004', expired: false });
  });

  it('names what is wrong with a malformed JWT, without quoting it', () => {
    const pasted = 'CANARY-not.a-jwt';
    const { info, problem } = previewJwt(pasted);
    expect(info).toBeUndefined();
    expect(problem).toMatch(/three parts/);
    expect(problem).not.toContain('CANARY');
    expect(previewJwt('')).toEqual({});
  });

  it('renders the preview with an expiry warning', () => {
    const { info } = previewJwt(jwt({ sub: '42', exp: Math.floor(Date.now() / 1000) - 60 }));
    render(<JwtPreview info={info!} />, document.body);
    const preview = document.querySelector('dl[aria-label="Decoded JWT"]');
    expect(preview?.textContent).toContain('key-7');
    expect(preview?.textContent).toContain('42');
    expect(preview?.querySelector('.warning')?.textContent).toContain('(expired)');
  });

  it('reads client IDs one per line or comma-separated, without blanks or repeats', () => {
    expect(parseClientIds('a1\n b2 ,a1\n\n c3')).toEqual(['a1', 'b2', 'c3']);
    expect(parseClientIds('  ')).toEqual([]);
  });
});

describe('allowed apps editor rules', () => {
  const app = (id: string, clientId: string) => ({
    id,
    name: `App ${id}`,
    clientId,
    serverUrl: 'https://x.test',
    tokenPath: '/t',
    revokePath: '/r',
    hasSecret: false,
  });
  const row = (id: string, appId: string, credentialId = 'c1') => ({
    id,
    credentialId,
    appId,
    credentialLabel: 'Alice',
    apiBaseUrl: 'https://api.test/',
    toolOrigins: ['http://localhost:3000'],
    status: {
      connectionId: id,
      enabled: true,
      state: 'active' as const,
      generation: 1,
      injecting: true,
      permissionMissing: false,
    },
  });

  it('adds valid client IDs once and names the invalid and repeated ones', () => {
    expect(addClientIds(['a1'], 'b2\na1, bad\u00e9id')).toEqual({
      list: ['a1', 'b2'],
      problems: [
        '"a1" is already in the list.',
        '"bad\u00e9id" may hold only letters, digits and punctuation.',
      ],
    });
    expect(clientIdProblem('x'.repeat(257))).toMatch(/longer than 256/);
    expect(clientIdProblem('123-abc.apps.example.com')).toBeUndefined();
    const full = Array.from({ length: MAX_CLIENT_IDS }, (_, i) => `id${i}`);
    expect(addClientIds(full, 'one-more').problems).toEqual([
      `A credential lists at most ${MAX_CLIENT_IDS} apps.`,
    ]);
  });

  it('finds the connections of this credential whose app the edit stops allowing', () => {
    const apps = [app('a1', 'cid-1'), app('a2', 'cid-2')];
    const rows = [row('k1', 'a1'), row('k2', 'a2'), row('k3', 'a1', 'other-credential')];
    const affected = connectionsLosingApp(
      'c1',
      { kind: 'organization' },
      { kind: 'specific', clientIds: ['cid-2'] },
      rows,
      apps,
    );
    expect(affected.map((a) => [a.connection.id, a.app.clientId])).toEqual([['k1', 'cid-1']]);
    // Already not allowed before the edit: not this edit's doing.
    expect(
      connectionsLosingApp(
        'c1',
        { kind: 'specific', clientIds: ['cid-2'] },
        { kind: 'specific', clientIds: [] },
        rows,
        apps,
      ).map((a) => a.connection.id),
    ).toEqual(['k2']);
    expect(stopButtonText(1)).toBe('Save and stop 1 connection');
    expect(stopButtonText(2)).toBe('Save and stop 2 connections');
  });
});
