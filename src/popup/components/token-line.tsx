// How a connection's current token is doing, in words: its number, and how long it has left
// (the card), with when it came and when it ends (the connection's page). Never the token.
import type { ConnectionStatusView } from '../../shared/messages';

/** "45 s left", "12 min left", "1 h 5 min left"; "expired" once past. Pure, for the tests. */
export function timeLeftText(expiresAt: number, now: number): string {
  const seconds = Math.floor((expiresAt - now) / 1_000);
  if (seconds <= 0) return 'expired';
  if (seconds < 60) return `${seconds} s left`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** The card's token line: "token #2 · 12 min left"; nothing before the first token. */
export function TokenLine({ status, now }: { status: ConnectionStatusView; now: number }) {
  if (status.generation === 0) return null;
  return (
    <small class="generation">
      token #{status.generation}
      {status.expiresAt !== undefined && ` · ${timeLeftText(status.expiresAt, now)}`}
    </small>
  );
}
