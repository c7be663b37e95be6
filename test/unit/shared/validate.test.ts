import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../src/core/errors';
import { requestValidators } from '../../../src/shared/request-validators';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof VaultError ? error.code : 'NOT_A_VAULT_ERROR';
  }
}

describe('request validators', () => {
  it('accepts a well-formed app', () => {
    const payload = { app: { name: 'A', clientId: 'c', clientSecret: null, serverUrl: 'https://x.test' } };
    expect(requestValidators['apps.save'](payload, 'payload')).toEqual(payload);
  });

  it('refuses unknown fields instead of passing them on', () => {
    expect(codeOf(() => requestValidators['vault.unlock']({ password: 'p', admin: true }, 'payload'))).toBe(
      'INVALID_INPUT',
    );
  });

  it('refuses wrong types and missing fields', () => {
    expect(codeOf(() => requestValidators['vault.unlock']({ password: 42 }, 'payload'))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => requestValidators['vault.unlock']({}, 'payload'))).toBe('INVALID_INPUT');
    expect(codeOf(() => requestValidators['vault.lock'](null, 'payload'))).toBe('INVALID_INPUT');
  });

  it('refuses an unknown kind of allowed apps', () => {
    const credential = { label: 'L', jwt: 'a.b.c', allowed: { kind: 'everyone' } };
    expect(codeOf(() => requestValidators['credentials.save']({ credential }, 'payload'))).toBe(
      'INVALID_INPUT',
    );
  });

  it('refuses oversized strings', () => {
    expect(codeOf(() => requestValidators['vault.unlock']({ password: 'x'.repeat(5_000) }, 'payload'))).toBe(
      'INVALID_INPUT',
    );
  });

  it('names the field and never echoes the value', () => {
    const secret = 'CANARY-do-not-echo';
    try {
      requestValidators['apps.save'](
        { app: { name: 'A', clientId: 'c', serverUrl: 1, clientSecret: [secret] } },
        'payload',
      );
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/payload\.app\./);
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
