// The extension manifest (MV3) for Chrome, and the Firefox one derived from it. Every permission
// carries the reason it is needed; the README repeats them for users.
import { defineManifest, type ManifestV3Export } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

/** Rendered from icons/icon.svg by scripts/icons.ts: Chrome takes PNG icons only. */
const ICONS = {
  16: 'icons/icon-16.png',
  32: 'icons/icon-32.png',
  48: 'icons/icon-48.png',
  128: 'icons/icon-128.png',
};

const manifest = defineManifest({
  manifest_version: 3,
  name: 'JWT Vault',
  description: pkg.description,
  version: pkg.version,
  minimum_chrome_version: '120',
  icons: ICONS,
  action: {
    default_title: 'JWT Vault',
    default_icon: { 16: ICONS[16], 32: ICONS[32] },
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
    // A hidden page that runs the key derivation (Argon2id) in a Worker: a service worker cannot
    // start one, and run in the worker itself the derivation keeps Lock waiting. Chrome only.
    'offscreen',
  ],
  // Developers' tools and local APIs run on local hosts: granted up front, any port.
  host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
  // Any other API or tool host is asked for at run time, only for the hosts a connection names.
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  // A keyboard shortcut that locks the vault without opening the popup. Needs no permission; the
  // browser leaves it unassigned when another extension already holds the same keys. Not
  // Ctrl+Shift+L: Chromium on Linux declines to assign it (and Bitwarden's autofill uses it).
  commands: {
    'lock-vault': {
      suggested_key: { default: 'Alt+Shift+L' },
      description: 'Lock the vault',
    },
  },
  // Argon2id runs as WebAssembly (hash-wasm); the MV3 default CSP blocks it. Nothing looser.
  content_security_policy: {
    extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
  },
});

export default manifest;

type Manifest = Exclude<Awaited<ManifestV3Export>, (...args: never[]) => unknown>;

/**
 * Firefox's identity. The id is permanent once the add-on is listed on addons.mozilla.org.
 * 140 (the ESR of 2025) is the first version with everything used: DNR session rules and
 * `declarativeNetRequestWithHostAccess` (113), storage.session (115), `optional_host_permissions`
 * (128) and `data_collection_permissions` (140).
 */
export const GECKO = {
  id: 'jwt-vault@example.org',
  strict_min_version: '140.0',
  // Nothing leaves the device for the developer: tokens go only to the APIs the user names.
  data_collection_permissions: { required: ['none'] },
} satisfies NonNullable<Manifest['browser_specific_settings']>['gecko'];

/** Firefox for Android reads its own minimum: `data_collection_permissions` came there in 142. */
export const GECKO_ANDROID = { strict_min_version: '142.0' };

const CHROME_ONLY_PERMISSIONS: readonly string[] = ['offscreen'];

/**
 * Everything that differs in Firefox, in one place: an event page (`background.scripts`, which
 * crxjs turns into a module loader) instead of a service worker, the gecko settings, and no
 * Chrome-only keys or permissions. The rest of the manifest is shared as is.
 */
export function forFirefox(chrome: Manifest): Manifest {
  const { minimum_chrome_version: _chromeOnly, background, permissions, ...shared } = chrome;
  const settings = { gecko: GECKO, gecko_android: GECKO_ANDROID };
  const entry = background && 'service_worker' in background ? background.service_worker : undefined;
  return {
    ...shared,
    // Firefox's event page starts the Argon2id Worker itself: no offscreen document.
    ...(permissions ? { permissions: permissions.filter((p) => !CHROME_ONLY_PERMISSIONS.includes(p)) } : {}),
    ...(entry ? { background: { scripts: [entry] } } : {}),
    // crxjs's manifest type predates `gecko_android`; Firefox and web-ext lint know it.
    browser_specific_settings: settings,
  };
}

export const firefoxManifest: ManifestV3Export = async (env) =>
  forFirefox(await (typeof manifest === 'function' ? manifest(env) : manifest));
