// The token endpoints of clients that authenticate with a signed assertion (`private_key_jwt`):
// Okta, Auth0, Microsoft Entra, and any other authorization server, in words about the client
// and the key registered for it (providers.md, "Client assertions"). The servers share RFC 6749's
// error codes, so one table serves them all, named for each; Entra's AADSTS numbers pick its
// refusals apart. Imported by src/core/tokens/provider-failure.ts.
import type { Explanation, ProviderWords } from '../provider-failure';
import type { TokenProvider } from '../types';

type Refusal = ProviderWords['refusals'][number];

function wordsFor(name: string, scopeHint: string): ProviderWords {
  const signature: Explanation = {
    code: 'GRANT_REJECTED',
    message: `${name} did not accept the assertion's signature: the key, its key ID or its certificate is not the one registered for this client. Register this key's public half (or certificate) for the client, or replace the key.`,
  };
  const refusals: Refusal[] = [
    [
      undefined,
      /deactivated|disabled|inactive|AADSTS7000112/i,
      {
        code: 'INVALID_CLIENT',
        message: `${name} says this client is deactivated: activate it again, or use another client.`,
      },
    ],
    ['invalid_client', /signature|certificate|x5t|kid|key|AADSTS700027/i, signature],
    [
      'invalid_client',
      /audience|\baud\b|AADSTS700212/i,
      {
        code: 'GRANT_REJECTED',
        message: `${name} refused the assertion's audience: the token URL is not the one it was posted to. Copy the token URL from the authorization server's settings.`,
      },
    ],
    [
      'invalid_client',
      // Not /time/: Entra ends every description with a "Timestamp:".
      /expire|expiration|jti|replay|\btime\b|time range|AADSTS700024/i,
      {
        code: 'GRANT_REJECTED',
        message: `${name} refused the assertion's times: this computer's clock is probably off. Set the clock to the right time, then refresh the connection.`,
      },
    ],
    [
      'invalid_client',
      undefined,
      {
        code: 'INVALID_CLIENT',
        message: `${name} does not know this client, or it does not authenticate with a signed assertion: check the client ID and that the client is set to use a public key (private_key_jwt).`,
      },
    ],
    [
      undefined,
      /AADSTS700016|not found in the directory/i,
      {
        code: 'INVALID_CLIENT',
        message: `${name} does not know this client in this tenant: check the client ID (the app's Application ID) and the tenant in the token URL.`,
      },
    ],
    [
      'invalid_scope',
      undefined,
      { code: 'TOKEN_REQUEST_REJECTED', message: `${name} refused the scopes: ${scopeHint}` },
    ],
    [
      'access_denied',
      /service not enabled|audience|api/i,
      {
        code: 'NOT_ALLOWED_FOR_APP',
        message: `${name} does not know the API this token is asked for, or has not authorized the client for it: check the API audience, and authorize the client for that API.`,
      },
    ],
    [
      'access_denied',
      undefined,
      {
        code: 'NOT_ALLOWED_FOR_APP',
        message: `${name} denied this client a token: grant it access to the API.`,
      },
    ],
    [
      'unauthorized_client',
      undefined,
      {
        code: 'NOT_ALLOWED_FOR_APP',
        message: `${name} does not let this client use the client credentials grant: allow that grant for the client.`,
      },
    ],
  ];
  return {
    name,
    refusals,
    otherwise: {
      code: 'TOKEN_REQUEST_REJECTED',
      message: `${name}'s token endpoint refused the request. Check the token URL and the client ID.`,
    },
  };
}

export const CLIENT_ASSERTION_WORDS: Record<
  Extract<TokenProvider, 'okta' | 'auth0' | 'entra' | 'oauth'>,
  ProviderWords
> = {
  okta: wordsFor(
    'Okta',
    "each must be a scope the authorization server defines (Security → API → Scopes). Edit the credential's scopes.",
  ),
  auth0: wordsFor(
    'Auth0',
    "each must be a permission the API defines and has granted this client. Edit the credential's scopes.",
  ),
  entra: wordsFor(
    'Microsoft Entra',
    "for client credentials the scope is an API's identifier followed by /.default, such as https://graph.microsoft.com/.default. Edit the credential's scopes.",
  ),
  oauth: wordsFor(
    'The authorization server',
    "check them against the server's documentation and edit the credential's scopes.",
  ),
};
