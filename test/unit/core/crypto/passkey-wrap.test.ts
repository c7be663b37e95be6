import { describe, expect, it } from 'vitest';
import { generateDataKey } from '../../../../src/core/crypto/data-key';
import {
  newPrfSalt,
  PASSKEY_WRAP_FORMAT,
  type PasskeyWrap,
  parsePasskeyWrap,
  unwrapWithPasskey,
  wrapForPasskey,
} from '../../../../src/core/crypto/passkey-wrap';
import { expectCode } from '../support';

const prf = () => crypto.getRandomValues(new Uint8Array(32));

async function enrolled() {
  const rawDataKey = generateDataKey();
  const prfOutput = prf();
  const wrap = await wrapForPasskey({
    rawDataKey,
    prfOutput,
    prfSalt: newPrfSalt(),
    credentialId: 'cred-AAAA',
    name: 'YubiKey',
    now: 1_800_000_000_000,
  });
  return { rawDataKey, prfOutput, wrap };
}

describe('the data key wrapped for a passkey', () => {
  it('opens with the enrolled passkey’s PRF output, and holds nothing of the key in clear', async () => {
    const { rawDataKey, prfOutput, wrap } = await enrolled();
    expect(await unwrapWithPasskey(wrap, prfOutput)).toEqual(rawDataKey);
    expect(wrap).toMatchObject({ format: PASSKEY_WRAP_FORMAT, credentialId: 'cred-AAAA', name: 'YubiKey' });
    const stored = JSON.stringify(wrap, (_, v) => (v instanceof Uint8Array ? [...v] : v));
    expect(stored).not.toContain(JSON.stringify([...rawDataKey]).slice(1, -1));
    expect(stored).not.toContain(JSON.stringify([...prfOutput]).slice(1, -1));
  });

  it('refuses another passkey’s PRF output with its own code', async () => {
    const { wrap } = await enrolled();
    await expectCode(unwrapWithPasskey(wrap, prf()), 'PASSKEY_REFUSED');
  });

  it.each([
    [
      'a changed byte of the wrapped key',
      (w: PasskeyWrap) => {
        const ct = w.wrappedKey.ct.slice();
        ct[3] = (ct[3] ?? 0) ^ 1;
        return { ...w, wrappedKey: { ...w.wrappedKey, ct } };
      },
    ],
    ['the wrap moved to another credential id', (w: PasskeyWrap) => ({ ...w, credentialId: 'cred-BBBB' })],
  ])('counts %s as INTEGRITY, not as another passkey', async (_, tamper) => {
    const { wrap, prfOutput } = await enrolled();
    await expectCode(unwrapWithPasskey(tamper(wrap), prfOutput), 'INTEGRITY');
  });

  it('refuses a newer format, and anything malformed, before any derivation', async () => {
    const { wrap, prfOutput } = await enrolled();
    await expectCode(unwrapWithPasskey({ ...wrap, format: 2 }, prfOutput), 'UNSUPPORTED_VERSION');
    for (const broken of [
      null,
      { ...wrap, prfSalt: new Uint8Array(16) },
      { ...wrap, check: undefined },
      { ...wrap, credentialId: '' },
      { ...wrap, wrappedKey: { iv: new Uint8Array(12), ct: new Uint8Array(10) } },
    ]) {
      expect(() => parsePasskeyWrap(broken)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    }
  });

  it('makes a different wrap for each enrolment of the same key', async () => {
    const rawDataKey = generateDataKey();
    const prfOutput = prf();
    const make = () =>
      wrapForPasskey({ rawDataKey, prfOutput, prfSalt: newPrfSalt(), credentialId: 'c', name: 'n', now: 0 });
    const [a, b] = await Promise.all([make(), make()]);
    expect(a.prfSalt).not.toEqual(b.prfSalt);
    expect(a.check).not.toEqual(b.check);
    expect(a.wrappedKey.ct).not.toEqual(b.wrappedKey.ct);
  });
});
