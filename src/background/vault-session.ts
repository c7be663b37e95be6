// The worker's unlocked state. The raw data key lives in storage.session (memory only) so a
// restarted worker wakes up unlocked; a browser restart empties it, which locks the vault.
// Unlock attempts are serialised and throttled; the counter is kept in storage.local. A lock
// never waits for a key derivation, and a derivation that ends after a lock opens nothing.
import { fromBase64, toBase64 } from '../core/crypto/bytes';
import { importDataKey } from '../core/crypto/data-key';
import { KDF_PRESETS, type KdfParams } from '../core/crypto/params';
import { PasskeyRefusedError } from '../core/crypto/passkey-wrap';
import { type ConfirmationStamp, graceCovers, stampConfirmation } from '../core/destinations/grace';
import { IntegrityError, ThrottledError, VaultError, WrongPasswordError } from '../core/errors';
import { NO_FAILURES, recordFailure, type ThrottleState, throttledUntil } from '../core/throttle';
import {
  changePassword,
  createVault,
  enrolPasskey,
  listPasskeys,
  type PasskeyChallenge,
  type PasskeyView,
  passkeyChallenges,
  readHeader,
  removePasskey,
  unlockVault,
  unlockWithPasskey,
  type VaultDb,
  VaultRecords,
  vaultExists,
} from '../core/vault';
import { DEFAULT_SETTINGS, type Settings } from '../core/vault/model';
import type { KeyValueArea } from '../platform/storage';
import type { VaultStatus } from '../shared/messages';

export const AUTO_LOCK_ALARM = 'auto-lock';
const DATA_KEY = 'vault.dataKey';
const AUTO_LOCK_AT = 'vault.autoLockAt';
// Kept beside the key so that counting activity does not decrypt the settings each time.
const AUTO_LOCK_MINUTES = 'vault.autoLockMinutes';
const THROTTLE = 'vault.unlockThrottle';
// When the master password was last given: creating, unlocking and confirming all count.
const CONFIRMED = 'vault.confirmed';
/** Uses of the vault closer together than this arm auto-lock once. */
const REARM_AFTER_MS = 1000;
// What each use of the vault rewrites (the auto-lock time) and what a confirmation stamps: the
// vault stays as it was, and so does every connection's status.
const CLOCK_KEYS: ReadonlySet<string> = new Set([AUTO_LOCK_AT, AUTO_LOCK_MINUTES, CONFIRMED]);

/** Whether a storage.session change touched only the vault's clock: its lock time or last confirmation. */
export function onlyVaultClock(keys: readonly string[]): boolean {
  return keys.length > 0 && keys.every((key) => CLOCK_KEYS.has(key));
}

export interface VaultSessionDeps {
  db: () => Promise<VaultDb>;
  session: KeyValueArea;
  local: KeyValueArea;
  alarms: { set(name: string, when: number): Promise<void>; clear(name: string): Promise<void> };
  now?: () => number;
}

export type VaultSession = ReturnType<typeof createVaultSession>;

/** What else must happen when the vault opens or closes (auto-authentication starts and stops). */
export interface LifecycleListener {
  afterUnlock(): Promise<void>;
  /** Runs while the vault is still unlocked, so it can read settings; lock proceeds if it fails. */
  beforeLock(): Promise<void>;
}

/** The preset whose parameters the header uses, or 'custom' (the popup offers presets only). */
function presetOf(params: KdfParams): string {
  const fields = params as unknown as Record<string, unknown>;
  const match = Object.entries(KDF_PRESETS).find(([, preset]) =>
    Object.entries(preset.params).every(([field, value]) => fields[field] === value),
  );
  return match?.[0] ?? 'custom';
}

/** The data key as kept in storage.session; one that does not decode is no key at all. */
function rawKeyOf(encoded: string): Uint8Array {
  const raw = fromBase64(encoded);
  if (!raw) throw new IntegrityError('The unlocked key in memory is damaged: lock and unlock again.');
  return raw;
}

/** Runs the work given to it one after another, each after the previous one settled. */
function oneAtATime() {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
}

