// The WebAuthn ceremonies of passkey unlock, run in the extension's own page (its origin is the
// relying party): creating a passkey with the PRF extension and evaluating its salt, and, at
// unlock, asking the authenticator to evaluate the enrolled passkeys' salts. What comes back is
// sent to the worker, which alone holds or opens the wraps. Only the PRF output matters: the
// vault verifies no signature, the output either opens a wrap or it does not.
import { type Bytes, fromBase64, randomBytes, toBase64 } from '../core/crypto/bytes';
import { VaultError } from '../core/errors';
import type { VaultClient } from '../shared/client';
import type { PasskeyAnswer } from '../shared/messages';

/** Bytes the worker sent as base64 (a salt), or an id as WebAuthn spells it (base64url). */
function decoded(text: string, url = false): Bytes {
  const standard = url ? text.replace(/-/g, '+').replace(/_/g, '/') : text;
  const bytes = fromBase64(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  if (!bytes) throw new VaultError('INTEGRITY', 'A passkey record of this vault is damaged.');
  return bytes;
}

const TIMEOUT_MS = 120_000;

function unavailable(message: string): VaultError {
  return new VaultError('PASSKEY_UNAVAILABLE', message);
}

/** Whether this browser can try: WebAuthn with the PRF extension (undefined: it does not say). */
export async function passkeySupport(): Promise<{ supported: boolean; why?: string }> {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) {
    return { supported: false, why: 'This browser offers no passkeys to extensions.' };
  }
  const capabilities = await PublicKeyCredential.getClientCapabilities?.().catch(() => undefined);
  if (capabilities && capabilities['extension:prf'] === false) {
    return { supported: false, why: 'This browser cannot derive a key from a passkey (no PRF extension).' };
  }
  return { supported: true };
}

/** A cancelled or timed-out dialog, or no authenticator, in words. */
function ceremonyError(error: unknown): VaultError {
  if (error instanceof VaultError) return error;
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError')
    return unavailable('The passkey was not used: the dialog was closed or timed out.');
  if (name === 'InvalidStateError') return unavailable('This passkey is already enrolled.');
  return unavailable('The browser could not use a passkey here.');
}

/** The PRF output for the first salt, as bytes; undefined when the authenticator gave none. */
function prfFirst(credential: PublicKeyCredential): Uint8Array | undefined {
  const first = credential.getClientExtensionResults().prf?.results?.first;
  if (!first) return undefined;
  return ArrayBuffer.isView(first)
    ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength)
    : new Uint8Array(first);
}

/** A passkey's id and its salt, as the worker lists them (`passkeys.challenges`). */
interface Challenge {
  credentialId: string;
  prfSalt: string;
}

/** One evaluation of a salt by passkeys allowed for it: which passkey answered, and its output. */
async function evaluate(challenges: readonly Challenge[]): Promise<PasskeyAnswer> {
  const credential = (await navigator.credentials.get({
    publicKey: {
      // Nothing verifies the assertion: a challenge is required, its value is not used.
      challenge: randomBytes(32),
      allowCredentials: challenges.map((c) => ({ type: 'public-key', id: decoded(c.credentialId, true) })),
      userVerification: 'required',
      timeout: TIMEOUT_MS,
      extensions: {
        prf: {
          evalByCredential: Object.fromEntries(
            challenges.map((c) => [c.credentialId, { first: decoded(c.prfSalt) }]),
          ),
        },
      },
    },
  })) as PublicKeyCredential | null;
  if (!credential) throw unavailable('No passkey answered.');
  const output = prfFirst(credential);
  if (!output) throw unavailable('This authenticator cannot derive a key (it has no PRF): use another one.');
  return { credentialId: credential.id, prfOutput: toBase64(output) };
}

/**
 * Asks the authenticator for one of the vault's passkeys (user verification required): the
 * answer that unlocks the vault, or confirms a sensitive action while it is open.
 */
export async function askPasskey(client: VaultClient): Promise<PasskeyAnswer> {
  const challenges = await client.call('passkeys.challenges', {});
  try {
    return await evaluate(challenges);
  } catch (error) {
    throw ceremonyError(error);
  }
}

/**
 * Creates a passkey for this vault and evaluates a new random salt with it. Authenticators that
 * give no PRF output at creation are asked once more, for that passkey alone.
 */
export async function createPasskey(name: string, enrolledIds: readonly string[]) {
  try {
    const salt = randomBytes(32);
    const credential = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'JWT Vault' },
        user: { id: randomBytes(16), name, displayName: name },
        challenge: randomBytes(32),
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        excludeCredentials: enrolledIds.map((id) => ({ type: 'public-key', id: decoded(id, true) })),
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: salt } } },
      },
    })) as PublicKeyCredential | null;
    if (!credential) throw unavailable('No passkey was created.');
    const prf = credential.getClientExtensionResults().prf;
    if (prf?.enabled === false) {
      throw unavailable('This authenticator cannot derive a key (it has no PRF): use another one.');
    }
    const prfSalt = toBase64(salt);
    const output = prfFirst(credential);
    if (output) return { credentialId: credential.id, prfSalt, prfOutput: toBase64(output) };
    const answer = await evaluate([{ credentialId: credential.id, prfSalt }]);
    return { credentialId: credential.id, prfSalt, prfOutput: answer.prfOutput };
  } catch (error) {
    throw ceremonyError(error);
  }
}
