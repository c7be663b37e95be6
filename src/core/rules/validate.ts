// Checks every injection target before any rule is built, so a bad one fails the whole update
// instead of half-applying it. Messages name the connection and the field, never the value: a
// URL may carry a password and the token is a secret. Imported by the rule builder only.
import { InvalidInputError } from '../errors';
import { hostProblem, isLocalHost } from '../vault/url-rules';
import type { InjectionTarget } from './target';

/** A target reduced to what the rules are made of. */
export interface CheckedTarget {
  slot: number;
  apiOrigin: string;
  /** Ends with "/". */
  apiPath: string;
  /** Sorted, unique host names. */
  initiatorDomains: string[];
  /** Sorted, unique tab ids; empty when no tab is on a tool origin. */
  tabIds: number[];
  accessToken: string;
  serverOrigin: string;
  tokenPath: string;
  revokePath: string;
}

/** Slots map to ids slot×3+1 … slot×3+3; DNR ids are 32-bit signed integers. */
export const MAX_SLOT = Math.floor((2 ** 31 - 1) / 3) - 1;

// Visible ASCII without spaces: anything else would break the header or add another one.
const HEADER_SAFE = /^[\x21-\x7e]+$/;
// Wildcards and anchors in a urlFilter: a path must match literally.
const FILTER_SYNTAX = /[*^|]/;

export function checkTarget(target: InjectionTarget, position: number): CheckedTarget {
  if (typeof target !== 'object' || target === null) {
    throw new InvalidInputError(`Connection #${position + 1}: it is not an injection target.`);
  }
  const name =
    typeof target.connectionId === 'string' && target.connectionId !== ''
      ? `Connection ${target.connectionId}`
      : `Connection #${position + 1}`;
  const fail = (problem: string) => new InvalidInputError(`${name}: ${problem}`);

  if (!Number.isSafeInteger(target.slot) || target.slot < 0 || target.slot > MAX_SLOT) {
    throw fail(`its rule slot must be an integer from 0 to ${MAX_SLOT}.`);
  }
  const api = parseUrl(target.apiBaseUrl, 'the API base URL', fail);
  if (FILTER_SYNTAX.test(api.pathname))
    throw fail('the API base URL must not contain *, ^ or | in its path.');
  const apiPath = api.pathname.endsWith('/') ? api.pathname : `${api.pathname}/`;

  if (!Array.isArray(target.toolOrigins) || target.toolOrigins.length === 0) {
    // Without initiatorDomains the rule would give the token to every page.
    throw fail('it needs at least one tool origin.');
  }
  const domains = new Set<string>();
  target.toolOrigins.forEach((origin, i) => {
    const url = parseUrl(origin, `tool origin ${i + 1}`, fail);
    const afterScheme = typeof origin === 'string' ? origin.slice(url.protocol.length + 2) : '';
    if (url.pathname !== '/' || /\/./.test(afterScheme)) {
      throw fail(`tool origin ${i + 1} must be an origin (scheme://host[:port]) without a path.`);
    }
    domains.add(url.hostname);
  });

  if (!Array.isArray(target.tabIds)) throw fail('its tab ids must be a list.');
  // -1 is "no tab" (a page's service worker): it must never be pinned, nor any other negative id.
  if (!target.tabIds.every((tab) => Number.isSafeInteger(tab) && tab >= 0)) {
    throw fail('its tab ids must be whole numbers from 0 up.');
  }

  if (typeof target.accessToken !== 'string' || !HEADER_SAFE.test(target.accessToken)) {
    throw fail('its access token is empty or has characters a header cannot carry.');
  }

  if (typeof target.app !== 'object' || target.app === null) throw fail('it has no app.');
  const server = parseUrl(target.app.serverUrl, "the app's server URL", fail);
  if (server.pathname !== '/') throw fail("the app's server URL must be an origin without a path.");
  const tokenPath = checkPath(target.app.tokenPath, "the app's token path", fail);
  const revokePath = checkPath(target.app.revokePath, "the app's revoke path", fail);

  return {
    slot: target.slot,
    apiOrigin: api.origin,
    apiPath,
    initiatorDomains: [...domains].sort(),
    tabIds: [...new Set(target.tabIds)].sort((a, b) => a - b),
    accessToken: target.accessToken,
    serverOrigin: server.origin,
    tokenPath,
    revokePath,
  };
}

type Fail = (problem: string) => InvalidInputError;

function parseUrl(value: unknown, field: string, fail: Fail): URL {
  if (typeof value !== 'string' || value === '' || value !== value.trim()) {
    throw fail(`${field} must be a URL without surrounding spaces.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail(`${field} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail(`${field} must use https.`);
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) {
    throw fail(`${field} must use https; http is allowed only for localhost, 127.0.0.0/8 and [::1].`);
  }
  if (url.username !== '' || url.password !== '')
    throw fail(`${field} must not contain a user name or password.`);
  if (value.includes('?') || value.includes('#'))
    throw fail(`${field} must not contain a query or fragment.`);
  // A "*" in a host would make the urlFilter or the initiator domains a pattern.
  const hostIssue = hostProblem(url.hostname);
  if (hostIssue) throw fail(`${field} ${hostIssue}`);
  return url;
}

/** A path on the app's server: absolute, literal, and not a way onto another host ("//host"). */
function checkPath(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) {
    throw fail(`${field} must start with a single "/".`);
  }
  if (/[?#\s]/.test(value) || FILTER_SYNTAX.test(value)) {
    throw fail(`${field} must not contain spaces, ?, #, *, ^ or |.`);
  }
  // As the URL parser writes it (percent-encoded, dot segments resolved), which is what DNR sees.
  return new URL(value, 'https://host.invalid').pathname;
}
