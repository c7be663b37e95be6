// What the vault keeps of a private key a credential signs with: the key as PKCS#8 PEM (the
// secret) and what the popup may show of it. Shared by every kind that signs its own assertions.
// Imported by src/core/credentials.
import { type PrivateKey, pkcs8Pem } from '../keys';
import type { SigningKeyFields } from '../vault/model';

export function storedKeyFields(key: PrivateKey): SigningKeyFields {
  return {
    privateKey: pkcs8Pem(key),
    keyDescription: key.description,
    keyThumbprint: key.thumbprint,
  };
}

/** A random `jti`: the providers that ask for one refuse an assertion whose `jti` they have seen. */
export function assertionId(): string {
  return crypto.randomUUID();
}
