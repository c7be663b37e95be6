// Builds the extension into dist/ (load it unpacked from there).
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config';

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    target: 'chrome120',
    sourcemap: false,
    emptyOutDir: true,
  },
  server: { strictPort: true, port: 5173 },
});
