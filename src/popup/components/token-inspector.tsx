// The token inspector, on a connection's page: what the vault holds for it right now — the
// token's number, when it came and ends (counting down), its scope, whether a refresh token backs
// it — this session's token requests (why each was made, how, and what came of it), and, when
// the access token is itself a JWT, its header and claims. Never the token, its signature or the
// refresh token: the worker sends none of them. Read again whenever the connection's token changes.
import './token-inspector.css';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { TokenEvent } from '../../core/tokens';
import type { TokenInspectionView } from '../../shared/messages';
import { usePopupState } from '../context';
import { useNow } from '../hooks/use-now';
import type { ConnectionRow } from '../state';
import { clockTime, whenTime } from '../time-format';
import { FormError } from './error-message';
import { timeLeftText } from './token-line';

const WHY: Record<TokenEvent['trigger'], string> = {
  ensure: 'first use',
  scheduled: 'before it expired',
  unauthorized: 'after a 401',
  manual: 'Refresh now',
};

const HOW: Record<TokenEvent['grant'], string> = {
  jwt: 'credential',
  refresh_token: 'refresh token',
};

function EventRow({ event }: { event: TokenEvent }) {
  return (
    <li>
      {clockTime(event.at)} · {WHY[event.trigger]} · with the {HOW[event.grant]} ·{' '}
      {event.generation !== undefined ? (
        `token #${event.generation}`
      ) : (
        <span class="error-text">failed ({event.error})</span>
      )}
    </li>
  );
}

function refreshText(view: TokenInspectionView, now: number): string {
  if (!view.refreshToken) return 'none: a new token is asked for with the credential';
  const until = view.refreshToken.expiresAt;
  return until === undefined ? 'yes' : `yes, until ${whenTime(until, now)}`;
}

export function TokenInspector({ row }: { row: ConnectionRow }) {
  const { domains } = usePopupState();
  const now = useNow();
  const view = useSignal<TokenInspectionView | undefined>(undefined);
  const failure = useSignal<Parameters<typeof FormError>[0]['error']>(undefined);
  const { status } = row;

  // A new token, a failure or a lock changes what there is to show.
  useEffect(() => {
    let current = true;
    void domains.connections.inspect(row.id).then((outcome) => {
      if (!current) return;
      if (outcome.ok) {
        view.value = outcome.value;
        failure.value = undefined;
      } else failure.value = outcome.error;
    });
    return () => {
      current = false;
    };
  }, [row.id, status.generation, status.state, status.lastError?.code]);

  const shown = view.value;
  return (
    <section class="token-inspector" aria-labelledby={`token-${row.id}`}>
      <h3 id={`token-${row.id}`}>Token details</h3>
      <FormError error={failure.value} />
      {shown && (
        <>
          {shown.expiresAt === undefined ? (
            <p>No token now.</p>
          ) : (
            <dl class="facts" aria-label="The current token">
              <dt>Number</dt>
              <dd>#{shown.generation}</dd>
              <dt>Issued</dt>
              <dd>{shown.issuedAt === undefined ? 'unknown' : clockTime(shown.issuedAt)}</dd>
              <dt>Expires</dt>
              <dd>
                {clockTime(shown.expiresAt)} ({timeLeftText(shown.expiresAt, now.value)})
              </dd>
              <dt>Scope</dt>
              <dd>{shown.scope ? <code>{shown.scope}</code> : 'not named by the server'}</dd>
              <dt>Refresh token</dt>
              <dd>{refreshText(shown, now.value)}</dd>
            </dl>
          )}
          {status.lastError && (
            <p class="error-text">
              Last error: <code>{status.lastError.code}</code> {status.lastError.message}
            </p>
          )}
          {shown.jwt && (
            <>
              <h4>The access token is a JWT: its header and claims</h4>
              <figure class="token-json">
                <figcaption>Header</figcaption>
                <pre>{JSON.stringify(shown.jwt.header, null, 2)}</pre>
              </figure>
              <figure class="token-json">
                <figcaption>Claims</figcaption>
                <pre>{JSON.stringify(shown.jwt.claims, null, 2)}</pre>
              </figure>
            </>
          )}
          <h4>Token requests since the vault was unlocked</h4>
          {shown.history.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <ol class="token-history" aria-label="Token requests">
              {[...shown.history].reverse().map((event) => (
                <EventRow key={`${event.at}-${event.generation ?? event.error}`} event={event} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
