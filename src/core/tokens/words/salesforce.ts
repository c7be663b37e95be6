// Salesforce's token endpoint for the JWT bearer flow, in words about the connected app, its
// certificate and the org's users (providers.md, "Salesforce"). Imported by
// src/core/tokens/provider-failure.ts.
import type { ProviderWords } from '../provider-failure';

export const SALESFORCE_WORDS: ProviderWords = {
  name: 'Salesforce',
  refusals: [
    [
      'invalid_grant',
      /approved|approve|pre-?authori/i,
      {
        code: 'NOT_ALLOWED_FOR_APP',
        message:
          'Salesforce says this user has not approved the connected app: in Setup, set the app\'s Permitted Users to "Admin approved users are pre-authorized" and add the user\'s profile or permission set to it.',
      },
    ],
    [
      'invalid_grant',
      /audience/i,
      {
        code: 'GRANT_REJECTED',
        message:
          "Salesforce refused the assertion's audience: the login URL is not where this org logs in. Use https://login.salesforce.com for production, https://test.salesforce.com for a sandbox, or the org's My Domain.",
      },
    ],
    [
      'invalid_grant',
      /expired|time|exp\b/i,
      {
        code: 'GRANT_REJECTED',
        message:
          "Salesforce refused the assertion's expiry: this computer's clock is probably off. Set the clock to the right time, then refresh the connection.",
      },
    ],
    [
      'invalid_grant',
      undefined,
      {
        code: 'GRANT_REJECTED',
        message:
          'Salesforce did not accept the assertion: the key is not the one whose certificate is uploaded to the connected app, or the username is not a user of this org. Check the key and the username.',
      },
    ],
    [
      'invalid_client_id',
      undefined,
      {
        code: 'INVALID_CLIENT',
        message:
          "Salesforce does not know this consumer key: copy it from the connected app (Manage Consumer Details), and check that the login URL is this org's.",
      },
    ],
    [
      'invalid_app_access',
      undefined,
      {
        code: 'NOT_ALLOWED_FOR_APP',
        message:
          "Salesforce does not let this user use the connected app: add the user's profile or permission set to the app's Permitted Users.",
      },
    ],
  ],
  otherwise: {
    code: 'TOKEN_REQUEST_REJECTED',
    message: "Salesforce's token endpoint refused the request. Check the login URL and the consumer key.",
  },
};
