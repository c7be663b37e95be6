// Where a credential's token requests go, by its kind: through the connection's app (RingCentral),
// or to the token URL the credential carries (a Google key file's `token_uri`, a Salesforce login
// URL's endpoint, a `private_key_jwt` client's server), with the fields that request asks for. Also the endpoints
// the worker's own requests are kept clear of the header at. Imported by the worker.
import { inspectJwt } from '../jwt';
import type { BudgetKey, TokenIssuer } from '../tokens';
import type { App, Credential } from '../vault/model';
import { CLIENT_ASSERTION_PRESETS } from './client-assertion';
import { clientSecretIssuer } from './client-secret';
import { docusignConsentUrl } from './docusign';
import { ownTokenUrl } from './token-urls';

/** Undefined when the kind needs an app and there is none (deleted meanwhile). */
export function tokenIssuerFor(credential: Credential, app: App | undefined): TokenIssuer | undefined {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return app;
    case 'google-service-account':
      return { tokenUrl: credential.tokenUri, provider: 'google' };
    case 'salesforce-jwt':
      return { tokenUrl: ownTokenUrl(credential)!, provider: 'salesforce' };
    case 'client-assertion': {
      const { provider } = CLIENT_ASSERTION_PRESETS[credential.preset];
      const scope = credential.scopes.join(' ');
      return {
        tokenUrl: credential.tokenUrl,
        provider,
        assertionAs: 'client-auth',
        params: {
          client_id: credential.clientId,
          ...(scope ? { scope } : {}),
          ...(credential.apiAudience ? { audience: credential.apiAudience } : {}),
        },
      };
    }
    case 'client-secret':
      return clientSecretIssuer(credential);
    case 'box-jwt':
      // The app's ID and secret ride in the body beside the assertion.
      return {
        tokenUrl: credential.tokenUrl,
        provider: 'box',
        params: { client_id: credential.clientId, client_secret: credential.clientSecret },
      };
    case 'docusign-jwt':
      return {
        tokenUrl: ownTokenUrl(credential)!,
        provider: 'docusign',
        consentUrl: docusignConsentUrl(credential),
      };
  }
}

/** The server, token and revoke paths the rules let the worker's requests through unchanged. */
export function issuerEndpoints(issuer: TokenIssuer): {
  serverUrl: string;
  tokenPath: string;
  revokePath: string;
} {
  if (!('tokenUrl' in issuer))
    return { serverUrl: issuer.serverUrl, tokenPath: issuer.tokenPath, revokePath: issuer.revokePath };
  const url = new URL(issuer.tokenUrl);
  // No revoke URL: the token path stands in, so the rule shape stays one per endpoint.
  return { serverUrl: url.origin, tokenPath: url.pathname, revokePath: url.pathname };
}

/** RingCentral's Auth group: 5 token requests a minute per user, whichever app asks. */
const RINGCENTRAL_TOKEN_BUDGET = { requests: 5, perMs: 60_000 } as const;

/**
 * The budget of token requests a connection spends from: for RingCentral, its server and the
 * JWT's user, so every connection of that user shares it across apps and credentials. None for
 * a user the JWT does not name, nor for the kinds with their own token URL: their providers
 * document no per-user limit on token requests.
 */
export function tokenBudgetFor(credential: Credential, app: App | undefined): BudgetKey | undefined {
  switch (credential.kind) {
    case 'ringcentral-jwt': {
      // Stored JWTs were checked on save; a sub it lacks leaves the connection without a budget.
      const { sub } = inspectJwt(credential.jwt);
      if (!app || sub === undefined) return undefined;
      return {
        key: `ringcentral ${new URL(app.serverUrl).origin} ${sub}`,
        ...RINGCENTRAL_TOKEN_BUDGET,
        rule: 'RingCentral allows 5 token requests a minute per user, shared by all of its connections and apps',
      };
    }
    case 'google-service-account':
    case 'salesforce-jwt':
    case 'client-assertion':
    case 'client-secret':
    case 'box-jwt':
    case 'docusign-jwt':
      return undefined;
  }
}
