// Export a credential for one trusted app: only to an app the credential allows, as a compact
// JWE that only that app's key (or a one-off passphrase) opens. Pure: the worker supplies the
// records and records the returned entry. Imported by the worker.
import { CompactEncrypt } from 'jose';
import { utf8 } from '../crypto/bytes';
import { VaultError } from '../errors';
import { newId } from '../ids';
import { type App, type Credential, DEFAULT_SERVER_URL, type ExportRecord } from '../vault/model';
import {
  DEFAULT_EXPORT_VALIDITY_SECONDS,
  EXPORT_CONTENT_TYPE,
  EXPORT_FORMAT_VERSION,
  EXPORT_KIND,
  type ExportPayload,
  MAX_EXPORT_VALIDITY_SECONDS,
  PROTECTIONS,
} from './format';
import { generatePassphrase } from './passphrase';
import { parseRecipientKey } from './recipient-key';

export interface ExportRecipient {
  clientId: string;
  /** The registered app's name, when the client ID is registered in this vault. */
  name?: string;
}

export type ExportProtection = { kind: 'public-key'; jwk: string } | { kind: 'passphrase' };

export interface ExportRequest {
  credential: Credential;
  apps: App[];
  recipientClientId: string;
  protection: ExportProtection;
  validitySeconds?: number;
}

export interface ExportResult {
  jwe: string;
  /** Only for the passphrase protection: shown once, never stored. */
  passphrase?: string;
  /** A file name that says what it is: `<label>-for-<client id>.jwe`. */
  fileName: string;
  record: ExportRecord;
}

function fileName(label: string, clientId: string): string {
  const safe = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'credential';
  return `${safe(label)}-for-${safe(clientId)}.jwe`;
}

/**
 * The apps a credential may be exported to: with "all apps of my organization", the apps
 * registered here; with "only specific apps", its client IDs.
 */
export function exportRecipients(credential: Credential, apps: App[]): ExportRecipient[] {
  // Exports go to an app the credential allows: a kind with no app has no one to export to.
  if (credential.kind !== 'ringcentral-jwt') return [];
  const names = new Map(apps.map((app) => [app.clientId, app.name]));
  const clientIds =
    credential.allowed.kind === 'organization'
      ? apps.map((app) => app.clientId)
      : credential.allowed.clientIds;
  return clientIds.map((clientId) => {
    const name = names.get(clientId);
    return name === undefined ? { clientId } : { clientId, name };
  });
}

function validity(seconds: number | undefined): number {
  const value = seconds ?? DEFAULT_EXPORT_VALIDITY_SECONDS;
  if (!Number.isInteger(value) || value < 60 || value > MAX_EXPORT_VALIDITY_SECONDS) {
    throw new VaultError('INVALID_INPUT', 'An export is valid for between one minute and 30 days.');
  }
  return value;
}

export async function exportCredential(request: ExportRequest, now = Date.now()): Promise<ExportResult> {
  const { credential, apps, recipientClientId } = request;
  if (credential.kind !== 'ringcentral-jwt') {
    throw new VaultError(
      'NOT_ALLOWED',
      `The credential "${credential.label}" is not exported: exports go to an app the credential allows, and this kind uses none.`,
    );
  }
  if (!exportRecipients(credential, apps).some((r) => r.clientId === recipientClientId)) {
    throw new VaultError(
      'NOT_ALLOWED',
      `The credential "${credential.label}" does not allow the app with client ID "${recipientClientId}": ` +
        'it cannot be exported to it.',
    );
  }
  const seconds = validity(request.validitySeconds);
  const iat = Math.floor(now / 1000);
  const payload: ExportPayload = {
    v: EXPORT_FORMAT_VERSION,
    kind: EXPORT_KIND,
    label: credential.label,
    jwt: credential.jwt,
    serverUrl: apps.find((app) => app.clientId === recipientClientId)?.serverUrl ?? DEFAULT_SERVER_URL,
    aud: recipientClientId,
    allowed: credential.allowed.kind === 'organization' ? 'organization' : [...credential.allowed.clientIds],
    iat,
    exp: iat + seconds,
    jti: newId(),
  };
  const plaintext = utf8(JSON.stringify(payload));
  const name = fileName(credential.label, recipientClientId);
  const record: ExportRecord = {
    id: payload.jti,
    at: now,
    credentialId: credential.id,
    credentialLabel: credential.label,
    recipientClientId,
    protection: 'passphrase',
    expiresAt: payload.exp * 1000,
  };

  if (request.protection.kind === 'passphrase') {
    const { alg, enc, p2c } = PROTECTIONS.passphrase;
    const passphrase = generatePassphrase();
    const jwe = await new CompactEncrypt(plaintext)
      .setProtectedHeader({ alg, enc, cty: EXPORT_CONTENT_TYPE })
      .setKeyManagementParameters({ p2c })
      .encrypt(utf8(passphrase));
    return { jwe, passphrase, fileName: name, record };
  }

  const recipient = await parseRecipientKey(request.protection.jwk);
  const { alg, enc } = PROTECTIONS[recipient.protection];
  const jwe = await new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg, enc, kid: recipient.thumbprint, cty: EXPORT_CONTENT_TYPE })
    .encrypt(recipient.key);
  return {
    jwe,
    fileName: name,
    record: { ...record, protection: recipient.protection, keyThumbprint: recipient.thumbprint },
  };
}
