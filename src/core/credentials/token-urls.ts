// Where a credential's own token requests go, by kind, from the fields pages see too (no secret
// needed): a key file's token_uri, a login URL's or account server's token endpoint, a token URL
// as entered. None for a kind whose tokens come through an app. One place for it: the issuer, the
// confirmed destinations and the host access a connection asks for all read it. Imported by core
// and the popup.
import type {
  BoxJwtCredential,
  ClientAssertionCredential,
  ClientSecretCredential,
  DocusignJwtCredential,
  GoogleServiceAccountCredential,
  RingCentralJwtCredential,
  SalesforceJwtCredential,
} from '../vault/model';

export type TokenUrlFields =
  | Pick<RingCentralJwtCredential, 'kind'>
  | Pick<GoogleServiceAccountCredential, 'kind' | 'tokenUri'>
  | Pick<SalesforceJwtCredential, 'kind' | 'loginUrl'>
  | Pick<ClientAssertionCredential | ClientSecretCredential | BoxJwtCredential, 'kind' | 'tokenUrl'>
  | Pick<DocusignJwtCredential, 'kind' | 'accountServer'>;

export function salesforceTokenUrl(loginUrl: string): string {
  return `${loginUrl}/services/oauth2/token`;
}

export function docusignTokenUrl(accountServer: string): string {
  return `${accountServer}/oauth/token`;
}

export function ownTokenUrl(credential: TokenUrlFields): string | undefined {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return undefined;
    case 'google-service-account':
      return credential.tokenUri;
    case 'salesforce-jwt':
      return salesforceTokenUrl(credential.loginUrl);
    case 'docusign-jwt':
      return docusignTokenUrl(credential.accountServer);
    case 'client-assertion':
    case 'client-secret':
    case 'box-jwt':
      return credential.tokenUrl;
  }
}
