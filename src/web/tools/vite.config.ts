/**
 * Vite build of the web app: src/web → dist/web, served by the Punchclock server at / (app.ts).
 * `npm run dev:web` serves it with hot reload and proxies the API to a server on :8080.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.PUNCHCLOCK_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  base: '/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: Object.fromEntries(['/v2', '/web/', '/setup', '/invite', '/healthz'].map((p) => [p, api])),
  },
});
