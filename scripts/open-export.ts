// Opens a JWT Vault export the way a trusted app would, with jose alone, and checks it is meant
// for this app and still valid. Usage:
//   npm run open-export -- FILE --client-id ID (--key JWK_FILE_OR_JSON | --passphrase PASSPHRASE)
// Prints the payload as JSON. Exit codes: 0 opened, 1 cannot decrypt (wrong key or passphrase,
// or the file was altered), 2 usage, 3 not a JWT Vault export, 4 expired, 5 for another app.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compactDecrypt, decodeProtectedHeader, importJWK, type JWK } from 'jose';

export const EXIT = { opened: 0, decrypt: 1, usage: 2, format: 3, expired: 4, audience: 5 } as const;

export class OpenExportError extends Error {
  constructor(
    readonly exit: (typeof EXIT)[keyof typeof EXIT],
    message: string,
  ) {
    super(message);
  }
}

export type Secret = { key: JWK } | { passphrase: string };

export interface OpenedExport {
  v: number;
  kind: string;
  label: string;
  jwt: string;
  serverUrl: string;
  aud: string;
  allowed: 'organization' | string[];
  iat: number;
  exp: number;
  jti: string;
}

// The algorithms a JWT Vault export may use; anything else is refused before decrypting.
const KEY_ALGORITHMS = ['ECDH-ES+A256KW', 'RSA-OAEP-256'];
const PASSPHRASE_ALGORITHM = 'PBES2-HS512+A256KW';
// Exports use 600,000 PBES2 iterations; jose allows 10,000 unless told otherwise. Refuse far
// more, so a forged file cannot make us spin.
const MAX_PBES2_COUNT = 1_000_000;

export async function openExport(
  jwe: string,
  secret: Secret,
  clientId: string,
  now: number = Date.now(),
): Promise<OpenedExport> {
  try {
    decodeProtectedHeader(jwe);
  } catch {
    throw new OpenExportError(EXIT.format, 'This is not a JWT Vault export (not a compact JWE).');
  }
  let plaintext: Uint8Array;
  try {
    if ('passphrase' in secret) {
      ({ plaintext } = await compactDecrypt(jwe, new TextEncoder().encode(secret.passphrase), {
        keyManagementAlgorithms: [PASSPHRASE_ALGORITHM],
        contentEncryptionAlgorithms: ['A256GCM'],
        maxPBES2Count: MAX_PBES2_COUNT,
      }));
    } else {
      const alg = secret.key.kty === 'EC' ? 'ECDH-ES+A256KW' : 'RSA-OAEP-256';
      ({ plaintext } = await compactDecrypt(jwe, await importJWK(secret.key, alg), {
        keyManagementAlgorithms: KEY_ALGORITHMS,
        contentEncryptionAlgorithms: ['A256GCM'],
      }));
    }
  } catch {
    // AES-GCM cannot tell a wrong key from altered bytes, and should not try: both fail here.
    throw new OpenExportError(
      EXIT.decrypt,
      'Cannot decrypt: the key or passphrase is wrong, or the file was altered.',
    );
  }
  let payload: OpenedExport;
  try {
    payload = JSON.parse(new TextDecoder().decode(plaintext));
  } catch {
    throw new OpenExportError(EXIT.format, 'The export decrypted but holds no JSON payload.');
  }
  if (payload.v !== 1 || payload.kind !== 'ringcentral-jwt-credential' || typeof payload.jwt !== 'string') {
    throw new OpenExportError(EXIT.format, 'This export has a format this script does not know.');
  }
  if (payload.aud !== clientId) {
    throw new OpenExportError(
      EXIT.audience,
      `This export is for the app "${payload.aud}", not "${clientId}".`,
    );
  }
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= now) {
    throw new OpenExportError(
      EXIT.expired,
      `This export expired at ${new Date(payload.exp * 1000).toISOString()}.`,
    );
  }
  return payload;
}

async function readKey(value: string): Promise<JWK> {
  const text = value.trim().startsWith('{') ? value : await readFile(value, 'utf8');
  return JSON.parse(text) as JWK;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { key: { type: 'string' }, passphrase: { type: 'string' }, 'client-id': { type: 'string' } },
  });
  const [file] = positionals;
  const clientId = values['client-id'];
  if (!file || !clientId || (values.key === undefined) === (values.passphrase === undefined)) {
    process.stderr.write(
      'Usage: npm run open-export -- FILE --client-id ID (--key JWK_FILE_OR_JSON | --passphrase PASSPHRASE)\n',
    );
    return EXIT.usage;
  }
  const secret: Secret =
    values.passphrase !== undefined
      ? { passphrase: values.passphrase }
      : { key: await readKey(values.key ?? '') };
  try {
    const payload = await openExport((await readFile(file, 'utf8')).trim(), secret, clientId);
    process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
    return EXIT.opened;
  } catch (error) {
    if (!(error instanceof OpenExportError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return error.exit;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
