// Host access the extension holds beyond a connection's tool origins, in words for the popup.
// Pure; imported by the worker (auto-auth) and tests. Apart from host-patterns.ts, which the
// popup loads too.
import type { Connection } from '../vault/model';

/**
 * Host access the extension holds that reaches past a tool origin where the header rule's host
 * condition would follow it: sub-domains of the tool's host, or the plain-http twin of an https
 * tool. Tabs on those origins never get the header (the rule is pinned to tool tabs), but a frame
 * from one inside a tool tab would. One sentence per finding, for the popup.
 */
export function widerHostAccess(
  connection: Pick<Connection, 'toolOrigins'>,
  granted: readonly string[],
): string[] {
  const findings = new Set<string>();
  for (const origin of connection.toolOrigins) {
    const { protocol, hostname } = new URL(origin);
    for (const pattern of granted) {
      const match = /^(\*|https?):\/\/([^/]+)\//.exec(pattern === '<all_urls>' ? '*://*/' : pattern);
      if (!match) continue;
      const [, scheme, host] = match as unknown as [string, string, string];
      const coversSubdomains =
        host === '*' || (host.startsWith('*.') && `.${hostname}`.endsWith(host.slice(1)));
      if (coversSubdomains && (scheme === '*' || `${scheme}:` === protocol)) {
        findings.add(`Site access to ${pattern} also covers sub-domains of ${hostname}.`);
      }
      const coversHost =
        host === '*' ||
        host === hostname ||
        (host.startsWith('*.') && `.${hostname}`.endsWith(host.slice(1)));
      if (protocol === 'https:' && coversHost && (scheme === '*' || scheme === 'http')) {
        findings.add(
          `Site access to ${pattern} also covers http://${hostname}, the unencrypted twin of ${origin}.`,
        );
      }
    }
  }
  return [...findings];
}
