// The token inspector's source: what the manager says of a session's token (times, scope, whether
// a refresh token backs it) and the session's token requests — each with its trigger, grant and
// the token it brought or the error — bounded, and forgotten at lock.
import { describe, expect, it } from 'vitest';
import { TOKEN_HISTORY_LIMIT } from '../../../../src/core/tokens/session';
import { harness } from './harness';

describe('token manager: inspecting a session', () => {
  it('says nothing of a session that has no token yet', async () => {
    const h = await harness();
    expect(await h.manager.inspect('conn-1')).toEqual({ generation: 0, history: [] });
  });

  it('lists each token request with its trigger and grant, and the current token’s times and scope', async () => {
    const h = await harness();
    const first = await h.manager.ensureToken('conn-1');
    const issued = h.clock.now();
    await h.fire();
    const inspection = await h.manager.inspect('conn-1');
    expect(inspection.history).toEqual([
      { at: issued, trigger: 'ensure', grant: 'jwt', generation: 1 },
      { at: h.clock.now(), trigger: 'scheduled', grant: 'refresh_token', generation: 2 },
    ]);
    expect(inspection).toMatchObject({
      generation: 2,
      issuedAt: h.clock.now(),
      expiresAt: h.clock.now() + 3_600_000,
      scope: expect.any(String),
      refreshToken: { expiresAt: expect.any(Number) },
    });
    // The worker decodes the access token and drops it; nothing else carries a token.
    const { accessToken, ...rest } = inspection;
    expect(accessToken).toMatch(/^U1BC/);
    expect(JSON.stringify(rest)).not.toContain(first.accessToken.slice(0, 12));
  });

  it('records a 401’s new token with its trigger, and a failed request with its error code', async () => {
    const h = await harness();
    const token = await h.manager.ensureToken('conn-1');
    await h.manager.onUnauthorized('conn-1', token.generation);
    await h.sandbox.down();
    await h.manager.refreshNow('conn-1').catch(() => {});
    const history = (await h.manager.inspect('conn-1')).history;
    expect(history.map((e) => [e.trigger, e.grant, e.generation ?? e.error])).toEqual([
      ['ensure', 'jwt', 1],
      ['unauthorized', 'refresh_token', 2],
      ['manual', 'refresh_token', 'NETWORK'],
    ]);
  });

  it('keeps the newest token requests only, and forgets them at lock', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');
    for (let i = 0; i < TOKEN_HISTORY_LIMIT + 5; i += 1) await h.fire();
    const { history } = await h.manager.inspect('conn-1');
    expect(history).toHaveLength(TOKEN_HISTORY_LIMIT);
    expect(history.at(-1)?.generation).toBe(TOKEN_HISTORY_LIMIT + 6);
    await h.manager.lockAll({ revoke: false });
    expect((await h.manager.inspect('conn-1')).history).toEqual([]);
  });
});
