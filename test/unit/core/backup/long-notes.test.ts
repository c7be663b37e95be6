// A credential with a long note, restored from a backup, can be saved again as the edit form
// sends it: through the message validator and the vault, which read one table of limits.
import { beforeEach, describe, expect, it } from 'vitest';
import { restoreBackup, sealBackup } from '../../../../src/core/backup';
import { createVault, VaultRecords } from '../../../../src/core/vault';
import { LIMITS } from '../../../../src/core/vault/limits';
import { DEFAULT_SETTINGS } from '../../../../src/core/vault/model';
import { validateCredential } from '../../../../src/core/vault/validate';
import type { CredentialInput } from '../../../../src/shared/messages';
import { requestValidators } from '../../../../src/shared/request-validators';
import { FAST_KDF, freshDb, ringCentral, sampleApp, sampleCredential, signedJwt } from '../support';

const PASSWORD = 'backup password 1';
/** Longer than the 4,000 characters the message validator once allowed. */
const NOTE = 'on call: '.padEnd(5_000, 'x');

let records: VaultRecords;

beforeEach(async () => {
  const { db } = await freshDb();
  records = await VaultRecords.fromRawKey(db, await createVault(db, 'vault password', FAST_KDF));
});

async function restoreWithNote(notes: string) {
  const jwt = await signedJwt({ exp: 2_000_000_000 });
  const { content } = await sealBackup(
    {
      apps: [sampleApp()],
      credentials: [sampleCredential(jwt, { notes })],
      connections: [],
      settings: DEFAULT_SETTINGS,
      exports: [],
    },
    PASSWORD,
    FAST_KDF,
  );
  const summary = await restoreBackup(records, content, PASSWORD, 'keep');
  expect(summary.failed).toEqual([]);
  const [restored] = await records.list('credentials');
  if (!restored) throw new Error('nothing restored');
  return restored;
}

describe('a long note', () => {
  it('round-trips through restore and a save from the edit form', async () => {
    const restored = await restoreWithNote(NOTE);
    expect(restored.notes).toBe(NOTE);

    // What the edit form sends when only the label changes: the note as it came, no JWT.
    const edit: CredentialInput = {
      id: restored.id,
      label: 'Renamed',
      allowed: ringCentral(restored).allowed,
      notes: restored.notes,
    };
    const { credential } = requestValidators['credentials.save']({ credential: edit }, 'payload');
    await records.put('credentials', validateCredential({ ...restored, ...credential }));

    const [saved] = await records.list('credentials');
    expect(saved).toMatchObject({ label: 'Renamed', notes: NOTE });
  });

  it('is held to the same length by the message validator and the vault', async () => {
    const longest = 'n'.repeat(LIMITS.notes);
    const restored = await restoreWithNote(longest);
    const send = (notes: string) =>
      requestValidators['credentials.save'](
        {
          credential: {
            id: restored.id,
            label: restored.label,
            allowed: ringCentral(restored).allowed,
            notes,
          },
        },
        'payload',
      );
    expect(send(longest).credential.notes).toBe(longest);
    expect(() => send(`${longest}n`)).toThrow('payload.credential.notes must be at most');
    expect(() => validateCredential({ ...restored, notes: `${longest}n` })).toThrow(
      'credential.notes must be at most',
    );
  });
});
