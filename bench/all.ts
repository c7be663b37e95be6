// Every benchmark in one run: each prints its own table, then one summary table holds the
// figures with their targets. Run by `npm run bench` after the build: npx tsx bench/all.ts
// [--runs N] (without --runs each benchmark keeps its own default). Exits 0 when a target is
// missed — it measures, it does not test — and 1 only when a benchmark could not run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { CHROMIUM } from '../demo/chromium';
import { measureConnectionsInChromium, printConnectionsTable } from './connections-chromium';
import { measureInjectionInChromium, printInjectionTable } from './injection-chromium';
import { measureKdfPresets, printKdfTable } from './kdf-node';
import { measurePasskeyInChromium, printPasskeyTable } from './passkey-chromium';
import { measurePopupInChromium, printPopupTable } from './popup-chromium';
import { measureSigningInChromium, printSigningTable } from './signing-chromium';
import { printTable, runsArg } from './stats';
import { type Measurements, readingsFrom, summaryRows } from './summary';
import { measureUnlockInChromium, printUnlockTable } from './unlock-chromium';

/** What the figures depend on, printed so that a table can be told apart from another machine's. */
function machine(): string {
  const cpus = os.cpus();
  const release = (() => {
    try {
      return /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    } catch {
      return undefined;
    }
  })();
  const chromium = (() => {
    try {
      // Debian's wrapper script complains on stderr about its own checks: keep stdout only.
      const version = execFileSync(CHROMIUM, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return version.replace(/ built on .*/s, '').trim();
    } catch {
      return 'Chromium not found';
    }
  })();
  return [
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    release ?? `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
    chromium,
  ].join(', ');
}

const load = () => os.loadavg()[0]!.toFixed(1);
const failed: string[] = [];

/** Runs one benchmark; a failure is reported and the others still run. */
async function step<T>(
  name: string,
  measure: () => Promise<T>,
  print: (result: T) => void,
): Promise<T | undefined> {
  const started = performance.now();
  try {
    const result = await measure();
    print(result);
    console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    return result;
  } catch (error) {
    failed.push(name);
    console.error(`\n${name} failed:`, error);
    return undefined;
  }
}

const runs = runsArg();
const started = performance.now();
const startedAt = new Date().toISOString().slice(0, 16).replace('T', ' ');
const loadAtStart = load();
console.log(`Machine: ${machine()}`);
console.log(`Runs: ${runs ?? 'each benchmark’s default'}`);

await step('KDF in Node', () => measureKdfPresets(runs), printKdfTable);
const measurements: Measurements = {};
measurements.unlock = await step('Unlock in Chromium', () => measureUnlockInChromium(runs), printUnlockTable);
await step('Passkey unlock in Chromium', () => measurePasskeyInChromium(runs), printPasskeyTable);
measurements.injection = await step(
  'Auto-authentication in Chromium',
  () => measureInjectionInChromium(runs),
  printInjectionTable,
);
measurements.popup = await step('Popup in Chromium', () => measurePopupInChromium(runs), printPopupTable);
// No targets: how unlocking scales with connections, and what signed kinds will pay per assertion.
await step('Many connections in Chromium', () => measureConnectionsInChromium(runs), printConnectionsTable);
await step('Signing in Chromium', () => measureSigningInChromium(runs), printSigningTable);

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(
  `\nSummary: medians unless the figure says otherwise; ${startedAt} UTC, ${minutes} min,` +
    ` load average ${loadAtStart} → ${load()}`,
);
printTable(
  ['Figure', 'Measured', 'Target', 'Met'],
  summaryRows(readingsFrom(measurements)).map((row) => [row.figure, row.measured, row.target, row.met]),
);
if (failed.length > 0) {
  console.error(`\nNot measured, the benchmark failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
