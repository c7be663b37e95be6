// The unlocked vault's auto-auth connections: where each injects, for which tools, and how
// its token is doing.
import { useSignal, useSignalEffect } from '@preact/signals';
import { usePopupState } from '../context';
import { StatusChip } from './status-chip';

export function Connections() {
  const { connections } = usePopupState();
  const now = useSignal(Date.now());
  useSignalEffect(() => {
    const timer = setInterval(() => {
      now.value = Date.now();
    }, 1_000);
    return () => clearInterval(timer);
  });

  return (
    <section aria-labelledby="connections-title">
      <h2 id="connections-title">Connections</h2>
      {connections.value.length === 0 ? (
        <p>
          No connections yet. A connection sends a credential's token to your API from the tools you allow.
        </p>
      ) : (
        <ul class="connections">
          {connections.value.map((row) => (
            <li key={row.id}>
              <strong>{row.credentialLabel}</strong> → <code>{row.apiBaseUrl}</code>
              <br />
              {/* The browser matches the calling page by host name only: say so where it matters. */}
              <small>from {row.toolOrigins.join(', ')} (any port of the same host)</small>
              <br />
              <StatusChip status={row.status} now={now.value} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
