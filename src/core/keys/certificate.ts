// The SHA-256 thumbprint of an X.509 certificate, as Entra's `x5t#S256` header names the key an
// assertion is signed with: base64url of the SHA-256 of the certificate's DER. The certificate is
// the public half uploaded to the app; nothing secret passes here. Imported by src/core/credentials.
import { base64url } from 'jose';
import { InvalidInputError } from '../errors';
import { pemBlocks } from './pem';

export async function certificateThumbprint(pem: string): Promise<string> {
  const blocks = pemBlocks(pem.trim());
  const certificate = blocks.find((block) => block.label === 'CERTIFICATE');
  if (!certificate?.der) {
    throw new InvalidInputError(
      blocks.some((block) => /PRIVATE KEY$/.test(block.label))
        ? 'This is a private key: paste the certificate uploaded to the app (its .cer or .pem file).'
        : 'Paste the certificate uploaded to the app, from "-----BEGIN CERTIFICATE-----" to its END line.',
    );
  }
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', certificate.der)));
}
