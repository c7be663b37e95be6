// The extension manifest (MV3). Every permission carries the reason it is needed; the README
// repeats them for users.
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

export default defineManifest({
  manifest_version: 3,
  name: 'JWT Vault',
  description: pkg.description,
  version: pkg.version,
  minimum_chrome_version: '120',
  action: {
    default_title: 'JWT Vault',
    default_popup: 'src/popup/index.html',
  },
  background: {
    service_worker: 'src/background/index.ts',
    type: 'module',
  },
  permissions: [
    // The unlocked data key lives in storage.session (memory only); settings of no secrecy
    // (such as the unlock-throttling counter) live in storage.local.
    'storage',
    // Auto-lock after a period without use: a timer that survives the service worker sleeping.
    'alarms',
    // Lock when the system locks or the screen is locked.
    'idle',
  ],
  // Argon2id runs as WebAssembly (hash-wasm); the MV3 default CSP blocks it. Nothing looser.
  content_security_policy: {
    extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
  },
});
