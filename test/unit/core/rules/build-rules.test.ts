// The injection rule builder: the rule shapes, which requests they touch (through the reference
// matcher), the allow rules that protect the token endpoint, stable ids and validation.
import { describe, expect, it } from 'vitest';
import {
  ALLOW_RULE_PRIORITY,
  buildRules,
  HEADER_RULE_PRIORITY,
  type InjectionTarget,
  MAX_SLOT,
  ruleIdsOf,
} from '../../../../src/core/rules';
import { expectCodeSync } from '../support';
import { authorizationFor, type RequestInfo, urlFilterMatches } from './dnr-matcher';

const ringcentral = {
  serverUrl: 'https://platform.ringcentral.com',
  tokenPath: '/restapi/oauth/token',
  revokePath: '/restapi/oauth/revoke',
};

/** The tab the tool's page is open in. */
const TOOL_TAB = 4;

function target(overrides: Partial<InjectionTarget> = {}): InjectionTarget {
  return {
    connectionId: 'conn-1',
    slot: 0,
    apiBaseUrl: 'https://platform.ringcentral.com/restapi/',
    toolOrigins: ['http://localhost:3000'],
    accessToken: 'U1BCaccess-token-1',
    tabIds: [TOOL_TAB],
    app: ringcentral,
    ...overrides,
  };
}

const fromTool = (url: string, initiator = 'http://localhost:3000', tabId = TOOL_TAB): RequestInfo => ({
  url,
  initiator,
  tabId,
});

/** The urlFilter of the header rule built for `apiBaseUrl`. */
function filterFor(apiBaseUrl: string): string {
  const [header] = buildRules([target({ apiBaseUrl })]);
  return header!.condition.urlFilter!;
}

