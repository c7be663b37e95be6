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
    // Inject `Authorization: Bearer …` with session rules (memory only). "WithHostAccess": it
    // acts only where the user granted host access, and needs no blanket install warning.
    'declarativeNetRequestWithHostAccess',
    // Observe (never block or read) the status of API requests, to notice a 401 and re-exchange.
    'webRequest',
  ],
  // Developers' tools and local APIs run on local hosts: granted up front, any port.
  host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
  // Any other API or tool host is asked for at run time, only for the hosts a connection names.
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  // Argon2id runs as WebAssembly (hash-wasm); the MV3 default CSP blocks it. Nothing looser.
  content_security_policy: {
    extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
  },
});
