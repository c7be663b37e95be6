// declarativeNetRequest urlFilter strings for an API prefix and for an exact endpoint.
// Imported by the rule builder only.
//
// Filters are matched against the canonical URL, and URL canonicalisation (Chromium's and the
// WHATWG parser's alike) drops a default port: `https://host:443/x` is matched as
// `https://host/x`. So a filter never carries :443 or :80 (it would never match), and always
// carries any other port. `URL.origin` gives exactly that form.

/**
 * `|scheme://host[:port]/prefix/`: left-anchored, and the prefix ends with "/", so the host is
 * always followed by ":" or "/" — `host.evil.test`, `host@evil.test` and `/prefix-other` never match.
 */
export function prefixFilter(origin: string, pathPrefix: string): string {
  return `|${origin}${pathPrefix}`;
}

/** `|origin/path^`: this path, followed by a separator or the end (a query, say), nothing longer. */
export function endpointFilter(origin: string, path: string): string {
  return `|${origin}${path}^`;
}
