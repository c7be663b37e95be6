// Unlock → every connection injecting, for 1, 10 and 50 connections of one credential and app, in
// the built extension against the sandbox (rate limit off, so that the vault's own cost is what is
// timed: RingCentral would allow 5 token requests a minute for that user). From the unlock message
// until the first `connections.status` that shows every connection with a token; the status is
// read back to back, so the figure is late by at most one reading. See BENCHMARKS.md.
// Run: npm run build && npx tsx bench/connections-chromium.ts [--runs 5]
import type { Page } from '@playwright/test';
import { call, launch, openPopup, removeProfile } from '../test/e2e/harness';
import { connect, PASSWORD, startWorld, stopWorld, tokenRequests, type World } from '../test/e2e/world';
import { argValue, isMain, ms, printTable, type Summary, summarize } from './stats';

export const CONNECTION_COUNTS = [1, 10, 50] as const;

export interface ConnectionsMeasurement {
  connections: number;
  unlockToInjecting: Summary;
  /** Token requests the sandbox saw per unlock (the most in any run). */
  tokenRequests: number;
}

/** Connections up to `count`, each for its own tool origin, through the first one's credential and app. */
async function addUpTo(popup: Page, world: World, count: number): Promise<void> {
  const existing = await call<{ credentialId: string; appId: string }[]>(popup, 'connections.list');
  const { credentialId, appId } = existing[0]!;
  for (let i = existing.length; i < count; i += 1)
    await call(popup, 'connections.save', {
      connection: {
        credentialId,
        appId,
        apiBaseUrl: `${world.sandbox.url}/restapi/`,
        toolOrigins: [`http://localhost:${43_000 + i}`],
        enabled: true,
      },
    });
}

/** Milliseconds from the unlock message to a status with `count` connections injecting. */
function unlockUntilInjecting(popup: Page, count: number): Promise<number> {
  return popup.evaluate(
    async ([password, n]) => {
      const started = performance.now();
      const unlocked = chrome.runtime.sendMessage({ type: 'vault.unlock', payload: { password } });
      for (;;) {
        const reply = (await chrome.runtime.sendMessage({ type: 'connections.status', payload: {} })) as {
          ok: boolean;
          value?: { injecting: boolean }[];
        };
        if (reply.ok && reply.value?.length === n && reply.value.every((s) => s.injecting)) break;
      }
      const elapsed = performance.now() - started;
      await unlocked;
      return elapsed;
    },
    [PASSWORD, count] as const,
  );
}

export async function measureConnectionsInChromium(runs = 5): Promise<ConnectionsMeasurement[]> {
  const world = await startWorld();
  const launched = await launch();
  try {
    const popup = await openPopup(launched);
    await connect(popup, world);
    const results: ConnectionsMeasurement[] = [];
    for (const count of CONNECTION_COUNTS) {
      await addUpTo(popup, world, count);
      const times: number[] = [];
      let requests = 0;
      for (let run = 0; run < runs; run += 1) {
        await call(popup, 'vault.lock');
        await world.sandbox.admin.clearLog();
        times.push(await unlockUntilInjecting(popup, count));
        requests = Math.max(requests, tokenRequests(await world.sandbox.admin.log()).length);
      }
      results.push({ connections: count, unlockToInjecting: summarize(times), tokenRequests: requests });
    }
    return results;
  } finally {
    await launched.close();
    await removeProfile(launched.userDataDir);
    await stopWorld(world);
  }
}

const range = (s: Summary) => `${ms(s.min)} / ${ms(s.median)} / ${ms(s.max)}`;

export function printConnectionsTable(results: ConnectionsMeasurement[]): void {
  console.log(
    `\nUnlock → every connection injecting, one credential and app, default KDF (ms, min / median / max over ${results[0]?.unlockToInjecting.runs ?? 0} unlocks)`,
  );
  printTable(
    ['connections', 'unlock → all injecting', 'token requests per unlock'],
    results.map((r) => [r.connections, range(r.unlockToInjecting), r.tokenRequests]),
  );
}

if (isMain(import.meta.url)) printConnectionsTable(await measureConnectionsInChromium(argValue('--runs', 5)));
