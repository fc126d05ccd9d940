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
    // igv.js is one chunk of ~1.5 MB, loaded only when a genome view opens (src/genome/igvView.ts);
    // the main bundle stays small, so the size warning would only be noise.
    chunkSizeWarningLimit: 1600,
  },
  // The CRAM fixtures of the unit tests are imported as data URLs (`?inline`); the page imports none.
  assetsInclude: ['**/*.cram'],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