describe('buildRules', () => {
  it('builds a modifyHeaders rule that sets the bearer header for XHR and fetch from the tools', () => {
    const rules = buildRules([
      target({ toolOrigins: ['http://localhost:3000', 'https://tools.example.com'] }),
    ]);

    expect(rules[0]).toEqual({
      id: 1,
      priority: HEADER_RULE_PRIORITY,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: 'Authorization', operation: 'set', value: 'Bearer U1BCaccess-token-1' }],
      },
      condition: {
        urlFilter: '|https://platform.ringcentral.com/restapi/',
        isUrlFilterCaseSensitive: true,
        initiatorDomains: ['localhost', 'tools.example.com'],
        tabIds: [TOOL_TAB],
        resourceTypes: ['xmlhttprequest'],
      },
    });
  });

  it('injects into requests under the API prefix from an allowed tool, and nowhere else', () => {
    const rules = buildRules([target()]);
    const bearer = 'Bearer U1BCaccess-token-1';

    expect(authorizationFor(rules, fromTool('https://platform.ringcentral.com/restapi/v1.0/account/~'))).toBe(
      bearer,
    );
    expect(authorizationFor(rules, fromTool('https://platform.ringcentral.com/restapi/?x=1'))).toBe(bearer);
    // Other initiators, navigations and sub-resources never get the token.
    expect(
      authorizationFor(rules, fromTool('https://platform.ringcentral.com/restapi/', 'https://evil.test')),
    ).toBe(undefined);
    expect(authorizationFor(rules, { url: 'https://platform.ringcentral.com/restapi/' })).toBe(undefined);
    for (const type of ['main_frame', 'sub_frame', 'script', 'image'] as const) {
      expect(
        authorizationFor(rules, { ...fromTool('https://platform.ringcentral.com/restapi/'), type }),
      ).toBe(undefined);
    }
  });

  it('never matches look-alike hosts, other schemes or other ports', () => {
    const rules = buildRules([target()]);

    for (const url of [
      'https://platform.ringcentral.com.evil.test/restapi/',
      'https://platform.ringcentral.com.evil.test/',
      'https://evilplatform.ringcentral.com/restapi/',
      'https://evil.platform.ringcentral.com/restapi/',
      'https://platform.ringcentral.co/restapi/',
      'https://platform.ringcentral.com@evil.test/restapi/',
      'https://evil.test/https://platform.ringcentral.com/restapi/',
      'https://evil.test/?u=https://platform.ringcentral.com/restapi/',
      'http://platform.ringcentral.com/restapi/',
      'https://platform.ringcentral.com:8443/restapi/',
      'wss://platform.ringcentral.com/restapi/',
    ]) {
      expect(authorizationFor(rules, fromTool(url)), url).toBe(undefined);
    }
  });

  it('anchors the path prefix at a segment boundary and matches its case exactly', () => {
    const rules = buildRules([target({ apiBaseUrl: 'https://api.example.com/restapi' })]);

    expect(rules[0]!.condition.urlFilter).toBe('|https://api.example.com/restapi/');
    expect(authorizationFor(rules, fromTool('https://api.example.com/restapi/v1.0/x'))).toBeDefined();
    expect(authorizationFor(rules, fromTool('https://api.example.com/restapi'))).toBe(undefined);
    expect(authorizationFor(rules, fromTool('https://api.example.com/restapi-other/x'))).toBe(undefined);
    expect(authorizationFor(rules, fromTool('https://api.example.com/RESTAPI/v1.0/x'))).toBe(undefined);
    expect(authorizationFor(rules, fromTool('https://api.example.com/other/restapi/'))).toBe(undefined);
  });

  it('drops default ports, which URL canonicalisation removes before matching', () => {
    expect(filterFor('https://api.example.com:443/restapi/')).toBe('|https://api.example.com/restapi/');
    expect(filterFor('http://localhost:80/api/')).toBe('|http://localhost/api/');
    const rules = buildRules([target({ apiBaseUrl: 'https://api.example.com:443/restapi/' })]);
    expect(authorizationFor(rules, fromTool('https://api.example.com:443/restapi/x'))).toBeDefined();
    expect(authorizationFor(rules, fromTool('https://api.example.com/restapi/x'))).toBeDefined();
  });

  it('keeps any other port, and then matches only that port', () => {
    expect(filterFor('http://127.0.0.1:8080/restapi/')).toBe('|http://127.0.0.1:8080/restapi/');
    expect(filterFor('https://api.example.com:80/')).toBe('|https://api.example.com:80/');
    expect(filterFor('http://[::1]:8788/')).toBe('|http://[::1]:8788/');
    const filter = filterFor('http://127.0.0.1:8080/restapi/');
    expect(urlFilterMatches(filter, 'http://127.0.0.1:8080/restapi/v1', true)).toBe(true);
    expect(urlFilterMatches(filter, 'http://127.0.0.1:8081/restapi/v1', true)).toBe(false);
    expect(urlFilterMatches(filter, 'http://127.0.0.1/restapi/v1', true)).toBe(false);
    expect(urlFilterMatches(filter, 'http://127.0.0.1:80/restapi/v1', true)).toBe(false);
  });

  it('writes the path as the browser sees it: percent-encoded, dot segments resolved', () => {
    expect(filterFor('https://api.example.com/a b/./c/../d/')).toBe('|https://api.example.com/a%20b/d/');
    expect(filterFor('https://api.example.com')).toBe('|https://api.example.com/');
  });

  it('puts host names only in initiatorDomains: no scheme, no port, punycode, each once', () => {
    const [header] = buildRules([
      target({
        toolOrigins: [
          'http://localhost:3000',
          'http://localhost:5173',
          'https://Tools.Example.com/',
          'https://bücher.example',
          'http://[::1]:8080',
        ],
      }),
    ]);

    expect(header!.condition.initiatorDomains).toEqual([
      '[::1]',
      'localhost',
      'tools.example.com',
      'xn--bcher-kva.example',
    ]);
  });

  it('the host condition cannot pin a port; the tabs condition does (DESIGN §6)', () => {
    const rules = buildRules([target()]);
    const api = 'https://platform.ringcentral.com/restapi/';
    // initiatorDomains alone admits every port of the host: only in a pinned tab does that hold.
    expect(authorizationFor(rules, fromTool(api, 'http://localhost:9999'))).toBe('Bearer U1BCaccess-token-1');
    expect(authorizationFor(rules, fromTool(api, 'http://localhost:9999', TOOL_TAB + 1))).toBe(undefined);
    expect(authorizationFor(rules, fromTool(api, 'http://localhost:3000', TOOL_TAB + 1))).toBe(undefined);
    // No tab: a page's service worker.
    expect(authorizationFor(rules, { url: api, initiator: 'http://localhost:3000' })).toBe(undefined);
  });

  it('installs no header rule while no tab is on a tool origin, and keeps the allow rules', () => {
    const rules = buildRules([target({ tabIds: [] })]);
    expect(rules.map((rule) => rule.action.type)).toEqual(['allow', 'allow']);
    expect(buildRules([target({ tabIds: [9, 2, 9] })])[0]!.condition.tabIds).toEqual([2, 9]);
  });

  it('refuses tab ids that are not whole numbers from 0 up: -1 would mean "no tab"', () => {
    for (const tabIds of [[-1], [1.5], ['3'], undefined]) {
      expectCodeSync(() => buildRules([target({ tabIds: tabIds as never })]), 'INVALID_INPUT');
    }
  });

  it("never rewrites the worker's own token and revoke requests, even under the API prefix", () => {
    const rules = buildRules([target({ apiBaseUrl: 'https://platform.ringcentral.com/' })]);
    const extension = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

    for (const initiator of [extension, 'http://localhost:3000']) {
      for (const url of [
        'https://platform.ringcentral.com/restapi/oauth/token',
        'https://platform.ringcentral.com/restapi/oauth/revoke',
        'https://platform.ringcentral.com/restapi/oauth/token?x=1',
      ]) {
        expect(authorizationFor(rules, { url, initiator }), `${initiator} ${url}`).toBe(undefined);
      }
    }
    // The rest of the API still gets the token, including look-alike paths of the endpoints.
    expect(
      authorizationFor(rules, fromTool('https://platform.ringcentral.com/restapi/oauth/tokens')),
    ).toBeDefined();
    expect(
      authorizationFor(rules, fromTool('https://platform.ringcentral.com/restapi/v1.0/x')),
    ).toBeDefined();
  });

  it('gives the allow rules a higher priority and the exact endpoints of the app server', () => {
    const rules = buildRules([
      target({
        apiBaseUrl: 'http://127.0.0.1:8788/restapi/',
        app: { serverUrl: 'http://127.0.0.1:8788', tokenPath: '/oauth/token', revokePath: '/oauth/revoke' },
      }),
    ]);

    expect(rules.slice(1)).toEqual([
      {
        id: 2,
        priority: ALLOW_RULE_PRIORITY,
        action: { type: 'allow' },
        condition: { urlFilter: '|http://127.0.0.1:8788/oauth/token^', isUrlFilterCaseSensitive: true },
      },
      {
        id: 3,
        priority: ALLOW_RULE_PRIORITY,
        action: { type: 'allow' },
        condition: { urlFilter: '|http://127.0.0.1:8788/oauth/revoke^', isUrlFilterCaseSensitive: true },
      },
    ]);
    expect(ALLOW_RULE_PRIORITY).toBeGreaterThan(HEADER_RULE_PRIORITY);
  });

  it("protects every app's endpoints from every connection's header rule", () => {
    const rules = buildRules([
      target({ connectionId: 'a', slot: 0, apiBaseUrl: 'https://platform.ringcentral.com/' }),
      target({
        connectionId: 'b',
        slot: 1,
        accessToken: 'U1BCother',
        apiBaseUrl: 'https://api.example.com/',
        app: {
          serverUrl: 'https://platform.ringcentral.com',
          tokenPath: '/custom/token',
          revokePath: '/custom/revoke',
        },
      }),
    ]);

    expect(authorizationFor(rules, fromTool('https://platform.ringcentral.com/custom/token'))).toBe(
      undefined,
    );
    expect(authorizationFor(rules, fromTool('https://platform.ringcentral.com/custom/other'))).toBe(
      'Bearer U1BCaccess-token-1',
    );
  });

  it('derives ids from the slot alone: stable whatever the order or the other connections', () => {
    const a = target({ connectionId: 'a', slot: 4 });
    const b = target({ connectionId: 'b', slot: 1, accessToken: 'U1BCb' });

    const both = buildRules([a, b]);
    const reversed = buildRules([b, a]);
    const alone = buildRules([a]);
    const newToken = buildRules([{ ...a, accessToken: 'U1BCnew' }]);

    expect(both).toEqual(reversed);
    expect(both.map((rule) => rule.id)).toEqual([4, 5, 6, 13, 14, 15]);
    expect(alone.map((rule) => rule.id)).toEqual([13, 14, 15]);
    expect(newToken.map((rule) => rule.id)).toEqual([13, 14, 15]);
    expect(ruleIdsOf(4)).toEqual({ header: 13, allowToken: 14, allowRevoke: 15 });
    expect(both.every((rule) => Number.isInteger(rule.id) && rule.id > 0)).toBe(true);
  });

  it('builds nothing for no connections', () => {
    expect(buildRules([])).toEqual([]);
  });

  it('enforces the session rule limit', () => {
    const many = Array.from({ length: 4 }, (_, i) => target({ connectionId: `c${i}`, slot: i }));
    expect(buildRules(many, { maxRules: 12 })).toHaveLength(12);
    expectCodeSync(() => buildRules(many, { maxRules: 11 }), 'INVALID_INPUT');
    const tooMany = Array.from({ length: 1667 }, (_, i) => target({ connectionId: `c${i}`, slot: i }));
    expectCodeSync(() => buildRules(tooMany), 'INVALID_INPUT');
  });
});

