// Google's token endpoint for service accounts, in words about the key file and the Cloud
// console (providers.md, "Google service account"). Imported by src/core/tokens/provider-failure.ts.
import type { ProviderWords } from '../provider-failure';

export const GOOGLE_WORDS: ProviderWords = {
  name: 'Google',
  refusals: [
    [
      'invalid_grant',
      /invalid jwt signature/i,
      {
        code: 'GRANT_REJECTED',
        message:
          "Google did not accept the key's signature: this key was deleted or disabled in the Cloud console, or it is not this account's. Create a new key for the service account and replace the key file.",
      },
    ],
    [
      'invalid_grant',
      /account not found|disabled/i,
      {
        code: 'GRANT_REJECTED',
        message:
          'Google does not know this service account: it was deleted or disabled, or the key file comes from another project. Download a key file of an active service account.',
      },
    ],
    [
      'invalid_grant',
      /audience/i,
      {
        code: 'GRANT_REJECTED',
        message:
          'Google refused the assertion\'s audience: the key file\'s "token_uri" is not the token URL it was posted to. Use the key file as the console downloaded it.',
      },
    ],
    [
      'invalid_grant',
      /timeframe|short-lived/i,
      {
        code: 'GRANT_REJECTED',
        message:
          "Google refused the assertion's times: this computer's clock is probably off. Set the clock to the right time, then refresh the connection.",
      },
    ],
    [
      'invalid_grant',
      undefined,
      {
        code: 'GRANT_REJECTED',
        message:
          'Google refused the signed assertion. Check the key file, or create a new key and replace it.',
      },
    ],
    [
      'invalid_scope',
      undefined,
      {
        code: 'TOKEN_REQUEST_REJECTED',
        message:
          "Google refused the scopes: each must be a scope URL such as https://www.googleapis.com/auth/cloud-platform. Edit the credential's scopes.",
      },
    ],
    [
      'unauthorized_client',
      undefined,
      {
        code: 'NOT_ALLOWED_FOR_APP',
        message:
          'Google does not let this service account act as that user with these scopes: a Workspace admin must grant domain-wide delegation to its client ID, or remove the user to act as.',
      },
    ],
  ],
  otherwise: {
    code: 'TOKEN_REQUEST_REJECTED',
    message: "Google's token endpoint refused the request. Check the key file's token URL.",
  },
};
