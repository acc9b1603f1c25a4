import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by `npm run build` (`vite build src/web`) into dist/web, which the server serves with a
// strict CSP: no inline scripts or styles, so nothing here may emit any.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // The modulepreload polyfill is bundled into the entry chunk (not inline), CSP-safe.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // The editor chunk (CodeMirror with the languages Markdown can embed) is big but loaded on demand.
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev:web` next to `npm start`: the API is proxied, and the Origin rewritten to the
    // server's own so cookie-authenticated writes pass its CSRF check.
    proxy: {
      '/api': {
        target: 'http://localhost:3000',
        // Live events (/api/v1/events) are a WebSocket: proxied too, with the same Origin rewrite.
        ws: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => request.setHeader('origin', 'http://localhost:3000'));
          proxy.on('proxyReqWs', (request) => request.setHeader('origin', 'http://localhost:3000'));
        },
      },
    },
  },
});
