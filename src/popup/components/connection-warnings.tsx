// What is wrong with a connection beyond its chip, on its card and on its page alike: host access
// the browser has not granted (with Grant access), calls from pages that are not allowed, and
// site access wider than the tool origins. Rare, so a card with one may be taller.
import type { ConnectionRow } from '../state';
import { connectionName } from './connection-name';

export function ConnectionWarnings({
  row,
  refused,
  onGrant,
}: {
  row: ConnectionRow;
  /** The browser refused the last Grant access. */
  refused: boolean;
  onGrant(): void;
}) {
  const { status } = row;
  return (
    <>
      {status.enabled && status.permissionMissing && (
        <div class="permission-missing">
          <p>The browser has not granted access to this API or tool host, so the header is not added.</p>
          {refused && <p class="warning">Access was not granted.</p>}
          <button
            type="button"
            class="secondary small"
            onClick={onGrant}
            aria-label={`Grant access for ${connectionName(row)}`}
          >
            Grant access
          </button>
        </div>
      )}
      <RefusedOrigins refused={status.refusedOrigins ?? []} />
      {status.widerAccess && (
        <p class="wider-access">
          {status.widerAccess.map((finding) => (
            <small key={finding}>{finding}</small>
          ))}
          <small>
            Their tabs get no header, but a frame from one inside the tool's tab would: limit the extension's
            site access to the hosts you use.
          </small>
        </p>
      )}
    </>
  );
}

/** Calls to the API from pages that are not allowed: they got no token, and the user may want to know. */
function RefusedOrigins({ refused }: { refused: readonly { origin: string; count: number }[] }) {
  if (refused.length === 0) return null;
  return (
    <p class="refused">
      {refused.slice(0, 3).map(({ origin, count }) => (
        <small key={origin}>
          {count === 1 ? '1 request' : `${count} requests`} from {origin} got no token
        </small>
      ))}
    </p>
  );
}

/** "1 tab", "2 tabs", or that none is open on the tool origins. */
export function toolTabsText(tabs: number): string {
  if (tabs === 0) return 'no tab is open on it';
  return tabs === 1 ? '1 tab' : `${tabs} tabs`;
}
