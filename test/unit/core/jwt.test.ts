import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors';
import { assertCompactJws, decodeJwtParts, EXPIRES_SOON_MS, inspectJwt } from '../../../src/core/jwt';
import { encodeJson, rawJwt, signedJwt } from './support';

const header = { alg: 'RS256', typ: 'JWT', kid: 'k1' };
const payload = { sub: 'CANARY-SUBJECT', exp: 2_000_000_000 };

/** The InvalidInputError thrown by assertCompactJws, checked never to quote the token. */
function refusal(token: string): InvalidInputError {
  try {
    assertCompactJws(token);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    const message = (error as Error).message;
    for (const part of token.split(/[.\s]/).filter((p) => p.length >= 4 && p !== 'Bearer')) {
      expect(message).not.toContain(part);
    }
    return error as InvalidInputError;
  }
  throw new Error('expected the token to be refused');
}

describe('assertCompactJws', () => {
  it('accepts a signed compact JWS', async () => {
    expect(() => assertCompactJws(rawJwt(header, payload))).not.toThrow();
    const token = await signedJwt();
    expect(() => assertCompactJws(token)).not.toThrow();
  });

  // One case per problem; the message names it (matched loosely, the code is what is stable).
  it.each([
    ['an empty string', '', /empty/],
    ['two parts', `${encodeJson(header)}.${encodeJson(payload)}`, /three parts/],
    ['five parts (a JWE)', 'a.b.c.d.e', /three parts/],
    [
      'a header that is not base64url',
      `**.${encodeJson(payload)}.c2ln`,
      /header is not valid base64url JSON/,
    ],
    [
      'a header that is not JSON',
      `${Buffer.from('not json').toString('base64url')}.${encodeJson(payload)}.c2ln`,
      /header is not valid base64url JSON/,
    ],
    ['a header that is a JSON array', rawJwt(['RS256'], payload), /header is not valid base64url JSON/],
    ['a header without alg', rawJwt({ typ: 'JWT' }, payload), /no alg/],
    ['an unsigned alg none token', rawJwt({ alg: 'none' }, payload, ''), /alg "none"/],
    ['alg None in another case', rawJwt({ alg: 'None' }, payload), /alg "none"/],
    [
      'a payload that is not base64url JSON',
      `${encodeJson(header)}.${Buffer.from('CANARY payload').toString('base64url')}.c2ln`,
      /payload is not valid base64url JSON/,
    ],
    ['an empty payload', `${encodeJson(header)}..c2ln`, /payload is not valid base64url JSON/],
    [
      'a payload that is a JSON string',
      rawJwt(header, 'CANARY-STRING-CLAIMS'),
      /payload is not a JSON object/,
    ],
    ['a payload that is a JSON array', rawJwt(header, [1, 2]), /payload is not a JSON object/],
    ['an empty signature', rawJwt(header, payload, ''), /signature part is empty/],
    [
      'a signature that is not base64url',
      rawJwt(header, payload, 'c2ln+/=='),
      /signature is not valid base64url/,
    ],
    ['a leading Bearer', `Bearer ${rawJwt(header, payload)}`, /Bearer/],
    ['surrounding whitespace', ` ${rawJwt(header, payload)}\n`, /spaces or line breaks/],
    ['a line break inside', rawJwt(header, payload).replace('.', '.\n'), /spaces or line breaks/],
    ['a token longer than the cap', rawJwt(header, { pad: 'x'.repeat(20_000) }), /longer than/],
  ])('refuses %s as invalid input naming the problem', (_, token, problem) => {
    const error = refusal(token);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(problem);
  });

  it('refuses a value that is not a string', () => {
    expect(() => assertCompactJws(42)).toThrow(InvalidInputError);
  });
});

describe('inspectJwt', () => {
  const now = 1_900_000_000_000;

  it('shows the header and claims it can read', async () => {
    const info = inspectJwt(await signedJwt({ exp: 2_000_000_000 }), now);
    expect(info).toEqual({
      alg: 'HS256',
      typ: 'JWT',
      kid: 'key-1',
      sub: '400123456',
      iss: 'https://platform.example.test',
      iat: 1_700_000_000,
      exp: 2_000_000_000,
      expired: false,
      expiresSoon: false,
    });
  });

  it('marks an expired token', () => {
    expect(inspectJwt(rawJwt(header, { exp: now / 1000 - 1 }), now)).toMatchObject({
      expired: true,
      expiresSoon: false,
    });
    expect(inspectJwt(rawJwt(header, { exp: now / 1000 }), now)).toMatchObject({ expired: true });
  });

  it('warns within 14 days of expiry', () => {
    const soon = (now + EXPIRES_SOON_MS) / 1000;
    expect(inspectJwt(rawJwt(header, { exp: soon }), now)).toMatchObject({
      expired: false,
      expiresSoon: true,
    });
    expect(inspectJwt(rawJwt(header, { exp: soon + 1 }), now)).toMatchObject({
      expired: false,
      expiresSoon: false,
    });
  });

  it('never expires a token without exp and ignores claims of the wrong type', () => {
    const info = inspectJwt(rawJwt({ alg: 'ES256', kid: 7 }, { exp: 'tomorrow', sub: 12, iat: null }), now);
    expect(info).toEqual({ alg: 'ES256', expired: false, expiresSoon: false });
  });

  it('applies the same shape checks as assertCompactJws', () => {
    expect(() => inspectJwt(rawJwt({ alg: 'none' }, payload, ''))).toThrow(InvalidInputError);
  });
});

describe('decodeJwtParts', () => {
  it('decodes a JWT access token’s header and claims, and nothing of its signature', async () => {
    const token = await signedJwt({ scope: 'ReadAccounts', exp: 2_000_000_000 });
    const parts = decodeJwtParts(token);
    expect(parts?.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'key-1' });
    expect(parts?.claims).toMatchObject({ scope: 'ReadAccounts', exp: 2_000_000_000 });
    expect(JSON.stringify(parts)).not.toContain(token.split('.')[2]);
  });

  it('is undefined for an opaque token', () => {
    expect(decodeJwtParts('U1BCMDFUMDRKV1MwMXxhb3BhcXVl')).toBeUndefined();
  });
});
