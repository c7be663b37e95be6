// The credential a save describes: the page's input over the stored record, with a pasted key or
// key file read and checked here (the page never holds a stored key). A kind's secret left out of
// an edit keeps the stored one. The vault's validators check the result. Imported by the handlers.
import { readBoxConfig } from '../core/credentials/box';
import { CLIENT_ASSERTION_PRESETS, readClientKey } from '../core/credentials/client-assertion';
import { readDocusignKey } from '../core/credentials/docusign';
import { readServiceAccountKey, storedServiceAccount } from '../core/credentials/google-service-account';
import { FIRST_KIND } from '../core/credentials/kinds';
import { readSalesforceKey } from '../core/credentials/salesforce';
import { InvalidInputError } from '../core/errors';
import { newId } from '../core/ids';
import { certificateThumbprint } from '../core/keys';
import type { Credential, CredentialBase, SigningKeyFields } from '../core/vault/model';
import { parseTokenUrl } from '../core/vault/url-rules';
import type { ClientAssertionInput, CredentialInput } from '../shared/messages';

export async function mergeCredential(
  input: CredentialInput,
  existing: Credential | undefined,
): Promise<Credential> {
  const kind = input.kind ?? existing?.kind ?? FIRST_KIND;
  if (existing && existing.kind !== kind)
    throw new InvalidInputError('A credential keeps its kind: add a new credential for the other kind.');
  const base: CredentialBase = {
    id: existing?.id ?? newId(),
    label: input.label,
    notes: input.notes ?? existing?.notes ?? '',
  };
  switch (input.kind) {
    case undefined:
    case 'ringcentral-jwt': {
      const jwt = input.jwt ?? (existing?.kind === 'ringcentral-jwt' ? existing.jwt : undefined);
      if (jwt === undefined) throw new InvalidInputError('Paste the JWT to add a credential.');
      return { ...base, kind: 'ringcentral-jwt', allowed: input.allowed, jwt };
    }
    case 'google-service-account': {
      const kept = existing?.kind === input.kind ? existing : undefined;
      const account =
        input.keyFile === undefined ? kept : storedServiceAccount(await readServiceAccountKey(input.keyFile));
      if (!account) throw new InvalidInputError('Paste the key file to add a service account.');
      const { clientEmail, privateKeyId, privateKey, keyDescription, keyThumbprint, tokenUri, projectId } =
        account;
      const subject = input.subject?.trim();
      return {
        ...base,
        kind: input.kind,
        clientEmail,
        privateKeyId,
        privateKey,
        keyDescription,
        keyThumbprint,
        tokenUri,
        ...(projectId ? { projectId } : {}),
        scopes: input.scopes,
        ...(subject ? { subject } : {}),
      };
    }
    case 'salesforce-jwt': {
      const key = await keyOf(input, existing, readSalesforceKey);
      return {
        ...base,
        kind: input.kind,
        ...key,
        consumerKey: input.consumerKey,
        username: input.username,
        loginUrl: input.loginUrl,
      };
    }
    case 'client-assertion':
      return {
        ...base,
        kind: input.kind,
        ...(await keyOf(input, existing, readClientKey)),
        ...(await clientFields(input, existing)),
      };
    case 'client-secret': {
      const kept = existing?.kind === input.kind ? existing.clientSecret : undefined;
      const clientSecret = input.clientSecret?.trim() || kept;
      if (!clientSecret) throw new InvalidInputError('Enter the client secret to add this credential.');
      const accountId = input.accountId?.trim();
      return {
        ...base,
        kind: input.kind,
        preset: input.preset,
        clientId: input.clientId,
        clientSecret,
        tokenUrl: input.tokenUrl,
        ...(accountId ? { accountId } : {}),
        scopes: input.scopes,
      };
    }
    case 'docusign-jwt':
      return {
        ...base,
        kind: input.kind,
        ...(await keyOf(input, existing, readDocusignKey)),
        integrationKey: input.integrationKey,
        userId: input.userId,
        accountServer: input.accountServer,
        scopes: input.scopes,
        redirectUri: input.redirectUri,
      };
    case 'box-jwt': {
      const kept = existing?.kind === input.kind ? existing : undefined;
      const config = input.configFile === undefined ? undefined : await readBoxConfig(input.configFile);
      const app = config
        ? {
            ...config.key,
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            publicKeyId: config.publicKeyId,
            enterpriseId: config.enterpriseId,
          }
        : kept;
      if (!app) throw new InvalidInputError("Paste the app's config.json to add a Box credential.");
      const { privateKey, keyDescription, keyThumbprint, clientId, clientSecret, publicKeyId, enterpriseId } =
        app;
      const subject =
        input.subject?.trim() || (input.subjectType === 'enterprise' ? enterpriseId : undefined);
      if (!subject)
        throw new InvalidInputError(
          input.subjectType === 'user'
            ? 'Enter the ID of the user the tokens act as.'
            : 'Enter the enterprise ID: this config.json names none.',
        );
      return {
        ...base,
        kind: input.kind,
        privateKey,
        keyDescription,
        keyThumbprint,
        clientId,
        clientSecret,
        publicKeyId,
        ...(enterpriseId ? { enterpriseId } : {}),
        subjectType: input.subjectType,
        subject,
        tokenUrl: input.tokenUrl,
      };
    }
  }
}

/** The key pasted with the input, or the stored one when none was. */
async function keyOf(
  input: { kind: Credential['kind']; privateKey?: string; passphrase?: string },
  existing: Credential | undefined,
  read: (text: string, passphrase?: string) => Promise<SigningKeyFields>,
): Promise<SigningKeyFields> {
  if (input.privateKey !== undefined) return read(input.privateKey, input.passphrase || undefined);
  if (existing?.kind === input.kind && 'privateKey' in existing) {
    const { privateKey, keyDescription, keyThumbprint } = existing;
    return { privateKey, keyDescription, keyThumbprint };
  }
  throw new InvalidInputError('Paste the private key to add this credential.');
}

/** The preset's audience and key naming, from what the user entered. */
async function clientFields(input: ClientAssertionInput, existing: Credential | undefined) {
  const preset = CLIENT_ASSERTION_PRESETS[input.preset];
  const tokenUrl = parseTokenUrl(input.tokenUrl, 'The token URL');
  const audience = input.preset === 'other' && input.audience ? input.audience : preset.audience(tokenUrl);
  const kept = existing?.kind === 'client-assertion' ? existing.certificateThumbprint : undefined;
  const thumbprint = input.certificate ? await certificateThumbprint(input.certificate) : kept;
  if (preset.keyHeader === 'x5t#S256' && !thumbprint)
    throw new InvalidInputError(
      `${preset.label} names the key by its certificate: paste the certificate uploaded to the app.`,
    );
  const keyId = input.keyId?.trim();
  const apiAudience = input.apiAudience?.trim();
  if (preset.apiAudience && !apiAudience)
    throw new InvalidInputError(
      `${preset.label} issues a token for one API: enter the API's identifier (its audience).`,
    );
  return {
    preset: input.preset,
    clientId: input.clientId,
    tokenUrl,
    audience,
    scopes: input.scopes,
    ...(apiAudience && preset.apiAudience ? { apiAudience } : {}),
    ...(keyId ? { keyId } : {}),
    ...(thumbprint && preset.keyHeader === 'x5t#S256' ? { certificateThumbprint: thumbprint } : {}),
  };
}
