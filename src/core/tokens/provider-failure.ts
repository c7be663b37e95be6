// Maps a failed answer of a credential's own token endpoint (Google, Salesforce, a
// `private_key_jwt` server) to a TokenError, in words about what that provider's user holds and
// where they fix it, rather than RingCentral's apps and JWTs. Each provider's words are a table
// (src/core/tokens/words/); this module only matches an answer against it. Providers tell their
// refusals apart in `error_description`, so known phrases are matched, but the text itself is
// never quoted: the server's words could echo what was sent. Imported by the token client only.
import type { ErrorCode } from '../errors';
import type { FailedResponse } from './map-error';
import { retryAtFrom } from './retry-after';
import { TokenError } from './token-error';
import type { GrantKind, TokenProvider, TokenUrl } from './types';
import { BOX_WORDS } from './words/box';
import { CLIENT_ASSERTION_WORDS } from './words/client-assertion';
import { CLIENT_SECRET_WORDS, ZOOM_WORDS } from './words/client-secret';
import { DOCUSIGN_WORDS } from './words/docusign';
import { GOOGLE_WORDS } from './words/google';
import { SALESFORCE_WORDS } from './words/salesforce';

export interface Explanation {
  code: ErrorCode;
  message: string;
  /** The words of a link to the issuer's consent page, offered with the message. */
  consentLink?: string;
}

/** One provider's refusals, tried in order: its `error`, a phrase of its description, what it means. */
export interface ProviderWords {
  /** Who answers: "Google", "Okta". Also words the rate-limit and outage messages. */
  name: string;
  refusals: readonly (readonly [error: string | undefined, phrase: RegExp | undefined, Explanation])[];
  /** An answer none of the refusals names. */
  otherwise: Explanation;
}

export const PROVIDER_WORDS: Record<TokenProvider, ProviderWords> = {
  google: GOOGLE_WORDS,
  salesforce: SALESFORCE_WORDS,
  ...CLIENT_ASSERTION_WORDS,
  zoom: ZOOM_WORDS,
  'oauth-secret': CLIENT_SECRET_WORDS,
  box: BOX_WORDS,
  docusign: DOCUSIGN_WORDS,
};

function explanation(words: ProviderWords, status: number, error: string | undefined, description: string) {
  if (status === 429)
    return {
      code: 'RATE_LIMITED',
      message: `${words.name}'s limit on token requests was reached. The vault waits before it tries again.`,
    } as const;
  if (status === 503)
    return {
      code: 'SERVER_UNAVAILABLE',
      message: `${words.name}'s token endpoint is busy. The vault waits before it tries again.`,
    } as const;
  if (status >= 500)
    return {
      code: 'SERVER_UNAVAILABLE',
      message: `${words.name}'s token endpoint had an internal error. The vault tries again later.`,
    } as const;
  const match = words.refusals.find(
    ([code, phrase]) =>
      (code === undefined || code === error) && (phrase === undefined || phrase.test(description)),
  );
  return match?.[2] ?? words.otherwise;
}

export function mapProviderFailure(
  issuer: Pick<TokenUrl, 'provider' | 'consentUrl'>,
  grant: GrantKind,
  response: FailedResponse,
  now: number,
): TokenError {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
    error?: unknown;
    error_description?: unknown;
    reason?: unknown;
  };
  const error = typeof body.error === 'string' ? body.error : undefined;
  // Zoom says why in `reason`.
  const said = body.error_description ?? body.reason;
  const description = typeof said === 'string' ? said : '';
  const found: Explanation = explanation(
    PROVIDER_WORDS[issuer.provider],
    response.status,
    error,
    description,
  );
  const { code, message, consentLink } = found;
  // Only a short code-shaped `error` may reach a message.
  const shown = error && /^[a-z_]{1,40}$/.test(error) ? error : `HTTP ${response.status}`;
  const retryAt =
    response.status === 429 || response.status === 503 ? retryAtFrom(response.retryAfter, now) : undefined;
  const link = consentLink && issuer.consentUrl ? { label: consentLink, url: issuer.consentUrl } : undefined;
  return new TokenError(code, `${message} (${shown})`, { grant, status: response.status }, retryAt, link);
}
