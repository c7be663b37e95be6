// The vault's public surface, re-exported by name. Imported by the worker and tests.
export { ActivityHistory, type OlderActivity } from './activity-history';
export { changePassword } from './change-password';
export { createVault } from './create-vault';
export { DEFAULT_DB_NAME, openVaultDb, type VaultDb } from './db';
export { parseHeader, readHeader, type VaultHeader, vaultExists } from './header';
export {
  enrolPasskey,
  listPasskeys,
  newPrfSalt,
  type PasskeyChallenge,
  type PasskeyView,
  passkeyChallenges,
  removePasskey,
  unlockWithPasskey,
} from './passkeys';
export { assertNewPassword, MIN_PASSWORD_LENGTH } from './password-policy';
export { VaultRecords } from './records';
export { credentialAllowsApp } from './relations';
export { unlockVault } from './unlock-vault';
export { isLocalHost } from './url-rules';
export { validateApp, validateConnection, validateCredential, validateSettings } from './validate';
