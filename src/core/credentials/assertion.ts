// The assertion a token request carries for a credential, by its kind: the JWT a RingCentral
// credential stores, or one a Google service account signs with its key at that moment (it
// claims an hour at most, so each request signs its own). Imported by the worker.
import type { Credential } from '../vault/model';
import { storedAccountAssertion } from './google-service-account';

export async function assertionFor(credential: Credential, nowMs: number): Promise<string> {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return credential.jwt;
    case 'google-service-account':
      return storedAccountAssertion(credential, nowMs);
  }
}
