import { describe, expect, it } from 'vitest';
import {
  type EnvImport,
  type EnvWarningCode,
  MAX_ENV_IMPORT_LENGTH,
  parseEnvImport,
} from '../../../src/core/env-import';
import { InvalidInputError } from '../../../src/core/errors';
import { DEFAULT_SERVER_URL } from '../../../src/core/vault/model';
import { rawJwt } from './support';

const NOW = 1_800_000_000_000;
const JWT = rawJwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, { sub: '400123', exp: 3_900_000_000 });
const OTHER_JWT = rawJwt({ alg: 'RS256', typ: 'JWT', kid: 'k2' }, { sub: '400999', exp: 3_900_000_000 });

function parse(text: string): EnvImport {
  return parseEnvImport(text, { now: NOW });
}

function codes(result: EnvImport): EnvWarningCode[] {
  return result.warnings.map((w) => w.code);
}

function refusal(text: string): InvalidInputError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error('expected the import to be refused');
}

describe('parseEnvImport: name families', () => {
  it.each([
    ['quick-start', 'RC_SERVER_URL', 'RC_APP_CLIENT_ID', 'RC_APP_CLIENT_SECRET', 'RC_USER_JWT'],
    ['older RC_', 'RC_SERVER_URL', 'RC_CLIENT_ID', 'RC_CLIENT_SECRET', 'RC_JWT'],
    [
      'RINGCENTRAL_',
      'RINGCENTRAL_SERVER_URL',
      'RINGCENTRAL_CLIENT_ID',
      'RINGCENTRAL_CLIENT_SECRET',
      'RINGCENTRAL_JWT',
    ],
  ])('reads the %s names into an app and a JWT', (_family, server, id, secret, jwt) => {
    const result = parse(
      [
        `${server}=https://platform.ringcentral.com`,
        `${id}=client-1`,
        `${secret}=secret-1`,
        `${jwt}=${JWT}`,
      ].join('\n'),
    );
    expect(result.app).toEqual({
      clientId: 'client-1',
      clientSecret: 'secret-1',
      serverUrl: 'https://platform.ringcentral.com',
    });
    expect(result.jwt).toBe(JWT);
    expect(result.jwtInfo).toMatchObject({ alg: 'RS256', kid: 'k1', sub: '400123', expired: false });
    expect(result.warnings).toEqual([]);
  });

  it('defaults the server URL when none is given', () => {
    expect(parse('RC_APP_CLIENT_ID=client-1').app).toEqual({
      clientId: 'client-1',
      serverUrl: DEFAULT_SERVER_URL,
    });
  });

  it('leaves the secret out for an app without one', () => {
    expect(parse('RC_APP_CLIENT_ID=client-1\nRC_APP_CLIENT_SECRET=').app).not.toHaveProperty('clientSecret');
  });

  it('normalises the server URL to its origin', () => {
    const result = parse('RC_APP_CLIENT_ID=c\nRC_SERVER_URL=https://PLATFORM.ringcentral.com/');
    expect(result.app?.serverUrl).toBe('https://platform.ringcentral.com');
  });

  it('accepts plain http for a loopback server', () => {
    expect(parse('RC_APP_CLIENT_ID=c\nRC_SERVER_URL=http://127.0.0.1:8080').app?.serverUrl).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('returns only a JWT when no client ID is given', () => {
    const result = parse(`RC_USER_JWT=${JWT}`);
    expect(result.app).toBeUndefined();
    expect(result.jwt).toBe(JWT);
  });

  it('returns only an app when no JWT is given', () => {
    const result = parse('RC_APP_CLIENT_ID=c');
    expect(result.jwt).toBeUndefined();
    expect(result.jwtInfo).toBeUndefined();
  });
});

describe('parseEnvImport: syntax', () => {
  it.each([
    ['single quotes with spaces around =', `RC_USER_JWT = '${JWT}'`],
    ['double quotes', `RC_USER_JWT="${JWT}"`],
    ['backticks', `RC_USER_JWT=\`${JWT}\``],
    ['no quotes', `RC_USER_JWT=${JWT}`],
    ['export', `export RC_USER_JWT=${JWT}`],
    ['export with extra spaces', `  export   RC_USER_JWT   =   ${JWT}   `],
    ['a trailing comment after an unquoted value', `RC_USER_JWT=${JWT} # expires 2093`],
    ['a trailing comment after a quoted value', `RC_USER_JWT='${JWT}'  # expires 2093`],
    ['tabs around =', `RC_USER_JWT\t=\t${JWT}`],
  ])('reads a value written with %s', (_style, text) => {
    expect(parse(text).jwt).toBe(JWT);
  });

  it('reads a file with CRLF line endings, a BOM, comments, blank lines and other variables', () => {
    const text = [
      '\uFEFF# RingCentral quick start',
      '',
      'PORT=3000',
      "RC_SERVER_URL = 'https://platform.ringcentral.com'",
      '   # indented comment',
      'RC_APP_CLIENT_ID = "client-1"',
      "RC_APP_CLIENT_SECRET = 'secret-1'",
      `RC_USER_JWT = '${JWT}'`,
      'WEBHOOK_URL=https://example.test/hook',
      '',
    ].join('\r\n');
    const result = parse(text);
    expect(result.app).toEqual({
      clientId: 'client-1',
      clientSecret: 'secret-1',
      serverUrl: 'https://platform.ringcentral.com',
    });
    expect(result.jwt).toBe(JWT);
    expect(result.warnings).toEqual([]);
  });

  it('reads a BOM directly before the first name', () => {
    expect(parse('\uFEFFRC_APP_CLIENT_ID=c').app?.clientId).toBe('c');
  });

  it('unescapes \\" and \\\\ inside double quotes', () => {
    expect(parse('RC_APP_CLIENT_ID=c\nRC_APP_CLIENT_SECRET="a\\"b\\\\c"').app?.clientSecret).toBe('a"b\\c');
  });

  it('keeps an unknown escape inside double quotes as written', () => {
    expect(parse('RC_APP_CLIENT_ID=c\nRC_APP_CLIENT_SECRET="a\\qb"').app?.clientSecret).toBe('a\\qb');
  });

  it('takes single-quoted values literally', () => {
    expect(parse("RC_APP_CLIENT_ID=c\nRC_APP_CLIENT_SECRET='a\\\"b#c'").app?.clientSecret).toBe('a\\"b#c');
  });

  it('keeps a # inside an unquoted value that is not after a space', () => {
    expect(parse('RC_APP_CLIENT_ID=c\nRC_APP_CLIENT_SECRET=ab#cd').app?.clientSecret).toBe('ab#cd');
  });

  it('keeps # and = inside quoted values', () => {
    expect(parse('RC_APP_CLIENT_ID=c\nRC_APP_CLIENT_SECRET="a # b=="').app?.clientSecret).toBe('a # b==');
  });

  it('ignores lowercase look-alike names', () => {
    expect(() => parse(`rc_user_jwt=${JWT}`)).toThrow(InvalidInputError);
  });

  it('warns about a line that is not an assignment and ignores it', () => {
    const result = parse('RC_APP_CLIENT_ID=c\njust some words');
    expect(codes(result)).toEqual(['UNPARSED_LINE']);
    expect(result.app?.clientId).toBe('c');
  });
});

describe('parseEnvImport: a JWT pasted alone', () => {
  it('returns the JWT and what it says', () => {
    const result = parse(JWT);
    expect(result).toEqual({ jwt: JWT, jwtInfo: expect.objectContaining({ kid: 'k1' }), warnings: [] });
  });

  it('trims whitespace, line breaks and a BOM around it', () => {
    expect(parse(`\uFEFF  \r\n${JWT}\r\n  `).jwt).toBe(JWT);
  });

  it('refuses a malformed JWT with the JWT problem', () => {
    expect(refusal('eyJhbGciOiJSUzI1NiJ9.only-two').message).toMatch(/three parts/);
  });

  it('refuses a JWT with a Bearer prefix', () => {
    expect(refusal(`Bearer ${JWT}`).code).toBe('INVALID_INPUT');
  });
});

describe('parseEnvImport: warnings', () => {
  it('warns about the retired sandbox', () => {
    const result = parse('RC_APP_CLIENT_ID=c\nRC_SERVER_URL=https://platform.devtest.ringcentral.com');
    expect(codes(result)).toEqual(['RETIRED_SANDBOX']);
    expect(result.app?.serverUrl).toBe('https://platform.devtest.ringcentral.com');
  });

  it('uses the last of two different assignments to one name and warns', () => {
    const result = parse('RC_APP_CLIENT_ID=first\nRC_APP_CLIENT_ID=second');
    expect(result.app?.clientId).toBe('second');
    expect(codes(result)).toEqual(['DUPLICATE_NAME']);
  });

  it('does not warn about the same value assigned twice', () => {
    expect(parse('RC_APP_CLIENT_ID=same\nRC_APP_CLIENT_ID="same"').warnings).toEqual([]);
  });

  it('skips an empty later assignment without a warning', () => {
    const result = parse('RC_APP_CLIENT_ID=first\nRC_APP_CLIENT_ID=');
    expect(result.app?.clientId).toBe('first');
    expect(result.warnings).toEqual([]);
  });

  it('prefers the quick-start name over an older one with another value and warns', () => {
    const result = parse(`RC_JWT=${OTHER_JWT}\nRC_USER_JWT=${JWT}`);
    expect(result.jwt).toBe(JWT);
    expect(codes(result)).toEqual(['CONFLICTING_NAMES']);
  });

  it('prefers the older RC_ name over the RINGCENTRAL_ name', () => {
    const result = parse('RINGCENTRAL_CLIENT_ID=b\nRC_CLIENT_ID=a');
    expect(result.app?.clientId).toBe('a');
    expect(codes(result)).toEqual(['CONFLICTING_NAMES']);
  });

  it('does not warn when several names agree', () => {
    expect(parse('RC_APP_CLIENT_ID=a\nRC_CLIENT_ID=a\nRINGCENTRAL_CLIENT_ID=a').warnings).toEqual([]);
  });

  it('warns about an expired JWT', () => {
    const expired = rawJwt({ alg: 'RS256' }, { exp: NOW / 1000 - 60 });
    expect(codes(parse(`RC_USER_JWT=${expired}`))).toEqual(['JWT_EXPIRED']);
    expect(codes(parse(expired))).toEqual(['JWT_EXPIRED']);
  });

  it('warns about a JWT that expires within the warning window', () => {
    const soon = rawJwt({ alg: 'RS256' }, { exp: NOW / 1000 + 86_400 });
    const result = parse(`RC_USER_JWT=${soon}`);
    expect(codes(result)).toEqual(['JWT_EXPIRES_SOON']);
    expect(result.jwtInfo?.expiresSoon).toBe(true);
  });

  it('warns about a client secret without a client ID and fills in no app', () => {
    const result = parse(`RC_APP_CLIENT_SECRET=s\nRC_USER_JWT=${JWT}`);
    expect(result.app).toBeUndefined();
    expect(codes(result)).toEqual(['SECRET_WITHOUT_CLIENT_ID']);
  });

  it('warns about a server URL without a client ID', () => {
    const result = parse(`RC_SERVER_URL=https://platform.ringcentral.com\nRC_USER_JWT=${JWT}`);
    expect(result.app).toBeUndefined();
    expect(codes(result)).toEqual(['SERVER_URL_WITHOUT_CLIENT_ID']);
  });
});

describe('parseEnvImport: refusals', () => {
  it.each([
    ['empty input', ''],
    ['whitespace only', ' \r\n\t '],
    ['only unrelated variables', 'PORT=3000\nNODE_ENV=production'],
    ['only comments', '# RC_USER_JWT=\n# nothing here'],
    ['prose', 'hello there'],
    ['known names left empty', 'RC_APP_CLIENT_ID=\nRC_USER_JWT=""'],
  ])('refuses %s', (_case, text) => {
    expect(refusal(text).code).toBe('INVALID_INPUT');
  });

  it('refuses input over the size cap', () => {
    const text = `RC_APP_CLIENT_ID=c\n#${'x'.repeat(MAX_ENV_IMPORT_LENGTH)}`;
    expect(refusal(text).code).toBe('INVALID_INPUT');
  });

  it('refuses a malformed JWT naming the variable and the problem', () => {
    const message = refusal('RC_APP_CLIENT_ID=c\nRC_USER_JWT=abc.def').message;
    expect(message).toMatch(/RC_USER_JWT/);
    expect(message).toMatch(/three parts/);
  });

  it('refuses a quoted JWT with spaces inside the quotes', () => {
    expect(refusal(`RC_USER_JWT=' ${JWT}'`).message).toMatch(/RC_USER_JWT/);
  });

  it.each([
    ['a single quote', "RC_APP_CLIENT_ID=c\n\nRC_APP_CLIENT_SECRET='abc", 3],
    ['a double quote', 'RC_APP_CLIENT_ID="c', 1],
    ['an escaped closing quote', 'PORT=1\nRC_APP_CLIENT_ID="c\\"', 2],
    ['a quote on an unrelated variable', 'RC_APP_CLIENT_ID=c\nOTHER="x', 2],
  ])('refuses %s left open, naming the line', (_case, text, line) => {
    expect(refusal(text).message).toMatch(new RegExp(`line ${line}\\b`));
  });

  it('names a known variable whose quote is left open', () => {
    expect(refusal("RC_APP_CLIENT_SECRET='abc").message).toMatch(/RC_APP_CLIENT_SECRET/);
  });

  it('refuses text after a closing quote', () => {
    expect(refusal("RC_APP_CLIENT_ID='a'b").message).toMatch(/line 1\b/);
  });

  it.each([
    ['plain http to a remote host', 'http://platform.ringcentral.com'],
    ['another scheme', 'ftp://platform.ringcentral.com'],
    ['a path', 'https://platform.ringcentral.com/restapi'],
    ['not a URL', 'platform.ringcentral.com'],
  ])('refuses a server URL with %s, naming the variable', (_case, url) => {
    const error = refusal(`RC_APP_CLIENT_ID=c\nRINGCENTRAL_SERVER_URL=${url}`);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/RINGCENTRAL_SERVER_URL/);
  });
});

describe('parseEnvImport: secrets stay out of messages', () => {
  const CANARY_SECRET = 'CANARY-SECRET-5e1a';
  const CANARY_JWT = 'CANARYJWT7f2c';
  const CANARY_URL_PASSWORD = 'CANARY-URLPASS-9d3b';
  const canaries = [CANARY_SECRET, CANARY_JWT, CANARY_URL_PASSWORD];
  const validWithCanaries = rawJwt({ alg: 'RS256', kid: 'k' }, { exp: NOW / 1000 - 1 }, CANARY_JWT);

  function expectClean(texts: string[]): void {
    for (const text of texts) expect(canaries.some((c) => text.includes(c))).toBe(false);
  }

  it.each([
    ['an unterminated secret', `RC_APP_CLIENT_SECRET='${CANARY_SECRET}`],
    ['an unterminated JWT', `RC_USER_JWT="${CANARY_JWT}.${CANARY_JWT}.${CANARY_JWT}`],
    ['text after a quoted secret', `RC_APP_CLIENT_SECRET='x'${CANARY_SECRET}`],
    ['a JWT with two parts', `RC_USER_JWT=${CANARY_JWT}.${CANARY_JWT}`],
    ['a JWT whose header is not JSON', `RC_USER_JWT=${CANARY_JWT}.${CANARY_JWT}.${CANARY_JWT}`],
    ['a JWT pasted alone with a bad payload', `eyJhbGciOiJSUzI1NiJ9.${CANARY_JWT}.${CANARY_JWT}`],
    ['a JWT with spaces', `RC_USER_JWT="${CANARY_JWT} ${CANARY_JWT}"`],
    [
      'a server URL with a password',
      `RC_APP_CLIENT_SECRET=${CANARY_SECRET}\nRC_SERVER_URL=https://u:${CANARY_URL_PASSWORD}@h.test`,
    ],
    ['a secret as the only, unparsable line', `${CANARY_SECRET} ${CANARY_JWT}`],
    ['a secret beside an empty client ID', `RC_APP_CLIENT_ID=\nX=${CANARY_SECRET}`],
  ])('never quotes a value when refusing %s', (_case, text) => {
    const error = refusal(text);
    expectClean([error.message, String(error.stack), JSON.stringify(error.toPayload())]);
  });

  it('never quotes a value in a warning', () => {
    const text = [
      `RC_APP_CLIENT_SECRET=${CANARY_SECRET}`,
      `RC_APP_CLIENT_SECRET=${CANARY_SECRET}-2`,
      `RC_CLIENT_SECRET=${CANARY_SECRET}-3`,
      `RC_USER_JWT=${validWithCanaries}`,
      `RC_JWT=${JWT}`,
      'RC_SERVER_URL=https://platform.devtest.ringcentral.com',
      `${CANARY_SECRET} is a stray line`,
    ].join('\n');
    const result = parse(text);
    expect(new Set(codes(result))).toEqual(
      new Set([
        'UNPARSED_LINE',
        'DUPLICATE_NAME',
        'CONFLICTING_NAMES',
        'RETIRED_SANDBOX',
        'SECRET_WITHOUT_CLIENT_ID',
        'SERVER_URL_WITHOUT_CLIENT_ID',
        'JWT_EXPIRED',
      ]),
    );
    expectClean(result.warnings.map((w) => w.message));
  });
});
