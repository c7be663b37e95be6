// Recognising what a pasted or dropped file holds, for "Add credential": each kind's file, a
// private key left for the user to place, and a file it does not know, named without its values.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseCredentialText } from '../../../../src/core/credentials/recognise';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../fixtures/keys', name), 'utf8');
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl';

describe('recognising a credential file', () => {
  it.each<[string, string, string]>([
    ['a Google key file', fixture('google-service-account.json'), 'google-service-account'],
    [
      "gcloud's user credentials (Google's form explains them)",
      '{"type":"authorized_user"}',
      'google-service-account',
    ],
    ["a Box app's config.json", '{"boxAppSettings":{"clientID":"x"},"enterpriseID":"1"}', 'box-jwt'],
    ['a PKCS#1 key', fixture('rsa-2048-pkcs1.pem'), 'private-key'],
    ['an encrypted PKCS#8 key', fixture('rsa-2048-encrypted-aes256-sha256.pem'), 'private-key'],
    ['a private JWK', fixture('rsa-2048.jwk.json'), 'private-key'],
    ['a JWT alone', `  ${JWT}\n`, 'ringcentral-jwt'],
    [
      "a RingCentral quick start's .env",
      `RC_SERVER_URL=https://platform.ringcentral.com\nRC_JWT=${JWT}\n`,
      'ringcentral-env',
    ],
  ])('knows %s', (_name, text, kind) => {
    expect(recogniseCredentialText(text).kind).toBe(kind);
  });

  it("fills a Zoom app's .env into its account, client ID and secret", () => {
    const env =
      '# Zoom\nZOOM_ACCOUNT_ID=acc-1\nexport ZOOM_CLIENT_ID="client-1"\nZOOM_CLIENT_SECRET=s3cret # kept\n';
    expect(recogniseCredentialText(env)).toEqual({
      kind: 'client-secret',
      preset: 'zoom',
      accountId: 'acc-1',
      clientId: 'client-1',
      clientSecret: 's3cret',
    });
  });

  it.each<[string, string, string]>([
    ['a certificate', fixture('rsa-2048-certificate.pem'), 'holds no private key'],
    ['a public JWK', fixture('rsa-2048.public.jwk.json'), 'neither a Google key file'],
    ['broken JSON', '{"type": ', 'not valid JSON'],
    ['anything else', 'password=hunter2-canary', 'does not recognise this file'],
  ])('says what it cannot use in %s, without quoting it', (_name, text, phrase) => {
    const found = recogniseCredentialText(text);
    expect(found.kind).toBeUndefined();
    if (found.kind !== undefined) return;
    expect(found.problem).toContain(phrase);
    expect(found.problem).not.toContain('hunter2');
  });
});