describe('buildRules validation', () => {
  it.each<[string, Partial<InjectionTarget>]>([
    ['plain http to a public host', { apiBaseUrl: 'http://platform.ringcentral.com/restapi/' }],
    ['http to a look-alike of localhost', { apiBaseUrl: 'http://localhost.evil.test/' }],
    ['credentials in the API URL', { apiBaseUrl: 'https://user:pass@platform.ringcentral.com/' }],
    ['a query in the API URL', { apiBaseUrl: 'https://platform.ringcentral.com/restapi/?a=1' }],
    ['an empty query in the API URL', { apiBaseUrl: 'https://platform.ringcentral.com/restapi/?' }],
    ['a fragment in the API URL', { apiBaseUrl: 'https://platform.ringcentral.com/restapi/#x' }],
    ['a wildcard in the API path', { apiBaseUrl: 'https://platform.ringcentral.com/rest*/' }],
    ['a separator in the API path', { apiBaseUrl: 'https://platform.ringcentral.com/rest^api/' }],
    ['another scheme', { apiBaseUrl: 'ftp://platform.ringcentral.com/' }],
    ['not a URL', { apiBaseUrl: 'platform.ringcentral.com' }],
    ['surrounding spaces', { apiBaseUrl: ' https://platform.ringcentral.com/' }],
    ['no tool origin', { toolOrigins: [] }],
    ['a tool origin with a path', { toolOrigins: ['http://localhost:3000/app'] }],
    ['a tool origin with a query', { toolOrigins: ['http://localhost:3000/?x'] }],
    ['a tool origin over plain http elsewhere', { toolOrigins: ['http://tools.example.com'] }],
    ['a tool origin with credentials', { toolOrigins: ['https://a:b@tools.example.com'] }],
    ['an empty access token', { accessToken: '' }],
    ['a token with a space', { accessToken: 'abc def' }],
    ['a token with a line break', { accessToken: 'abc\r\nX-Evil: 1' }],
    ['a token outside ASCII', { accessToken: 'abcé' }],
    ['a negative slot', { slot: -1 }],
    ['a fractional slot', { slot: 1.5 }],
    ['a slot beyond the id range', { slot: MAX_SLOT + 1 }],
    [
      'a server URL with a path',
      { app: { ...ringcentral, serverUrl: 'https://platform.ringcentral.com/x' } },
    ],
    ['a token path onto another host', { app: { ...ringcentral, tokenPath: '//evil.test/token' } }],
    ['a relative revoke path', { app: { ...ringcentral, revokePath: 'oauth/revoke' } }],
    ['a wildcard in the token path', { app: { ...ringcentral, tokenPath: '/oauth/*' } }],
  ])('refuses %s', (_case, overrides) => {
    expectCodeSync(() => buildRules([target(overrides)]), 'INVALID_INPUT');
  });

  it('accepts plain http for loopback hosts', () => {
    for (const apiBaseUrl of [
      'http://localhost:8080/',
      'http://127.0.0.1:8788/restapi/',
      'http://[::1]:3000/',
    ]) {
      expect(buildRules([target({ apiBaseUrl, toolOrigins: ['http://127.0.0.1:5173'] })])).toHaveLength(3);
    }
  });

  it('refuses two targets with the same slot or connection', () => {
    expectCodeSync(() => buildRules([target(), target({ connectionId: 'conn-2' })]), 'INVALID_INPUT');
    expectCodeSync(() => buildRules([target(), target({ slot: 1 })]), 'INVALID_INPUT');
  });

  it('names the connection and field, never the token or the URL', () => {
    let message = '';
    try {
      buildRules([
        target({ apiBaseUrl: 'https://user:hunter2@platform.ringcentral.com/', accessToken: 'SECRET1' }),
      ]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('conn-1');
    expect(message).not.toContain('hunter2');
    try {
      buildRules([target({ accessToken: 'SECRET TOKEN' })]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('SECRET');
  });
});
