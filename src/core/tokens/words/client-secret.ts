// The token endpoints of clients that authenticate with a secret: Zoom's server-to-server apps,
// and any other server's client credentials grant, in words about the app's credentials page
// (providers.md, "Client credentials with a secret"). Zoom says why in `reason`, which the mapper
// reads where `error_description` is absent. Imported by src/core/tokens/provider-failure.ts.
import type { ProviderWords } from '../provider-failure';

export const ZOOM_WORDS: ProviderWords = {
  name: 'Zoom',
  refusals: [
    [
      'invalid_client',
      /disabled|deactivated/i,
      {
        code: 'INVALID_CLIENT',
        message:
          'Zoom says this app is deactivated: activate it again in the App Marketplace (Manage → the app → Activation).',
      },
    ],
    [
      'invalid_client',
      undefined,
      {
        code: 'INVALID_CLIENT',
        message:
          "Zoom did not accept the client ID and secret: copy them again from the app's App Credentials page (a regenerated secret replaces the old one).",
      },
    ],
    [
      'invalid_request',
      /account/i,
      {
        code: 'TOKEN_REQUEST_REJECTED',
        message: "Zoom does not know this account ID: copy it from the app's App Credentials page.",
      },
    ],
    [
      'unsupported_grant_type',
      undefined,
      {
        code: 'TOKEN_REQUEST_REJECTED',
        message: 'Zoom refused the grant: the app must be a Server-to-Server OAuth app.',
      },
    ],
  ],
  otherwise: {
    code: 'TOKEN_REQUEST_REJECTED',
    message: "Zoom's token endpoint refused the request. Check the account ID and the token URL.",
  },
};

export const CLIENT_SECRET_WORDS: ProviderWords = {
  name: 'The authorization server',
  refusals: [
    [
      'invalid_client',
      undefined,
      {
        code: 'INVALID_CLIENT',
        message:
          "The authorization server did not accept the client ID and secret: copy them again from the client's settings.",
      },
    ],
    [
      'invalid_scope',
      undefined,
      {
        code: 'TOKEN_REQUEST_REJECTED',
        message:
          "The authorization server refused the scopes: check them against its documentation and edit the credential's scopes.",
      },
    ],
    [
      'unauthorized_client',
      undefined,
      {
        code: 'NOT_ALLOWED_FOR_APP',
        message:
          'The authorization server does not let this client use the client credentials grant: allow that grant for the client.',
      },
    ],
  ],
  otherwise: {
    code: 'TOKEN_REQUEST_REJECTED',
    message:
      "The authorization server's token endpoint refused the request. Check the token URL and the client ID.",
  },
};
