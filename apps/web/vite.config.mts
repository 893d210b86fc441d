import react from '@vitejs/plugin-react-swc';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app. `npm run web:build` writes apps/web/dist, which the API serves
 * at `/`. `npm run web:dev` serves it with hot reload and forwards the API's
 * paths to a running API (API_URL, default http://localhost:3000).
 */
const api = process.env.API_URL ?? 'http://localhost:3000';
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: Object.fromEntries(['/graphql', '/media', '/exports', '/certificates', '/health'].map((p) => [p, { target: api, changeOrigin: false }])),
  },
});
