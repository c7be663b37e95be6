// KDF cost in Node for every preset of the parameter table: min / median / max over N runs.
// Run: npx tsx bench/kdf-node.ts [--runs 7]; bench/all.ts imports it and runs it with the others.
import { deriveKeyBytes, newKdfSettings } from '../src/core/crypto/kdf';
import { describeKdf, KDF_PRESETS, type KdfPresetId } from '../src/core/crypto/params';
import { argValue, isMain, ms, printTable, type Summary, summarize } from './stats';

export interface KdfMeasurement extends Summary {
  preset: KdfPresetId;
  params: string;
}

const PASSWORD = 'benchmark master password';

/** Derives once per preset to warm up (wasm compile), then times `runs` derivations each. */
export async function measureKdfPresets(runs = 7): Promise<KdfMeasurement[]> {
  const results: KdfMeasurement[] = [];
  for (const preset of Object.keys(KDF_PRESETS) as KdfPresetId[]) {
    const kdf = newKdfSettings(preset);
    await deriveKeyBytes(PASSWORD, kdf);
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      await deriveKeyBytes(PASSWORD, kdf);
      samples.push(performance.now() - started);
    }
    results.push({ preset, params: describeKdf(kdf), ...summarize(samples) });
  }
  return results;
}

export function printKdfTable(results: KdfMeasurement[]): void {
  console.log(`\nKDF in Node ${process.version} (ms over ${results[0]?.runs ?? 0} runs)`);
  printTable(
    ['preset', 'parameters', 'min', 'median', 'max'],
    results.map((r) => [r.preset, r.params, ms(r.min), ms(r.median), ms(r.max)]),
  );
}

if (isMain(import.meta.url)) printKdfTable(await measureKdfPresets(argValue('--runs', 7)));
