// DocuSign's token endpoint for the JWT grant, in words about the integration (Apps and Keys),
// its RSA keys, the user's consent and the account server (providers.md, "DocuSign"). DocuSign
// names its refusals in `error_description` (`issuer_not_found`, `no_valid_keys_or_signatures`,
// `user_not_found`), and asks for consent with `consent_required`: that explanation offers the
// consent page. Imported by src/core/tokens/provider-failure.ts.
import type { ProviderWords } from '../provider-failure';

export const DOCUSIGN_WORDS: ProviderWords = {
  name: 'DocuSign',
  refusals: [
    [
      'consent_required',
      undefined,
      {
        code: 'CONSENT_REQUIRED',
        message:
          'DocuSign needs the user to consent to this integration, once: open the consent page, sign in as the user and accept. Then click Refresh now.',
        consentLink: 'Give consent at DocuSign',
      },
    ],
    [
      'invalid_grant',
      /issuer_not_found/,
      {
        code: 'INVALID_CLIENT',
        message:
          'DocuSign does not know this integration key on this account server: check the key (Apps and Keys), and that the account server is where it lives (account-d.docusign.com for developer accounts).',
      },
    ],
    [
      'invalid_grant',
      /no_valid_keys_or_signatures/,
      {
        code: 'GRANT_REJECTED',
        message:
          "DocuSign did not accept the assertion's signature or times: the key is not one of this integration's RSA keys (Apps and Keys), or this computer's clock is off.",
      },
    ],
    [
      'invalid_grant',
      /user_not_found/,
      {
        code: 'GRANT_REJECTED',
        message:
          "DocuSign does not know this user ID: use the user's API Username (a GUID) from Apps and Keys.",
      },
    ],
    [
      'invalid_grant',
      undefined,
      {
        code: 'GRANT_REJECTED',
        message: 'DocuSign refused the signed assertion. Check the integration key, the user ID and the key.',
      },
    ],
  ],
  otherwise: {
    code: 'TOKEN_REQUEST_REJECTED',
    message: "DocuSign's token endpoint refused the request. Check the account server.",
  },
};
