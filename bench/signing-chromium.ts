// What signing one assertion costs in the extension's service worker, where the signed credential
// kinds will sign theirs: WebCrypto importing the stored PKCS#8 key (non-extractable, as
// src/core/keys/sign.ts does for every assertion) and signing a JWT's signing input, for RS256
// with a 2048-bit key and ES256. The keys are the test fixtures. Each sample times a batch and
// reports the cost per assertion; see BENCHMARKS.md.
// Run: npm run build && npx tsx bench/signing-chromium.ts [--runs 21]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, removeProfile } from '../test/e2e/harness';
import { argValue, isMain, ms, printTable, type Summary, summarize } from './stats';

/** Assertions per sample: one is below the worker clock's resolution. */
const BATCH = 20;

const KEYS = [
  {
    alg: 'RS256',
    file: 'rsa-2048-pkcs8.pem',
    params: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
  },
  {
    alg: 'ES256',
    file: 'ec-p256-pkcs8.pem',
    params: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' },
  },
] as const;

function pkcs8Of(file: string): number[] {
  const pem = readFileSync(path.join(import.meta.dirname, '../test/fixtures/keys', file), 'utf8');
  return [...Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64')];
}

export interface SigningMeasurement {
  alg: string;
  /** Per assertion: import the key, then sign. */
  assertion: Summary;
  /** Per assertion: sign only, with the key imported once. */
  signOnly: Summary;
}

export async function measureSigningInChromium(runs = 21): Promise<SigningMeasurement[]> {
  const launched = await launch();
  try {
    const worker = await launched.serviceWorker();
    const results: SigningMeasurement[] = [];
    for (const key of KEYS) {
      const samples = await worker.evaluate(
        async ({ pkcs8, params, sign, runs, batch }) => {
          const der = new Uint8Array(pkcs8);
          // A Google-sized signing input: header and claims, base64url, about 350 characters.
          const input = new TextEncoder().encode(
            `${'eyJhbGciOiJSUzI1NiJ9'.repeat(5)}.${'eyJpc3MiOiJ4In0'.repeat(16)}`,
          );
          const assertion: number[] = [];
          const signOnly: number[] = [];
          const imported = await crypto.subtle.importKey('pkcs8', der, params, false, ['sign']);
          for (let run = 0; run <= runs; run += 1) {
            let started = performance.now();
            for (let i = 0; i < batch; i += 1) {
              const fresh = await crypto.subtle.importKey('pkcs8', der, params, false, ['sign']);
              await crypto.subtle.sign(sign, fresh, input);
            }
            const both = (performance.now() - started) / batch;
            started = performance.now();
            for (let i = 0; i < batch; i += 1) await crypto.subtle.sign(sign, imported, input);
            // The first round warms the code up: left out.
            if (run > 0) {
              assertion.push(both);
              signOnly.push((performance.now() - started) / batch);
            }
          }
          return { assertion, signOnly };
        },
        { pkcs8: pkcs8Of(key.file), params: key.params, sign: key.sign, runs, batch: BATCH },
      );
      results.push({
        alg: key.alg,
        assertion: summarize(samples.assertion),
        signOnly: summarize(samples.signOnly),
      });
    }
    return results;
  } finally {
    await launched.close();
    await removeProfile(launched.userDataDir);
  }
}

const range = (s: Summary) => `${ms(s.min)} / ${ms(s.median)} / ${ms(s.max)}`;

export function printSigningTable(results: SigningMeasurement[]): void {
  console.log(
    `\nSigning an assertion in the service worker (ms per assertion, min / median / max over ${results[0]?.assertion.runs ?? 0} batches of ${BATCH})`,
  );
  printTable(
    ['algorithm', 'import the key + sign', 'sign only (key kept)'],
    results.map((r) => [
      r.alg === 'RS256' ? 'RS256, RSA 2048' : 'ES256, P-256',
      range(r.assertion),
      range(r.signOnly),
    ]),
  );
}

if (isMain(import.meta.url)) printSigningTable(await measureSigningInChromium(argValue('--runs', 21)));
