// The cost ceiling at the two places a stored file names its own KDF: a backup asking for
// 1 GiB × 4 passes, and a vault header changed to ask for it, are refused with KDF_TOO_COSTLY,
// fast, without one derivation, and nothing in the vault changes.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openBackup, previewRestore, restoreBackup, sealBackup } from '../../../../src/core/backup';
import { argon2idHere, useArgon2idRunner } from '../../../../src/core/crypto/kdf';
import { createVault, readHeader, unlockVault, type VaultDb, VaultRecords } from '../../../../src/core/vault';
import { DEFAULT_SETTINGS } from '../../../../src/core/vault/model';
import { expectCode, FAST_KDF, freshDb, sampleApp, sampleCredential, signedJwt } from '../support';

const PASSWORD = 'backup password 1';
const GIB_KIB = 1_048_576;
/** The acceptance bound: refused in under 100 ms (10 s were spent deriving before the check). */
const FAST_MS = 100;

let derivations = 0;
beforeEach(() => {
  derivations = 0;
  useArgon2idRunner((job) => {
    derivations += 1;
    return argon2idHere(job);
  });
});
afterEach(() => useArgon2idRunner(argon2idHere));

/** Runs `work`, expecting it to fail with `code`, and returns how long it took. */
async function timedRefusal(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await expectCode(work(), 'KDF_TOO_COSTLY');
  return performance.now() - started;
}

describe('a backup asking for 1 GiB × 4 passes', () => {
  let costly: string;
  let db: VaultDb;
  let records: VaultRecords;

  beforeAll(async () => {
    const { content } = await sealBackup(
      {
        apps: [sampleApp()],
        credentials: [sampleCredential(await signedJwt())],
        connections: [],
        settings: DEFAULT_SETTINGS,
        exports: [],
      },
      PASSWORD,
      FAST_KDF,
    );
    const file = JSON.parse(content);
    costly = JSON.stringify({
      ...file,
      kdf: { ...file.kdf, memoryKiB: GIB_KIB, iterations: 4, parallelism: 4 },
    });
  });

  beforeEach(async () => {
    ({ db } = await freshDb());
    records = await VaultRecords.fromRawKey(db, await createVault(db, 'vault password', FAST_KDF));
    derivations = 0;
  });

  it('is refused with KDF_TOO_COSTLY in under 100 ms, before any derivation', async () => {
    const ms = await timedRefusal(() => openBackup(costly, PASSWORD));
    expect(ms).toBeLessThan(FAST_MS);
    expect(derivations).toBe(0);
  });

  it('changes nothing in the vault when previewed or restored', async () => {
    const before = { apps: await records.list('apps'), settings: await records.getSettings() };
    const ms = Math.max(
      await timedRefusal(() => previewRestore(records, costly, PASSWORD)),
      await timedRefusal(() => restoreBackup(records, costly, PASSWORD, 'replace')),
    );
    expect(ms).toBeLessThan(FAST_MS);
    expect(derivations).toBe(0);
    expect({ apps: await records.list('apps'), settings: await records.getSettings() }).toEqual(before);
  });
});

describe('a vault header changed to ask for 1 GiB × 4 passes', () => {
  it('is refused with KDF_TOO_COSTLY in under 100 ms, and the stored header stays as it was', async () => {
    const { db } = await freshDb();
    await createVault(db, 'vault password', FAST_KDF);
    const stored = (await db.get('meta', 'header')) as unknown as { kdf: Record<string, unknown> };
    const tampered = { ...stored, kdf: { ...stored.kdf, memoryKiB: GIB_KIB, iterations: 4, parallelism: 4 } };
    await db.put('meta', tampered as never, 'header');
    derivations = 0;

    const ms = await timedRefusal(() => unlockVault(db, 'vault password'));
    expect(ms).toBeLessThan(FAST_MS);
    expect(derivations).toBe(0);
    await expectCode(readHeader(db), 'KDF_TOO_COSTLY');
    expect(await db.get('meta', 'header')).toEqual(tampered);
  });
});
