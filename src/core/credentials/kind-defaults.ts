// What new credentials of each kind and their connections start with, apart from the kinds' key
// readers so that the popup's forms can name them without loading jose. Imported by
// src/core/credentials and the popup.
import type { ClientAssertionPreset, ClientSecretPreset } from '../vault/model';

/** Where most Google APIs live: a new connection's API unless the user names another. */
export const GOOGLE_API_BASE_URL = 'https://www.googleapis.com/';
/** The scope a new service account credential starts with: every Cloud API its roles allow. */
export const GOOGLE_DEFAULT_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export const SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';
export const SALESFORCE_TEST_LOGIN_URL = 'https://test.salesforce.com';
/** Where Salesforce's REST, SOAP and Bulk APIs live on an org's instance. */
export const SALESFORCE_API_PATH = '/services/';

/**
 * Whether the login URL is the org's own (My Domain), which is also where its API answers (the
 * `instance_url` of its tokens): a connection's API can start from it. login. and
 * test.salesforce.com name no org.
 */
export function isMyDomain(loginUrl: string): boolean {
  return loginUrl !== SALESFORCE_LOGIN_URL && loginUrl !== SALESFORCE_TEST_LOGIN_URL;
}

/** What the popup calls each authorization server a `private_key_jwt` client may belong to. */
export const CLIENT_ASSERTION_LABELS: Record<ClientAssertionPreset, string> = {
  okta: 'Okta',
  auth0: 'Auth0',
  entra: 'Microsoft Entra',
  other: 'Another server',
};

/** What the popup calls each server a client with a secret may belong to. */
export const CLIENT_SECRET_LABELS: Record<ClientSecretPreset, string> = {
  zoom: 'Zoom server-to-server',
  other: 'Another server',
};

/** Where Zoom's REST API lives: a Zoom connection's API unless the user names another. */
export const ZOOM_API_BASE_URL = 'https://api.zoom.us/v2/';

/** Box's token URL: where a Box app's assertions go unless the user names another. */
export const BOX_TOKEN_URL = 'https://api.box.com/oauth2/token';
/** Where Box's content API lives. */
export const BOX_API_BASE_URL = 'https://api.box.com/2.0/';

export const DOCUSIGN_DEVELOPER_ACCOUNT_SERVER = 'https://account-d.docusign.com';
export const DOCUSIGN_ACCOUNT_SERVER = 'https://account.docusign.com';
/** What a JWT grant needs: to sign, and to act as the user. */
export const DOCUSIGN_SCOPES = ['signature', 'impersonation'] as const;
/** Where a developer account's eSignature API lives; production accounts get theirs from /oauth/userinfo. */
export const DOCUSIGN_DEVELOPER_API_BASE_URL = 'https://demo.docusign.net/restapi/';
