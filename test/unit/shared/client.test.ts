import { describe, expect, it } from 'vitest';
import { ThrottledError, VaultError, WrongPasswordError } from '../../../src/core/errors';
import { createVaultClient } from '../../../src/shared/client';

describe('vault client', () => {
  it('sends {type, payload} and returns the value', async () => {
    const sent: unknown[] = [];
    const client = createVaultClient(async (message) => {
      sent.push(message);
      return { ok: true, value: { state: 'locked' } };
    });
    expect(await client.call('vault.status', {})).toEqual({ state: 'locked' });
    expect(sent).toEqual([{ type: 'vault.status', payload: {} }]);
  });

  it('rebuilds an error reply as the matching class', async () => {
    const client = createVaultClient(async () => ({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: 'The password is not correct.' },
    }));
    await expect(client.call('vault.unlock', { password: 'x' })).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('keeps the retry time of a throttled reply', async () => {
    const client = createVaultClient(async () => ({
      ok: false,
      error: { code: 'THROTTLED', message: 'wait', retryAt: 42 },
    }));
    const error = await client.call('vault.unlock', { password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAt).toBe(42);
  });

  it('reports a missing or malformed reply as INTERNAL', async () => {
    for (const reply of [undefined, 'nope', { value: 1 }]) {
      const client = createVaultClient(async () => reply);
      const error = await client.call('vault.status', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VaultError);
      expect((error as VaultError).code).toBe('INTERNAL');
    }
  });
});
