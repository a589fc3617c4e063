import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The API server the dev server and `vite preview` forward to.
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  // Pinned so `vite build client` from the repo root and `npm run build -w client` agree.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), withoutCspInDev()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/socket.io': { target: apiServer, ws: true },
    },
  },
});

/**
 * index.html carries the server's content-security policy, which forbids inline style; the dev
 * server injects CSS as <style> elements, so only the built page keeps the meta tag.
 */
function withoutCspInDev(): Plugin {
  return {
    name: 'ringstuga:without-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}
