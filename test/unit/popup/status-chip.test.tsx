// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { chipText, lifetimeLeft, StatusChip } from '../../../src/popup/components/status-chip';
import { timeLeftText } from '../../../src/popup/components/token-line';
import type { ConnectionStatusView } from '../../../src/shared/messages';

const base: ConnectionStatusView = {
  connectionId: 'c1',
  enabled: true,
  state: 'active',
  generation: 3,
  expiresAt: 2_000_000,
  lastRefreshAt: 1_000_000,
  injecting: true,
  permissionMissing: false,
};

describe('status chip', () => {
  afterEach(() => render(null, document.body));

  it('names every state a person needs to act on', () => {
    expect(chipText(base)).toEqual({ label: 'active', tone: 'ok' });
    expect(chipText({ ...base, state: 'refreshing' })).toEqual({ label: 'refreshing', tone: 'busy' });
    expect(chipText({ ...base, state: 'backing-off', retryAt: undefined })).toEqual({
      label: 'backing off',
      tone: 'warn',
    });
    expect(chipText({ ...base, state: 'backing-off', retryAt: Date.UTC(2026, 0, 1, 10, 30) }).label).toMatch(
      /^backing off until \d/,
    );
    expect(
      chipText({
        ...base,
        state: 'failed',
        lastError: { code: 'INVALID_CLIENT', message: 'The app was refused.' },
      }),
    ).toEqual({ label: 'failed: The app was refused.', tone: 'error' });
    expect(chipText({ ...base, permissionMissing: true })).toEqual({
      label: 'not injecting: permission missing',
      tone: 'warn',
    });
    expect(chipText({ ...base, enabled: false })).toEqual({ label: 'disabled', tone: 'off' });
  });

  it('says when the API refuses new tokens, and why, apart from an ordinary back-off', () => {
    const refused: ConnectionStatusView = {
      ...base,
      state: 'backing-off',
      retryAt: Date.UTC(2026, 0, 1, 10, 30),
      lastError: { code: 'TOKEN_REFUSED', message: 'The API refuses the new tokens (OAU-149).' },
    };
    expect(chipText(refused)).toMatchObject({ tone: 'error' });
    expect(chipText(refused).label).toMatch(/^the API refuses new tokens: waiting until \d/);
    render(<StatusChip status={refused} now={1_500_000} />, document.body);
    expect(document.querySelector('.status-explanation')?.textContent).toBe(
      'The API refuses the new tokens (OAU-149).',
    );
  });

  it('measures the lifetime left from the last refresh to expiry', () => {
    expect(lifetimeLeft(base, 1_000_000)).toBe(1);
    expect(lifetimeLeft(base, 1_750_000)).toBe(0.25);
    expect(lifetimeLeft(base, 3_000_000)).toBe(0);
    expect(lifetimeLeft({ ...base, expiresAt: undefined }, 1_500_000)).toBeUndefined();
  });

  it('renders the chip and a labelled lifetime bar', () => {
    render(<StatusChip status={base} now={1_500_000} />, document.body);
    expect(document.querySelector('.chip')?.textContent).toBe('active');
    const meter = document.querySelector('meter');
    expect(meter?.getAttribute('aria-label')).toBe('Token lifetime left: 50%');
  });

  it('offers the page that fixes a failure (DocuSign consent), and never a link that is not http(s)', () => {
    const failed = (url: string): ConnectionStatusView => ({
      ...base,
      state: 'failed',
      lastError: {
        code: 'CONSENT_REQUIRED',
        message: 'Consent needed.',
        link: { label: 'Give consent at DocuSign', url },
      },
    });
    render(
      <StatusChip status={failed('https://account-d.docusign.com/oauth/auth?x=1')} now={0} />,
      document.body,
    );
    const link = document.querySelector('a.status-link') as HTMLAnchorElement;
    expect(link.textContent).toBe('Give consent at DocuSign');
    expect(link.href).toBe('https://account-d.docusign.com/oauth/auth?x=1');
    expect(link.target).toBe('_blank');
    render(<StatusChip status={failed('javascript:alert(1)')} now={0} />, document.body);
    expect(document.querySelector('a')).toBeNull();
  });

  it('styles each chip by its tone, with the label as its only text', () => {
    const states: [ConnectionStatusView, string][] = [
      [base, 'ok'],
      [{ ...base, state: 'exchanging' }, 'busy'],
      [{ ...base, permissionMissing: true }, 'warn'],
      [{ ...base, state: 'failed', lastError: { code: 'INVALID_CLIENT', message: 'No.' } }, 'error'],
      [{ ...base, enabled: false }, 'off'],
    ];
    for (const [status, tone] of states) {
      render(<StatusChip status={status} now={1_500_000} />, document.body);
      const chip = document.querySelector('.chip');
      expect(chip?.className).toBe(`chip chip-${tone}`);
      // The e2e tests and screen readers read the chip's text: nothing but the label.
      expect(chip?.textContent).toBe(chipText(status).label);
    }
  });

  it('shows no bar without a live token', () => {
    render(
      <StatusChip status={{ ...base, state: 'failed', expiresAt: undefined }} now={1_500_000} />,
      document.body,
    );
    expect(document.querySelector('meter')).toBeNull();
  });
});

describe("the token's time left", () => {
  const now = 1_700_000_000_000;
  it('counts seconds in the last minute, minutes within the hour, hours and minutes beyond', () => {
    expect(timeLeftText(now + 45_900, now)).toBe('45 s left');
    expect(timeLeftText(now + 12 * 60_000 + 59_000, now)).toBe('12 min left');
    expect(timeLeftText(now + 65 * 60_000, now)).toBe('1 h 5 min left');
  });

  it('says "expired" once the expiry is reached, never a negative count', () => {
    expect(timeLeftText(now, now)).toBe('expired');
    expect(timeLeftText(now - 5_000, now)).toBe('expired');
  });
});
