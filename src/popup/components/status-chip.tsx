// A connection's auto-authentication state at a glance: a labelled chip (its tone's colours and
// a dot, from styles.css) and, while a token is live, a bar showing how much of its lifetime is
// left. Never shows the token.
import type { ConnectionStatusView } from '../../shared/messages';
import { clockTime } from '../time-format';

export interface ChipText {
  label: string;
  tone: 'ok' | 'busy' | 'warn' | 'error' | 'off';
}

/** The words on the chip; pure, so the tests can check each state. */
export function chipText(status: ConnectionStatusView): ChipText {
  if (!status.enabled) return { label: 'disabled', tone: 'off' };
  // The credential was edited to exclude this app: StatusChip adds the explanation.
  if (status.notAllowed) return { label: 'stopped: app not allowed', tone: 'error' };
  if (status.permissionMissing) return { label: 'not injecting: permission missing', tone: 'warn' };
  switch (status.state) {
    case 'active':
      return { label: 'active', tone: 'ok' };
    case 'exchanging':
    case 'refreshing':
      return { label: status.state, tone: 'busy' };
    case 'backing-off': {
      const until = status.retryAt === undefined ? '' : ` until ${clockTime(status.retryAt)}`;
      // The API refused the tokens the server just issued: a different problem from a busy server.
      if (status.lastError?.code === 'TOKEN_REFUSED') {
        return { label: `the API refuses new tokens: waiting${until}`, tone: 'error' };
      }
      return { label: `backing off${until}`, tone: 'warn' };
    }
    case 'failed':
      return { label: `failed: ${status.lastError?.message ?? 'unknown reason'}`, tone: 'error' };
    default:
      return { label: status.state, tone: 'off' };
  }
}

/** The share of the token's lifetime still ahead, 0–1, or undefined without a live token. */
export function lifetimeLeft(status: ConnectionStatusView, now: number): number | undefined {
  if (status.expiresAt === undefined || status.lastRefreshAt === undefined) return undefined;
  const total = status.expiresAt - status.lastRefreshAt;
  if (total <= 0) return undefined;
  return Math.min(1, Math.max(0, (status.expiresAt - now) / total));
}

/**
 * Where the person fixes the failure, when that is one page away (DocuSign's consent): a link
 * the worker built from the credential, opened in a new tab. Only http(s) is ever linked.
 */
export function FixLink({ status }: { status: ConnectionStatusView }) {
  const link = status.lastError?.link;
  if (!link || !/^https?:\/\//.test(link.url)) return null;
  return (
    <a class="status-link" href={link.url} target="_blank" rel="noreferrer">
      {link.label}
    </a>
  );
}

export function StatusChip({ status, now }: { status: ConnectionStatusView; now: number }) {
  const { label, tone } = chipText(status);
  const left = lifetimeLeft(status, now);
  // Why it stopped or waits, in the vault's words (which name the server's error code).
  const explanation =
    status.notAllowed || status.state === 'backing-off' ? status.lastError?.message : undefined;
  return (
    <>
      <span class="status">
        <span class={`chip chip-${tone}`}>{label}</span>
        {left !== undefined && (
          <meter
            class="lifetime"
            min={0}
            max={1}
            low={0.2}
            value={left}
            aria-label={`Token lifetime left: ${Math.round(left * 100)}%`}
          />
        )}
      </span>
      {explanation && <span class={`status-explanation status-explanation-${tone}`}>{explanation}</span>}
      <FixLink status={status} />
    </>
  );
}
