// The crypto layer's public surface, re-exported by name. Imported by src/core and tests.
export { AES_GCM, openBytes, type Sealed, sealBytes } from './aead';
export { DATA_KEY_BYTES, generateDataKey, importDataKey, unwrapDataKey, wrapDataKey } from './data-key';
export { deriveKeyBytes, deriveKeyEncryptionKey, encodePassword, newKdfSettings } from './kdf';
export {
  assertAboveFloor,
  assertDerivable,
  assertWithinCeiling,
  DEFAULT_PRESET,
  KDF_PRESETS,
  KDFS,
  type KdfChoice,
  type KdfParams,
  type KdfPresetId,
  resolveKdfChoice,
  type SaltedKdfParams,
  validateKdfParams,
} from './params';
