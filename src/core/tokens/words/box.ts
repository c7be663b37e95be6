// Box's token endpoint for JWT server authentication, in words about the app's config.json, its
// public keys and the enterprise's admin (providers.md, "Box"). Box names the claim it refused in
// `error_description` ("Please check the 'sub' claim."). Imported by src/core/tokens/provider-failure.ts.
import type { ProviderWords } from '../provider-failure';

const clientRefused = {
  code: 'INVALID_CLIENT',
  message:
    "Box did not accept the app's client ID and secret: the secret was reset, or the app was deleted. Download the config.json again and replace it.",
} as const;

const clock = {
  code: 'GRANT_REJECTED',
  message:
    "Box refused the assertion's expiry or ID: this computer's clock is probably off. Set the clock to the right time, then refresh the connection.",
} as const;

export const BOX_WORDS: ProviderWords = {
  name: 'Box',
  refusals: [
    ['invalid_client', undefined, clientRefused],
    ['invalid_grant', /'iss'/, clientRefused],
    [
      'invalid_grant',
      /signature|kid|public key/i,
      {
        code: 'GRANT_REJECTED',
        message:
          "Box did not accept the assertion's signature: the public key with this ID was removed from the app, or is not this key's. Add a key pair in the app's Configuration tab and replace the config.json.",
      },
    ],
    [
      'invalid_grant',
      /'aud'|audience/i,
      {
        code: 'GRANT_REJECTED',
        message:
          "Box refused the assertion's audience: the token URL is not Box's. Use https://api.box.com/oauth2/token.",
      },
    ],
    ['invalid_grant', /'exp'|'jti'|expired/i, clock],
    [
      'invalid_grant',
      /'sub'|box_sub_type/i,
      {
        code: 'GRANT_REJECTED',
        message:
          'Box does not know the enterprise or user the tokens are asked for, or the app is not authorized there: check the enterprise or user ID.',
      },
    ],
    [
      'unauthorized_client',
      undefined,
      {
        code: 'NOT_ALLOWED_FOR_APP',
        message:
          "The enterprise's admin has not authorized this app: in the Admin Console, Integrations → Platform Apps Manager, authorize it with its client ID.",
      },
    ],
  ],
  otherwise: {
    code: 'TOKEN_REQUEST_REJECTED',
    message: "Box's token endpoint refused the request. Check the config.json and the token URL.",
  },
};
