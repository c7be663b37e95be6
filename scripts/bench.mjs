// `npm run bench`: build the extension, then run every benchmark (bench/all.ts): each prints its
// table, then one summary of the figures against their targets. Arguments go on (--runs N).
// EXTENSION_DIST=/tmp/x builds into /tmp/x and benchmarks that build (dist/ stays untouched).
import { spawnSync } from 'node:child_process';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const dist = process.env.EXTENSION_DIST;
if (dist) run('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir']);
else run('npm', ['run', '--silent', 'build']);
run('npx', ['tsx', 'bench/all.ts', ...process.argv.slice(2)]);
