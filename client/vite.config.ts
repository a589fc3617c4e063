import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The API server the dev server and `vite preview` forward to.
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  // Pinned so `vite build client` from the repo root and `npm run build -w client` agree.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), withoutCspInDev(), installable()],
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

/**
 * An installable web app whose pages open without a connection: the service worker caches the
 * built files, never the API or socket.io (contacts are not kept on the device). It is registered
 * by the app itself (client/src/lib/secure-context/service-worker.ts), only where browsers allow a
 * worker: over HTTPS or on localhost, never over a room's plain HTTP.
 */
function installable() {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: false,
    includeAssets: ['icon-192.png', 'icon-512.png', 'icon-maskable-512.png'],
    manifest: {
      name: 'Ringstuga',
      short_name: 'Ringstuga',
      description: 'Ringstuga: nästa kontakt, ett tryck för att ringa, ett för utfallet.',
      lang: 'sv',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#f6f5f1',
      theme_color: '#0b5cad',
      icons: [
        { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
      // Every page is the one index.html; API calls and the socket go to the network, always.
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//],
      cleanupOutdatedCaches: true,
    },
  });
}
