// The trusted-app export: re-exports only.

export {
  type ExportProtection,
  type ExportRecipient,
  type ExportRequest,
  type ExportResult,
  exportCredential,
  exportRecipients,
} from './export-credential';
export { type ExportPayload, PROTECTIONS, type ProtectionKind } from './format';
export { generatePassphrase } from './passphrase';
export { parseRecipientKey, type RecipientKey } from './recipient-key';
