// @vitest-environment happy-dom
// The token inspector on a connection's page: the current token's number, times, scope and
// refresh token, the session's token requests newest first, a JWT access token's header and
// claims — and it reads again when the connection's token changes.
import { afterEach, describe, expect, it } from 'vitest';
import { TokenInspector } from '../../../src/popup/components/token-inspector';
import { usePopupState } from '../../../src/popup/context';
import type { TokenInspectionView } from '../../../src/shared/messages';
import {
  ACTIVE,
  CONNECTION,
  CREDENTIAL,
  mounted,
  scriptedClient,
  settle,
  unlockedVault,
  unmountAll,
} from './support';

const AT = Date.UTC(2026, 11, 2, 9, 0, 0);

const VIEW: TokenInspectionView = {
  generation: 2,
  issuedAt: AT,
  expiresAt: AT + 3_600_000,
  scope: 'ReadAccounts',
  refreshToken: { expiresAt: AT + 7 * 86_400_000 },
  history: [
    { at: AT - 60_000, trigger: 'ensure', grant: 'jwt', generation: 1 },
    { at: AT - 30_000, trigger: 'unauthorized', grant: 'refresh_token', error: 'NETWORK' },
    { at: AT, trigger: 'unauthorized', grant: 'refresh_token', generation: 2 },
  ],
};

function vault(answer: (id: string) => TokenInspectionView) {
  return scriptedClient(
    unlockedVault({
      'credentials.list': [CREDENTIAL],
      'connections.list': [CONNECTION] as never,
      'connections.status': [{ ...ACTIVE, generation: 2 }],
      'connections.token': ({ id }) => answer(id),
    }),
  );
}

/** The inspector of the vault's one connection, as its page shows it: it follows the row. */
function Inspector() {
  const row = usePopupState().connections.value[0];
  return row ? <TokenInspector row={row} /> : null;
}

const text = (root: ParentNode) => root.textContent?.replace(/\s+/g, ' ') ?? '';

describe('the token inspector', () => {
  afterEach(unmountAll);

  it('shows the token, its scope and refresh token, and the token requests newest first', async () => {
    const { root: shown } = await mounted(
      <Inspector />,
      vault(() => VIEW),
    );
    await settle(() => text(shown).includes('Token requests since'));
    expect(text(shown)).toContain('Number#2');
    expect(text(shown)).toContain('ScopeReadAccounts');
    // A week away: the day, not only the time.
    expect(text(shown)).toMatch(/Refresh tokenyes, until Dec 9/);
    const requests = [...shown.querySelectorAll('ol[aria-label="Token requests"] li')].map((li) => text(li));
    expect(requests).toHaveLength(3);
    expect(requests[0]).toContain('after a 401 · with the refresh token · token #2');
    expect(requests[1]).toContain('failed (NETWORK)');
    expect(requests[2]).toContain('first use · with the credential · token #1');
    expect(shown.querySelector('figure')).toBeNull();
  });

  it('shows a JWT access token’s header and claims', async () => {
    const client = vault(() => ({
      ...VIEW,
      jwt: { header: { alg: 'RS256', kid: 'k9' }, claims: { scp: 'Mail.Read' } },
    }));
    const { root } = await mounted(<Inspector />, client);
    await settle(() => root.querySelectorAll('figure').length === 2);
    const [header, claims] = [...root.querySelectorAll('figure')];
    expect(header?.querySelector('figcaption')?.textContent).toBe('Header');
    expect(JSON.parse(header?.querySelector('pre')?.textContent ?? '')).toEqual({ alg: 'RS256', kid: 'k9' });
    expect(JSON.parse(claims?.querySelector('pre')?.textContent ?? '')).toEqual({ scp: 'Mail.Read' });
  });

  it('says when there is no token and no request yet', async () => {
    const client = vault(() => ({ generation: 0, history: [] }));
    const { root } = await mounted(<Inspector />, client);
    await settle(() => text(root).includes('None yet.'));
    expect(text(root)).toContain('No token now.');
  });

  it('reads again when the worker pushes a new token for the connection', async () => {
    let generation = 2;
    const client = vault(() => ({ ...VIEW, generation }));
    const { root, state } = await mounted(<Inspector />, client);
    await settle(() => text(root).includes('Number#2'));
    generation = 3;
    state.applyStatusPush({
      type: 'status',
      vault: { state: 'unlocked', autoLockAt: Date.now() + 60_000 },
      connections: [{ ...ACTIVE, generation: 3 }],
    });
    await settle(() => text(root).includes('Number#3'));
    expect(client.calls.filter((c) => c.type === 'connections.token')).toHaveLength(2);
  });
});
