// The default seed's promises, the seed checker, and starting with a custom seed.

import { describe, expect, it } from 'vitest';
import { defaultSeed, parseSeed, SeedError, startSandbox } from '../../sandbox/index';
import { exchange } from './helpers';

describe('default seed', () => {
  it('covers each kind of app and both restriction kinds', () => {
    const apps = Object.values(defaultSeed.apps);
    const credentials = Object.values(defaultSeed.credentials);

    expect(apps.some((a) => a.clientSecret && a.refreshTokens)).toBe(true);
    expect(apps.some((a) => !a.refreshTokens)).toBe(true);
    expect(apps.some((a) => a.clientSecret === null)).toBe(true);
    expect(apps.some((a) => a.organization !== defaultSeed.accounts.main.organization)).toBe(true);
    expect(apps.some((a) => !a.jwtGrant)).toBe(true);
    expect(new Set(credentials.map((c) => c.restriction.kind))).toEqual(new Set(['organization', 'apps']));
    expect(Object.keys(defaultSeed.users)).toHaveLength(2);
  });

  it('passes its own checker', () => {
    expect(parseSeed(JSON.parse(JSON.stringify(defaultSeed)))).toEqual(defaultSeed);
  });
});

describe('parseSeed', () => {
  it.each([
    [null, 'seed: expected an object'],
    [{ ...defaultSeed, apps: { a: { ...defaultSeed.apps.demo, jwtGrant: 'yes' } } }, 'apps.a.jwtGrant'],
    [
      {
        ...defaultSeed,
        credentials: { c: { ...defaultSeed.credentials.demo, restriction: { kind: 'some' } } },
      },
      'credentials.c.restriction.kind',
    ],
    [{ ...defaultSeed, credentials: { c: { ...defaultSeed.credentials.demo, userId: 42 } } }, 'no such user'],
    [
      { ...defaultSeed, credentials: { c: { ...defaultSeed.credentials.demo, expiresAt: 'soon' } } },
      'ISO date',
    ],
  ])('refuses a bad seed, naming the place (%#)', (input, message) => {
    expect(() => parseSeed(input)).toThrow(SeedError);
    expect(() => parseSeed(input)).toThrow(message);
  });
});

describe('custom seed', () => {
  it('starts with it and types its JWT handles', async () => {
    const seed = {
      ...defaultSeed,
      credentials: { only: { ...defaultSeed.credentials.bob, id: 'only-one' } },
    };
    const sandbox = await startSandbox({ seed });
    try {
      const tokens = await exchange(sandbox.url, sandbox.jwts.only);

      expect(tokens.owner_id).toBe(String(defaultSeed.users.bob.id));
      expect(Object.keys(sandbox.jwts)).toEqual(['only']);
    } finally {
      await sandbox.close();
    }
  });
});
