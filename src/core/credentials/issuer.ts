// Where a credential's token requests go, by its kind: through the connection's app (RingCentral),
// or to the token URL the credential carries (a Google key file's `token_uri`). Also the endpoints
// the worker's own requests are kept clear of the header at. Imported by the worker.
import type { TokenIssuer } from '../tokens';
import type { App, Credential } from '../vault/model';

/** Undefined when the kind needs an app and there is none (deleted meanwhile). */
export function tokenIssuerFor(credential: Credential, app: App | undefined): TokenIssuer | undefined {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return app;
    case 'google-service-account':
      return { tokenUrl: credential.tokenUri, provider: 'google' };
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
