// Host access wider than a tool origin: what the popup warns about.
import { describe, expect, it } from 'vitest';
import { originsNeeded } from '../../../../src/core/rules/host-patterns';
import { widerHostAccess } from '../../../../src/core/rules/wider-access';

const https = { toolOrigins: ['https://tool.test:8443'] };

describe('the hosts a connection needs', () => {
  it("adds the credential's own token URL host: the worker's token requests need access past CORS", () => {
    const connection = { apiBaseUrl: 'https://api.zoom.us/v2/', toolOrigins: ['http://localhost:3000'] };
    expect(originsNeeded(connection, 'https://zoom.us/oauth/token')).toEqual([
      'https://api.zoom.us/*',
      'http://localhost/*',
      'https://zoom.us/*',
    ]);
    // Once for a token host that is the API's too.
    expect(
      originsNeeded({ ...connection, apiBaseUrl: 'https://zoom.us/v2/' }, 'https://zoom.us/oauth/token'),
    ).toEqual(['https://zoom.us/*', 'http://localhost/*']);
  });
});

describe('wider host access', () => {
  it('says nothing for exactly the hosts a connection needs', () => {
    const needed = originsNeeded({ apiBaseUrl: 'https://api.test/v1/', toolOrigins: https.toolOrigins });
    expect(needed).toEqual(['https://api.test/*', 'https://tool.test/*']);
    expect(widerHostAccess(https, needed)).toEqual([]);
    expect(
      widerHostAccess({ toolOrigins: ['http://localhost:3000'] }, [
        'http://localhost/*',
        'http://127.0.0.1/*',
      ]),
    ).toEqual([]);
  });

  it('names access to every site: sub-domains and the http twin', () => {
    expect(widerHostAccess(https, ['https://*/*', 'http://*/*'])).toEqual([
      'Site access to https://*/* also covers sub-domains of tool.test.',
      'Site access to http://*/* also covers http://tool.test, the unencrypted twin of https://tool.test:8443.',
    ]);
    expect(widerHostAccess(https, ['<all_urls>'])).toHaveLength(2);
  });

  it('names a wildcard over the tool host and an http pattern for it', () => {
    expect(widerHostAccess(https, ['https://*.tool.test/*'])).toEqual([
      'Site access to https://*.tool.test/* also covers sub-domains of tool.test.',
    ]);
    expect(widerHostAccess(https, ['http://tool.test/*'])).toEqual([
      'Site access to http://tool.test/* also covers http://tool.test, the unencrypted twin of https://tool.test:8443.',
    ]);
    expect(widerHostAccess(https, ['https://*.other.test/*', 'https://nottool.test/*'])).toEqual([]);
  });
});
