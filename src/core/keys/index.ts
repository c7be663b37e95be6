// Signing keys as users have them. The room's public face; its modules are internal.
export { certificateThumbprint } from './certificate';
export { MAX_KEY_ITERATIONS } from './encrypted-pkcs8';
export {
  MIN_RSA_BITS,
  type PrivateKey,
  pkcs8Pem,
  readPrivateKey,
  type SigningAlg,
  storedSigningKey,
} from './private-key';
export { type AssertionHeader, signJwt } from './sign';
