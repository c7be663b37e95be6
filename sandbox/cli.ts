// `npm run sandbox`: starts the sandbox and prints the demo credentials and a ready .env block.

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { demoCredentials } from './demo-credentials';
import { BOX_APP_USER_ID, defaultSeed, parseSeed, type SandboxSeed, startSandbox } from './index';

const usage = `Usage: npm run sandbox -- [options]
  --port N            port to listen on (default 8788; 0 picks a free one)
  --host HOST         interface to bind (default 127.0.0.1)
  --seed FILE         JSON world to load instead of the default seed (see sandbox/README.md)
  --admin-token TOKEN admin token (default: random, printed)
  --test-mode         allow token lifetimes below 600 s
  --no-rate-limit     switch the Auth rate-limit group off
  --help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8788' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      'admin-token': { type: 'string' },
      'test-mode': { type: 'boolean', default: false },
      'no-rate-limit': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);
  const seed: SandboxSeed = values.seed
    ? parseSeed(JSON.parse(await readFile(values.seed, 'utf8')))
    : defaultSeed;

  const sandbox = await startSandbox({
    port,
    host: values.host,
    seed,
    testMode: values['test-mode'],
    ...(values['admin-token'] && { adminToken: values['admin-token'] }),
    ...(values['no-rate-limit'] && { rateLimit: false as const }),
  });

  const demo = demoCredentials(sandbox);
  console.log(`JWT Vault sandbox listening on ${sandbox.url}`);
  console.log(`  client ID      ${demo.clientId || '(no app in seed)'}`);
  console.log(`  client secret  ${demo.clientSecret || '(none)'}`);
  console.log(`  ${`JWT (${demo.handle || 'none'})`.padEnd(15)}${demo.jwt || '(no credential in seed)'}`);
  console.log(
    `  admin token    ${sandbox.adminToken}   (header X-Sandbox-Admin, under ${sandbox.url}/__sandbox/)`,
  );
  console.log('');
  console.log('.env:');
  console.log(demo.env);
  console.log('');
  console.log('Google service account key file (save it as a .json file):');
  console.log(JSON.stringify(await sandbox.admin.googleKeyFile(), null, 2));
  console.log('');
  console.log('Salesforce connected app (JWT bearer flow; privateKey is its server.key):');
  console.log(JSON.stringify(await sandbox.admin.salesforceDemo(), null, 2));
  console.log('');
  console.log('Client assertion (private_key_jwt) clients of Okta, Auth0 and Microsoft Entra:');
  console.log(JSON.stringify(await sandbox.admin.clientAssertionDemo(), null, 2));
  console.log('');
  console.log('Zoom server-to-server OAuth app:');
  console.log(JSON.stringify(await sandbox.admin.zoomDemo(), null, 2));
  console.log('');
  console.log(
    `Box JWT app config.json (save it as a .json file; the app user for box_sub_type user is ${BOX_APP_USER_ID}):`,
  );
  console.log(JSON.stringify(await sandbox.admin.boxDemo(), null, 2));
  console.log('');
  console.log(
    "DocuSign JWT grant integration (aud is the account server's host; privateKey as Apps and Keys gives it):",
  );
  console.log(JSON.stringify(await sandbox.admin.docusignDemo(), null, 2));

  const stop = () => {
    sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