function lockedError(): VaultError {
  return new VaultError('LOCKED', 'The vault is locked. Unlock it to continue.');
}

export function createVaultSession(deps: VaultSessionDeps) {
  const now = deps.now ?? Date.now;
  let cached: { encoded: string; records: VaultRecords } | undefined;
  let guarded: { records: VaultRecords; epoch: number; proxy: VaultRecords } | undefined;
  const listeners: LifecycleListener[] = [];
  // Password attempts (create, unlock, password change, confirmation) run one at a time: two
  // unlock attempts in flight must not both pass the throttle check. Lock is not one of them:
  // it must not wait for a key derivation, which takes half a second and more.
  const attempts = oneAtATime();
  // Opening and closing the vault (a few storage writes each) run one at a time too.
  const transitions = oneAtATime();
  // Each lock starts a new epoch. A derivation that began before it may end after it: its result
  // is then dropped (LOCKED), and records handed out before it refuse every call.
  let epoch = 0;
  const assertNoLockSince = (since: number) => {
    if (epoch !== since) throw lockedError();
  };

  async function readThrottle(): Promise<ThrottleState> {
    return (await deps.local.get<ThrottleState>(THROTTLE)) ?? NO_FAILURES;
  }

  /**
   * Runs an attempt that checks the master password (or a passkey) under the one throttle:
   * unlocking, changing the password and confirming it before an export all count, so none of
   * them is a way round the delay.
   */
  async function throttled<T>(attempt: () => Promise<T>): Promise<T> {
    const throttle = await readThrottle();
    const until = throttledUntil(throttle, now());
    if (until !== undefined) throw new ThrottledError(until);
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      // A passkey that is not enrolled counts as a wrong password: neither is a way round the delay.
      if (error instanceof WrongPasswordError || error instanceof PasskeyRefusedError) {
        await deps.local.set(THROTTLE, recordFailure(throttle, now()));
      }
      throw error;
    }
    await deps.local.remove(THROTTLE);
    return result;
  }

  /** The open records, or undefined when locked. Rebuilt from storage.session after a restart. */
  async function currentRecords(): Promise<VaultRecords | undefined> {
    const encoded = await deps.session.get<string>(DATA_KEY);
    if (!encoded) {
      cached = undefined;
      guarded = undefined;
      return undefined;
    }
    if (cached?.encoded !== encoded) {
      const key = await importDataKey(rawKeyOf(encoded));
      cached = { encoded, records: new VaultRecords(await deps.db(), key) };
    }
    return cached.records;
  }

  // When auto-lock was last armed. Each use of the vault arms it again, and a popup's open uses it
  // several times in a few milliseconds: one write a second is enough (the lock may come up to
  // that much sooner), and spares the pages a push after each message.
  let armedAt: number | undefined;

  async function armAutoLock(minutes?: number): Promise<void> {
    const since = armedAt === undefined ? undefined : now() - armedAt;
    if (minutes === undefined && since !== undefined && since >= 0 && since < REARM_AFTER_MS) return;
    if (minutes !== undefined) await deps.session.set(AUTO_LOCK_MINUTES, minutes);
    const current =
      minutes ?? (await deps.session.get<number>(AUTO_LOCK_MINUTES)) ?? DEFAULT_SETTINGS.autoLockMinutes;
    const at = now();
    const when = at + current * 60_000;
    await deps.session.set(AUTO_LOCK_AT, when);
    await deps.alarms.set(AUTO_LOCK_ALARM, when);
    armedAt = at;
  }

  async function stampConfirmed(settings: Settings): Promise<void> {
    await deps.session.set(CONFIRMED, stampConfirmation(now(), settings.confirmGraceMinutes));
  }

  /**
   * A confirmation of the open vault: `openKey` opens the data key another way (the master
   * password, a passkey) under the unlock throttle. It must be this vault's key — a passkey wrap
   * planted in the database around another key confirms nothing (`refused`) — and is wiped at
   * once. A lock meanwhile wins; a confirmation starts a grace period.
   */
  function confirmWith(openKey: () => Promise<Uint8Array>, refused: () => Error): Promise<void> {
    const since = epoch;
    return attempts(async () => {
      if (!(await currentRecords())) throw lockedError();
      await throttled(async () => {
        const opened = await openKey();
        try {
          // Locked while the key was derived: the lock's answer, not a refusal that would count.
          assertNoLockSince(since);
          if (toBase64(opened) !== (await deps.session.get<string>(DATA_KEY))) throw refused();
        } finally {
          opened.fill(0);
        }
      });
      assertNoLockSince(since);
      await stampConfirmed(await (await currentRecords())!.getSettings());
    });
  }

  async function open(rawKey: Uint8Array): Promise<void> {
    await deps.session.set(DATA_KEY, toBase64(rawKey));
    const records = await currentRecords();
    const settings = await records!.getSettings();
    await armAutoLock(settings.autoLockMinutes);
    await stampConfirmed(settings);
    for (const listener of listeners) await listener.afterUnlock().catch(() => {});
  }

  /**
   * The records of the unlocked vault; each use counts as activity for auto-lock. They stop
   * working at the next lock: a restore that derived its backup key while the vault was being
   * locked must not then read or write the vault with the old key.
   */
  async function requireRecords(): Promise<VaultRecords> {
    const issued = epoch;
    const records = await currentRecords();
    if (!records || epoch !== issued) throw lockedError();
    await armAutoLock();
    // One guarded view per records and epoch: what is kept per records (the credential views)
    // must find the same object on the next call, or it is rebuilt on every popup open.
    if (guarded?.records !== records || guarded.epoch !== issued) {
      const proxy = new Proxy(records, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            assertNoLockSince(issued);
            return value.apply(target, args);
          };
        },
      });
      guarded = { records, epoch: issued, proxy };
    }
    return guarded.proxy;
  }

  async function lockNow(): Promise<void> {
    if (await deps.session.get<string>(DATA_KEY)) {
      for (const listener of listeners) await listener.beforeLock().catch(() => {});
    }
    // Nothing that holds the data key outlives the lock.
    cached = undefined;
    guarded = undefined;
    await deps.session.remove([DATA_KEY, AUTO_LOCK_AT, AUTO_LOCK_MINUTES, CONFIRMED]);
    await deps.alarms.clear(AUTO_LOCK_ALARM);
  }

  return {
    subscribe(listener: LifecycleListener): void {
      listeners.push(listener);
    },

    async status(): Promise<VaultStatus> {
      // Read at once, not one after another: every popup open starts with this answer.
      const db = await deps.db();
      const [exists, records, autoLockAt, kdf, throttle, passkeys] = await Promise.all([
        vaultExists(db),
        currentRecords(),
        deps.session.get<number>(AUTO_LOCK_AT),
        // Only shown in settings: a header that fails to parse must not hide the unlocked state.
        readHeader(db).then(
          (header) => presetOf(header.kdf),
          () => undefined,
        ),
        readThrottle(),
        db.count('passkeys'),
      ]);
      if (!exists) return { state: 'uninitialized' };
      if (records) {
        return {
          state: 'unlocked',
          ...(autoLockAt === undefined ? {} : { autoLockAt }),
          ...(kdf === undefined ? {} : { kdf }),
          ...(passkeys > 0 ? { passkeys } : {}),
        };
      }
      const until = throttledUntil(throttle, now());
      return {
        state: 'locked',
        ...(until === undefined ? {} : { throttledUntil: until }),
        ...(passkeys > 0 ? { passkeys } : {}),
      };
    },

    /** A lock while the new vault's key is derived leaves it created, and locked. */
    create(password: string, kdf?: string): Promise<void> {
      const since = epoch;
      return attempts(async () => {
        const rawKey = await createVault(await deps.db(), password, kdf);
        await transitions(async () => {
          if (epoch === since) await open(rawKey);
        });
      });
    },

    /** LOCKED when a lock came while the password was being checked: the lock wins. */
    unlock(password: string): Promise<{ kdfMs: number }> {
      const since = epoch;
      return attempts(async () => {
        const started = performance.now();
        const rawKey = await throttled(async () => unlockVault(await deps.db(), password));
        const kdfMs = performance.now() - started;
        await transitions(async () => {
          assertNoLockSince(since);
          await open(rawKey);
        });
        return { kdfMs };
      });
    },

    /**
     * Unlocks with an enrolled passkey's PRF output: no key derivation. LOCKED when a lock came
     * meanwhile; PASSKEY_REFUSED (counted by the throttle) for a passkey that does not open it.
     */
    unlockWithPasskey(credentialId: string, prfOutput: Uint8Array): Promise<void> {
      const since = epoch;
      return attempts(async () => {
        const rawKey = await throttled(async () =>
          unlockWithPasskey(await deps.db(), credentialId, prfOutput),
        );
        await transitions(async () => {
          assertNoLockSince(since);
          await open(rawKey);
        });
      });
    },

    /** Wraps the unlocked vault's data key for a new passkey; the caller has had the password checked. */
    async enrolPasskey(input: {
      credentialId: string;
      name: string;
      prfOutput: Uint8Array;
      prfSalt: Uint8Array;
    }): Promise<PasskeyView> {
      const encoded = await deps.session.get<string>(DATA_KEY);
      if (!encoded) throw lockedError();
      const rawKey = rawKeyOf(encoded);
      try {
        return await enrolPasskey(await deps.db(), rawKey, { ...input, now: now() });
      } finally {
        rawKey.fill(0);
      }
    },

    /** Answered at once: waits for no derivation, only for an opening already writing. */
    lock(): Promise<void> {
      epoch += 1;
      return transitions(lockNow);
    },

    changePassword(oldPassword: string, newPassword: string, kdf?: string): Promise<void> {
      return attempts(async () => {
        if (!(await currentRecords())) throw new VaultError('LOCKED', 'Unlock the vault first.');
        await throttled(async () => changePassword(await deps.db(), oldPassword, newPassword, kdf));
      });
    },

    /** The enrolled passkeys, while unlocked. */
    async passkeys(): Promise<PasskeyView[]> {
      await requireRecords();
      return listPasskeys(await deps.db());
    },

    /** What the authenticator evaluates for each passkey: read while locked, to unlock. */
    async passkeyChallenges(): Promise<PasskeyChallenge[]> {
      return passkeyChallenges(await deps.db());
    },

    async removePasskey(credentialId: string): Promise<void> {
      await requireRecords();
      await removePasskey(await deps.db(), credentialId);
    },

    /** Asks for the master password again before a sensitive action (an export). */
    confirmPassword(password: string): Promise<void> {
      return confirmWith(
        async () => unlockVault(await deps.db(), password),
        () => new WrongPasswordError(),
      );
    },

    /** The same confirmation with an enrolled passkey's answer, under the same throttle. */
    confirmPasskey(credentialId: string, prfOutput: Uint8Array): Promise<void> {
      return confirmWith(
        async () => unlockWithPasskey(await deps.db(), credentialId, prfOutput),
        () => new PasskeyRefusedError(),
      );
    },

    /** Whether a recent confirmation (within the grace period setting) covers a sensitive action. */
    async confirmedRecently(): Promise<boolean> {
      const records = await currentRecords();
      if (!records) return false;
      const stamp = await deps.session.get<ConfirmationStamp>(CONFIRMED);
      return graceCovers(stamp, (await records.getSettings()).confirmGraceMinutes, now());
    },

    records: requireRecords,

    /** Saves the settings and re-arms the auto-lock timer with the new delay. */
    async saveSettings(settings: Settings): Promise<Settings> {
      const records = await requireRecords();
      await records.putSettings(settings);
      const saved = await records.getSettings();
      await armAutoLock(saved.autoLockMinutes);
      return saved;
    },

    /** The records if unlocked, without counting as activity (for background events). */
    peek: currentRecords,
  };
}
