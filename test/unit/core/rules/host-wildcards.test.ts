// The rule builder checks hosts itself, whatever the vault let through: a "*" in a host would
// turn the urlFilter or the initiator domains into a pattern.
import { describe, expect, it } from 'vitest';
import { buildRules, type InjectionTarget } from '../../../../src/core/rules';

const app = {
  serverUrl: 'https://platform.ringcentral.com',
  tokenPath: '/restapi/oauth/token',
  revokePath: '/restapi/oauth/revoke',
};

function target(overrides: Partial<InjectionTarget> = {}): InjectionTarget {
  return {
    connectionId: 'conn-1',
    slot: 0,
    apiBaseUrl: 'https://platform.ringcentral.com/restapi/',
    toolOrigins: ['http://localhost:3000'],
    tabIds: [],
    accessToken: 'U1BCaccess-token-1',
    app,
    ...overrides,
  } as InjectionTarget;
}

function refusal(overrides: Partial<InjectionTarget>): string {
  try {
    buildRules([target(overrides)]);
  } catch (error) {
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    return (error as Error).message;
  }
  return 'accepted';
}

describe('buildRules and host wildcards', () => {
  it('builds the rules for exact hosts', () => {
    expect(refusal({})).toBe('accepted');
  });

  it.each<[string, Partial<InjectionTarget>, string]>([
    ['the API host', { apiBaseUrl: 'https://*.ringcentral.com/restapi/' }, 'the API base URL'],
    ['the API host, percent-encoded', { apiBaseUrl: 'https://%2A.ringcentral.com/' }, 'the API base URL'],
    ['a tool host', { toolOrigins: ['http://localhost:3000', 'https://*.swagger.io'] }, 'tool origin 2'],
    ['the server host', { app: { ...app, serverUrl: 'https://*.ringcentral.com' } }, "the app's server URL"],
  ])('refuses a wildcard in %s, naming the field', (_case, overrides, field) => {
    expect(refusal(overrides)).toBe(
      `Connection conn-1: ${field} must not contain *, ^ or | in its host: name one exact host, not a pattern.`,
    );
  });
});
