// The reference matcher itself, checked against the examples of Chrome's urlFilter documentation,
// so the rule tests that rely on it rest on something.
import { describe, expect, it } from 'vitest';
import { urlFilterMatches } from './dnr-matcher';

describe('reference urlFilter matcher', () => {
  it.each([
    ['abc', 'https://abcd.com', true],
    ['abc', 'https://example.com/abcd', true],
    ['abc', 'https://ab.com', false],
    ['abc*d', 'https://abcd.com', true],
    ['abc*d', 'https://example.com/abcxyzd', true],
    ['abc*d', 'https://abc.com', false],
    ['||a.example.com', 'https://a.example.com/', true],
    ['||a.example.com', 'https://b.a.example.com/xyz', true],
    ['||a.example.com', 'https://example.com/', false],
    ['|https*', 'https://example.com', true],
    ['|https*', 'http://example.com/', false],
    ['example*^123|', 'https://example.com/123', true],
    ['example*^123|', 'http://abc.com/example?123', true],
    ['example*^123|', 'https://example.com/1234', false],
    ['example*^123|', 'https://abc.com/example0123', false],
  ])('%s against %s is %s', (filter, url, expected) => {
    expect(urlFilterMatches(filter, url)).toBe(expected);
  });

  it('sees URLs the way the browser canonicalises them', () => {
    expect(urlFilterMatches('|https://api.test/', 'https://API.test:443/')).toBe(true);
    expect(urlFilterMatches('|https://api.test:443/', 'https://api.test:443/')).toBe(false);
    expect(urlFilterMatches('|http://localhost/', 'http://localhost:80/x')).toBe(true);
  });

  it('is case-insensitive unless told otherwise', () => {
    expect(urlFilterMatches('|https://api.test/restapi/', 'https://api.test/RESTAPI/')).toBe(true);
    expect(urlFilterMatches('|https://api.test/restapi/', 'https://api.test/RESTAPI/', true)).toBe(false);
  });
});
