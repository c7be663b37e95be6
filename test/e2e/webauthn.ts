// WebAuthn for the passkey tests and benchmark, through the DevTools protocol: a virtual
// authenticator with PRF and user verification on, and a passkey made in a page as the browser
// would make one (PRF evaluated at creation), for what the popup's own ceremony is not testing.
import type { CDPSession, Page } from '@playwright/test';

/**
 * An authenticator with PRF that verifies its user: the platform's own (`internal`: Chromium
 * has one per browser) or a security key (`usb`). With `presence`, every request is answered
 * without anyone touching it.
 */
export async function addVirtualAuthenticator(
  cdp: CDPSession,
  { transport = 'internal', presence = true }: { transport?: 'internal' | 'usb'; presence?: boolean } = {},
): Promise<string> {
  const { authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport,
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: presence,
    },
  })) as { authenticatorId: string };
  return authenticatorId;
}

/** A new passkey made in `page` for a random salt: its id, the salt and its PRF output (base64). */
export async function createPrfPasskey(
  page: Page,
  rpName = 'JWT Vault',
): Promise<{ credentialId: string; prfSalt: string; prfOutput: string }> {
  // No named functions inside: the page runs this text as written, without tsx's helpers.
  return page.evaluate(async (name) => {
    const salt = crypto.getRandomValues(new Uint8Array(32));
    const credential = (await navigator.credentials.create({
      publicKey: {
        rp: { name },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'test', displayName: 'test' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        extensions: { prf: { eval: { first: salt } } },
      },
    })) as PublicKeyCredential;
    const output = credential.getClientExtensionResults().prf?.results?.first as ArrayBuffer;
    return {
      credentialId: credential.id,
      prfSalt: btoa(String.fromCharCode(...salt)),
      prfOutput: btoa(String.fromCharCode(...new Uint8Array(output))),
    };
  }, rpName);
}
