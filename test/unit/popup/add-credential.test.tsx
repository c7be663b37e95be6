// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { JwtPreview, parseClientIds, previewJwt } from '../../../src/popup/components/add-credential';

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
