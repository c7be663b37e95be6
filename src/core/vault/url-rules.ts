// URL rules for what the vault stores: server URLs, API base URLs and tool origins. Plain
// http only for loopback hosts, never credentials, queries or fragments. Imported by
// src/core (validation; the rules builder reuses isLocalHost and hostProblem) and the popup.
import { InvalidInputError } from '../errors';
import { LIMITS } from './limits';

/**
 * Loopback only, as the WHATWG URL parser canonicalises it: `localhost`, 127.0.0.0/8 (every
 * IPv4 spelling, such as 127.1 or 0x7f.1, arrives as dotted decimal) and [::1]. Look-alikes
 * such as `localhost.evil.test` or `localhost.` are other hosts resolved through DNS.
 */
export function isLocalHost(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

// Wildcards and anchors of declarativeNetRequest URL filters. The URL parser refuses "^" and
// "|" in a host but keeps "*" (also as "%2A"): `https://*.example.com` would be a pattern in
// a rule and in the host access asked for, where the user named one exact host.
const FILTER_SYNTAX = /[*^|]/;
const PATTERN_HOST = 'must not contain *, ^ or | in its host: name one exact host, not a pattern.';
// What is left of a host after the parser: a DNS name (IDNs arrive as "xn--"), an IPv4
// address, or a bracketed IPv6 address. "_" stays allowed: local service names use it.
const EXACT_HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/;

/**
 * Why a parsed URL's host name is not one exact host (wildcard, anchor, or a character no
 * host name has), as the end of a sentence that starts with the field; undefined when it is.
 * The rule builder checks its targets with it too.
 */
export function hostProblem(hostname: string): string | undefined {
  if (FILTER_SYNTAX.test(hostname)) return PATTERN_HOST;
  if (!EXACT_HOST.test(hostname)) {
    return 'has a host with characters a host name cannot have (use letters, digits, "-", "_" and ".").';
  }
  return undefined;
}

/** The text between "//" and the first "/", "?" or "#": the host as typed, before parsing. */
function typedAuthority(value: string): string {
  return /^[a-z][a-z\d+.-]*:\/\/([^/?#\\]*)/i.exec(value)?.[1] ?? '';
}

// Messages name the field, never the value: a URL can carry a password in its user info.
function parseHttpUrl(value: unknown, field: string): URL {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidInputError(`${field} must be a URL.`);
  }
  if (value.length > LIMITS.url) {
    throw new InvalidInputError(`${field} must be at most ${LIMITS.url} characters.`);
  }
  if (value !== value.trim()) {
    throw new InvalidInputError(`${field} has leading or trailing spaces.`);
  }
  // Before parsing: the parser's "not a valid URL" would not say why.
  if (FILTER_SYNTAX.test(typedAuthority(value).replace(/^.*@/, ''))) {
    throw new InvalidInputError(`${field} ${PATTERN_HOST}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The parser's own error carries the input; it must not travel.
    throw new InvalidInputError(`${field} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidInputError(`${field} must use https.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidInputError(`${field} must not contain a user name or password.`);
  }
  const problem = hostProblem(url.hostname);
  if (problem) throw new InvalidInputError(`${field} ${problem}`);
  // `href.includes` also catches a bare "?" or "#", which leave search and hash empty.
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    throw new InvalidInputError(`${field} must not contain a query or fragment.`);
  }
  return url;
}

function assertSecureOrLocal(url: URL, field: string): void {
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) {
    throw new InvalidInputError(
      `${field} must use https; http is allowed only for localhost, 127.0.0.0/8 and [::1].`,
    );
  }
}

/** An OAuth server: an origin only, so joining it with a token path is unambiguous. */
export function parseServerUrl(value: unknown, field: string): string {
  const url = parseHttpUrl(value, field);
  assertSecureOrLocal(url, field);
  if (url.pathname !== '/') {
    throw new InvalidInputError(
      `${field} must be an origin without a path; paths go in the token and revoke paths.`,
    );
  }
  return url.origin;
}

/** A token URL a credential carries (a key file's `token_uri`): https, or http to this machine. */
export function parseTokenUrl(value: unknown, field: string): string {
  const url = parseHttpUrl(value, field);
  assertSecureOrLocal(url, field);
  return url.href;
}

/**
 * An API base: origin plus path prefix, normalised to end with "/" so that `/restapi/` never
 * matches `/restapi-other`. Characters that are wildcards or anchors in declarativeNetRequest
 * URL filters are refused: the prefix must match literally.
 */
export function parseApiBaseUrl(value: unknown, field: string): string {
  const url = parseHttpUrl(value, field);
  assertSecureOrLocal(url, field);
  if (/[*^|]/.test(url.pathname)) {
    throw new InvalidInputError(`${field} must not contain *, ^ or | in its path.`);
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${path}`;
}

/**
 * A provider's base URL as entered — a Salesforce login URL, a DocuSign account server: https (or
 * http to this machine), an origin with an optional path, no query; kept without a trailing slash
 * so that its endpoints' paths join it unambiguously.
 */
export function parseBaseUrl(value: unknown, field: string): string {
  return parseApiBaseUrl(value, field).replace(/\/$/, '');
}

/**
 * A tool origin: `scheme://host[:port]`, a trailing "/" tolerated. Held to the same https rule
 * as the API: a page served over plain http from elsewhere could be rewritten on the network
 * and then send authenticated requests.
 */
export function parseToolOrigin(value: unknown, field: string): string {
  const url = parseHttpUrl(value, field);
  assertSecureOrLocal(url, field);
  if (
    url.pathname !== '/' ||
    (typeof value === 'string' && /\/./.test(value.slice(url.protocol.length + 2)))
  ) {
    throw new InvalidInputError(`${field} must be an origin (scheme://host[:port]) without a path.`);
  }
  return url.origin;
}
