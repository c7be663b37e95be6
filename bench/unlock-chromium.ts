// Unlock cost in the built extension, in headless Chromium. For every KDF preset: the time the
// worker spends in unlockVault (header read, key derivation, data-key unwrap — the KDF is
// nearly all of it) and the unlock message's round trip from the popup page. For the default
// preset also what a user feels: the click on "Unlock" to the unlocked view, timed in the page,
// and how long a lock waits while a key is being derived (an unlock, a password change).
// Run: npm run build && npx tsx bench/unlock-chromium.ts [--runs 11]; bench/all.ts imports it.
import type { Page } from '@playwright/test';
import { DEFAULT_PRESET, KDF_PRESETS, type KdfPresetId } from '../src/core/crypto/params';
import { call, launch, openPopup, probeWhile, removeProfile } from '../test/e2e/harness';
import { argValue, isMain, ms, printTable, type Summary, summarize } from './stats';

const PASSWORD = 'benchmark master password';

export interface UnlockMeasurement {
  preset: KdfPresetId;
  worker: Summary;
  message: Summary;
  click?: Summary;
  /** Every lock reply's time, sent one after another while an unlock or a password change derives. */
  lockDuringDerivation?: Summary;
}

/**
 * Lock requests sent back to back while the vault derives a key: during an unlock (the lock
 * wins, the vault stays locked) and during a password change (unlocked first; whether the
 * change or the lock finished first, the reply says which password holds). Ends locked.
 */
async function lockRepliesDuringDerivation(
  popup: Page,
  password: string,
): Promise<{ probes: number[]; password: string }> {
  const during = await probeWhile(popup, 'vault.unlock', { password }, 'vault.lock');
  await call(popup, 'vault.unlock', { password });
  const changed = `${password} changed`;
  const change = await probeWhile(
    popup,
    'vault.changePassword',
    { oldPassword: password, newPassword: changed },
    'vault.lock',
  );
  return { probes: [...during.probes, ...change.probes], password: change.reply.ok ? changed : password };
}

/**
 * Clicks the button named `button` ("Unlock" once the password is typed, or "Unlock with a
 * passkey") and resolves when the status reads unlocked, timed inside the page.
 */
export async function clickToUnlocked(popup: Page, button = 'Unlock'): Promise<number> {
  return popup.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const status = document.querySelector('[role="status"]');
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
        if (!status || !button) throw new Error('the unlock view is not showing');
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (status.getAttribute('data-state') !== 'unlocked') return;
          observer.disconnect();
          resolve(performance.now() - started);
        });
        observer.observe(status, { attributes: true });
        button.click();
      }),
    button,
  );
}

async function measurePreset(preset: KdfPresetId, runs: number): Promise<UnlockMeasurement> {
  const launched = await launch();
  try {
    const popup = await openPopup(launched);
    await call(popup, 'vault.create', { password: PASSWORD, kdf: preset });
    const worker: number[] = [];
    const message: number[] = [];
    const click: number[] = [];
    const lockReplies: number[] = [];
    let password = PASSWORD;
    // For the default preset each run also unlocks through the UI, right after the message
    // unlock, so the two figures come from alternating pairs on the same machine state.
    const withClick = preset === DEFAULT_PRESET;
    for (let i = 0; i < runs; i += 1) {
      await call(popup, 'vault.lock');
      const started = performance.now();
      const { kdfMs } = await call<{ kdfMs: number }>(popup, 'vault.unlock', { password });
      message.push(performance.now() - started);
      worker.push(kdfMs);
      if (!withClick) continue;
      await call(popup, 'vault.lock');
      await popup.reload();
      await popup.getByRole('button', { name: 'Unlock' }).waitFor();
      await popup.getByLabel('Master password').fill(password);
      click.push(await clickToUnlocked(popup));
      const race = await lockRepliesDuringDerivation(popup, password);
      lockReplies.push(...race.probes);
      password = race.password;
    }
    const result: UnlockMeasurement = { preset, worker: summarize(worker), message: summarize(message) };
    if (withClick) {
      result.click = summarize(click);
      result.lockDuringDerivation = summarize(lockReplies);
    }
    return result;
  } finally {
    await launched.close();
    await removeProfile(launched.userDataDir);
  }
}

export async function measureUnlockInChromium(runs = 11): Promise<UnlockMeasurement[]> {
  const results: UnlockMeasurement[] = [];
  for (const preset of Object.keys(KDF_PRESETS) as KdfPresetId[])
    results.push(await measurePreset(preset, runs));
  return results;
}

const range = (s: Summary) => `${ms(s.min)} / ${ms(s.median)} / ${ms(s.max)}`;

export function printUnlockTable(results: UnlockMeasurement[]): void {
  const runs = results[0]?.worker.runs ?? 0;
  console.log(`\nUnlock in the extension, headless Chromium (ms, min / median / max over ${runs} runs)`);
  printTable(
    ['preset', 'unlockVault in worker', 'unlock message', 'click → unlocked view'],
    results.map((r) => [
      r.preset + (r.preset === DEFAULT_PRESET ? ' (default)' : ''),
      range(r.worker),
      range(r.message),
      r.click ? range(r.click) : '—',
    ]),
  );
  const lock = results.find((r) => r.lockDuringDerivation)?.lockDuringDerivation;
  if (lock)
    console.log(
      `Lock replies while a key is derived (unlock, password change): ${lock.runs} replies, ` +
        `median ${ms(lock.median)} ms, slowest ${ms(lock.max)} ms`,
    );
}

if (isMain(import.meta.url)) printUnlockTable(await measureUnlockInChromium(argValue('--runs', 11)));
