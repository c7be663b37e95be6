// `npm test`: typecheck, lint, unit tests, both builds, end-to-end tests — then one summary line,
// `N passed, N failed`, summing unit and e2e. Fails when any step fails or no test ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['unit tests', 'npm', ['run', '--silent', 'test:unit']],
  ['build', 'npm', ['run', '--silent', 'build']],
  // The Firefox build, for the store-package tests among the e2e tests (packages.spec.ts).
  ['firefox build', 'npm', ['run', '--silent', 'build:firefox']],
  ['e2e tests', 'npm', ['run', '--silent', 'test:e2e']],
];

rmSync('test-results', { recursive: true, force: true });

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function counts() {
  const unit = readJson('test-results/unit.json');
  const e2e = readJson('test-results/e2e.json');
  const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
  const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0);
  const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);
  return { passed, failed, skipped };
}

let failedStep;
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

const { passed, failed, skipped } = counts();
if (failedStep) console.error(`\n✖ ${failedStep} failed`);
else if (passed === 0) console.error('\n✖ no test ran');
else if (skipped > 0) console.error(`\n✖ ${skipped} tests were skipped: a skipped test guards nothing`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedStep || passed === 0 || failed > 0 || skipped > 0 ? 1 : 0);
