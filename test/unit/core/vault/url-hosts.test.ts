// Hosts are exact: a "*" (or another urlFilter wildcard or anchor) in the host of a server URL,
// an API base URL or a tool origin is refused with a message naming the field, never the value.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/core/errors';
import { parseApiBaseUrl, parseServerUrl, parseToolOrigin } from '../../../../src/core/vault/url-rules';
import { validateApp, validateConnection } from '../../../../src/core/vault/validate';
import { sampleApp, sampleConnection } from '../support';

const PARSERS = [
  ['server URL', parseServerUrl, ''],
  ['API base URL', parseApiBaseUrl, '/restapi/'],
  ['tool origin', parseToolOrigin, ''],
] as const;

/** The error a parser throws for `value`, or undefined when it accepts it. */
function refusal(parse: (value: unknown, field: string) => string, value: string): Error | undefined {
  try {
    parse(value, 'the field');
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('hosts in URLs', () => {
  describe.each(PARSERS)('a %s', (_kind, parse, path) => {
    it.each([
      ['a leading wildcard', 'https://*.example.com'],
      ['a wildcard inside a label', 'https://api*.example.com'],
      ['a wildcard as the whole host', 'http://*:3000'],
      ['a percent-encoded wildcard', 'https://%2A.example.com'],
      ['a separator', 'https://exa^mple.com'],
      ['an anchor', 'https://example.com|'],
    ])('refuses %s in the host, naming the field', (_case, origin) => {
      const error = refusal(parse, `${origin}${path}`);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
      expect(error?.message).toBe(
        'the field must not contain *, ^ or | in its host: name one exact host, not a pattern.',
      );
    });

    it.each(['https://a$b.example.com', 'https://a{b}.example.com', 'https://a~b.example.com'])(
      'refuses %s, a host no DNS name has',
      (origin) => {
        const error = refusal(parse, `${origin}${path}`);
        expect(error).toMatchObject({ code: 'INVALID_INPUT' });
        expect(error?.message).toMatch(/^the field has a host with characters a host name cannot have/);
      },
    );

    it.each([
      'https://platform.ringcentral.com',
      'https://my_service.internal:8443',
      'https://bücher.example',
      'http://localhost:3000',
      'http://127.0.0.1:8080',
      'http://[::1]:9000',
      'https://[2001:db8::1]',
    ])('accepts the exact host of %s', (origin) => {
      expect(refusal(parse, `${origin}${path}`)).toBeUndefined();
    });
  });

  it('names the record field when the vault refuses a stored URL', () => {
    expect(() => validateApp(sampleApp({ serverUrl: 'https://*.ringcentral.com' }))).toThrow(
      /^app\.serverUrl must not contain \*/,
    );
    expect(() =>
      validateConnection(sampleConnection({ apiBaseUrl: 'https://*.ringcentral.com/restapi/' })),
    ).toThrow(/^connection\.apiBaseUrl must not contain \*/);
    expect(() => validateConnection(sampleConnection({ toolOrigins: ['https://*.swagger.io'] }))).toThrow(
      /^connection\.toolOrigins\[0\] must not contain \*/,
    );
  });

  it('never quotes the URL, which may carry a password', () => {
    const error = refusal(parseApiBaseUrl, 'https://user:hunter2@*.example.com/');
    expect(error?.message).not.toContain('hunter2');
    expect(error?.message).not.toContain('example.com');
  });
});
