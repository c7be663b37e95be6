// The assertion a token request carries for a credential, by its kind. Today's one kind sends the
// JWT it stores; a kind that holds a key signs its assertion here. Imported by the worker.
import type { Credential } from '../vault/model';

export async function assertionFor(credential: Credential): Promise<string> {
  switch (credential.kind) {
    case 'ringcentral-jwt':
      return credential.jwt;
  }
}
