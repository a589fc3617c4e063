/**
 * Registers the service worker that caches the built files, so pages open without a connection
 * and the browser can install the app. Browsers allow service workers only in secure contexts
 * (HTTPS, or localhost): over a room's plain HTTP there is none, the pages need the connection to
 * open, and nothing offers to install them; outcomes recorded offline still wait in the outbox
 * (localStorage), which works on any page.
 */
export function registerServiceWorker(): void {
  // The dev server builds no worker; a registration there would only fail.
  if (!import.meta.env.PROD || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Refused (storage blocked, a private window): the pages still work online.
    });
  };
  // After the page's own loading, so the worker's precache does not compete with it.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
