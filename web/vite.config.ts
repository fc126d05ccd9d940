import { defineConfig } from 'vite';

// The assets go into the module's target/classes/seqvault-web, so the jar carries them and the
// server serves them at / (index.html uncached, hashed names under /assets cached for a year).
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'target/classes/seqvault-web',
    emptyOutDir: true,
    // No inline script anywhere: the server's Content-Security-Policy allows only 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
