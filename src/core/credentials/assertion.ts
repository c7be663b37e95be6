// The assertion a token request carries for a credential, by its kind: the JWT a RingCentral
// credential stores, or one the credential signs with its key at that moment (each claims minutes
// to an hour at most, so each request signs its own); none for a client with a secret.
// Imported by the worker.
import type { Credential } from '../vault/model';
import { storedBoxAssertion } from './box';
import { storedClientAssertion } from './client-assertion';
import { storedDocusignAssertion } from './docusign';
import { storedAccountAssertion } from './google-service-account';
import { storedSalesforceAssertion } from './salesforce';

export async function assertionFor(credential: Credential, nowMs: number): Promise<string | undefined> {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return credential.jwt;
    case 'google-service-account':
      return storedAccountAssertion(credential, nowMs);
    case 'salesforce-jwt':
      return storedSalesforceAssertion(credential, nowMs);
    case 'client-assertion':
      return storedClientAssertion(credential, nowMs);
    case 'client-secret':
      return undefined;
    case 'box-jwt':
      return storedBoxAssertion(credential, nowMs);
    case 'docusign-jwt':
      return storedDocusignAssertion(credential, nowMs);
  }
}
