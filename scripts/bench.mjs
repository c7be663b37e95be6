// `npm run bench`: build the extension, then run every benchmark and print its table.
// EXTENSION_DIST=/tmp/x builds into /tmp/x and benchmarks that build (dist/ stays untouched).
import { spawnSync } from 'node:child_process';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const runs = process.argv.slice(2);
const dist = process.env.EXTENSION_DIST;
if (dist) run('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir']);
else run('npm', ['run', '--silent', 'build']);
run('npx', ['tsx', 'bench/kdf-node.ts', ...runs]);
run('npx', ['tsx', 'bench/unlock-chromium.ts', ...runs]);
run('npx', ['tsx', 'bench/injection-chromium.ts', ...runs]);
run('npx', ['tsx', 'bench/popup-chromium.ts', ...runs]);
