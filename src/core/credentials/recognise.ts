// What kind of credential a pasted or dropped file holds, so that "Add credential" can start from
// what the user has: a Google key file, a Box config.json, a RingCentral JWT or quick start
// `.env`, a Zoom app's `.env`, or a private key (which several kinds sign with: the user picks).
// Only the shape is read — nothing is checked or kept here; the kind's own reader does that.
// Never quotes a value. Imported by the popup.
import type { CredentialKind } from '../vault/model';

export type Recognised =
  | { kind: 'google-service-account' | 'box-jwt'; text: string }
  /** A JWT alone: a RingCentral personal JWT. */
  | { kind: 'ringcentral-jwt'; text: string }
  /** A RingCentral quick start's `.env`: the import reads its app and JWT. */
  | { kind: 'ringcentral-env' }
  | { kind: 'client-secret'; preset: 'zoom'; accountId?: string; clientId?: string; clientSecret?: string }
  /** A private key in a format the vault reads: Salesforce, DocuSign or a private_key_jwt client. */
  | { kind: 'private-key'; text: string }
  | { kind: undefined; problem: string };

/** The kinds a bare private key may be for. */
export const PRIVATE_KEY_KINDS: readonly CredentialKind[] = [
  'salesforce-jwt',
  'docusign-jwt',
  'client-assertion',
];

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function json(text: string): Recognised | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: undefined, problem: 'This JSON is not a credential file.' };
  const fields = value as Record<string, unknown>;
  if (fields.type === 'service_account') return { kind: 'google-service-account', text };
  if ('boxAppSettings' in fields) return { kind: 'box-jwt', text };
  if (typeof fields.kty === 'string' && 'd' in fields) return { kind: 'private-key', text };
  // Google's other credential files (gcloud's, workload identity's): its form says why they hold no key.
  if (typeof fields.type === 'string') return { kind: 'google-service-account', text };
  return {
    kind: undefined,
    problem: 'This JSON is neither a Google key file, a Box config.json nor a private JWK.',
  };
}

/** `NAME=value` lines, quotes taken off; comments and other lines skipped. */
function envValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const raw = match[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    const value = quoted ? quoted[2]! : raw.replace(/\s+#.*$/, '');
    if (value !== '') values.set(match[1]!, value);
  }
  return values;
}

export function recogniseCredentialText(source: string): Recognised {
  const text = source.trim();
  if (text === '') return { kind: undefined, problem: 'The file is empty.' };
  if (text.startsWith('{')) return json(text) ?? { kind: undefined, problem: 'This is not valid JSON.' };
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return { kind: 'private-key', text };
  if (/-----BEGIN /.test(text))
    return {
      kind: undefined,
      problem: 'This PEM file holds no private key (a certificate or a public key?).',
    };
  if (COMPACT_JWS.test(text)) return { kind: 'ringcentral-jwt', text };
  const env = envValues(text);
  if ([...env.keys()].some((name) => /^(RC|RINGCENTRAL)_/.test(name))) return { kind: 'ringcentral-env' };
  if ([...env.keys()].some((name) => name.startsWith('ZOOM_'))) {
    const accountId = env.get('ZOOM_ACCOUNT_ID');
    const clientId = env.get('ZOOM_CLIENT_ID');
    const clientSecret = env.get('ZOOM_CLIENT_SECRET');
    return {
      kind: 'client-secret',
      preset: 'zoom',
      ...(accountId ? { accountId } : {}),
      ...(clientId ? { clientId } : {}),
      ...(clientSecret ? { clientSecret } : {}),
    };
  }
  return {
    kind: undefined,
    problem:
      'The vault does not recognise this file: it takes a Google key file, a Box config.json, a private key, a JWT or a RingCentral or Zoom .env.',
  };
}
