// Builds the extension: `vite build` into dist/ for Chrome (load it unpacked from there);
// `vite build --mode firefox` into dist-firefox/ for Firefox, from the same sources.
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest, { firefoxManifest } from './manifest.config';

export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  return {
    plugins: [preact(), firefox ? crx({ manifest: firefoxManifest, browser: 'firefox' }) : crx({ manifest })],
    build: {
      // The oldest browser each manifest admits (minimum_chrome_version, gecko strict_min_version).
      target: firefox ? 'firefox140' : 'chrome120',
      outDir: firefox ? 'dist-firefox' : 'dist',
      sourcemap: false,
      emptyOutDir: true,
      // Both browsers the manifests admit preload modules natively: the polyfill would only be
      // one more file every page loads before its first paint (a popup open measured ~10 % sooner
      // without it).
      modulePreload: { polyfill: false },
      // Not named by the manifest: the offscreen document that starts Argon2id Workers. Chromium
      // only: Firefox's event page starts them itself.
      ...(firefox ? {} : { rollupOptions: { input: { offscreen: 'src/offscreen/index.html' } } }),
    },
    // The Argon2id Worker is started as a module worker (src/platform/argon2id-thread.ts).
    worker: { format: 'es' as const },
    server: { strictPort: true, port: 5173 },
  };
});
