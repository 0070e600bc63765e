// The service worker of NpsCloud: the shell (styles, scripts, icons, the offline page) is cached under a
// versioned name so a phone shows a readable page without a network; pages and API answers are never
// cached, because a signed-in page holds tenant data and phones are shared (docs/decisions/0039).
// Raise VERSION when the shell list changes: the new worker fills a new cache and deletes the old ones.
const VERSION = 'v1';
const SHELL_CACHE = 'nps-shell-' + VERSION;
const OFFLINE_URL = '/offline';
const SHELL = [
  OFFLINE_URL,
  '/css/site.css',
  '/js/sw-register.js',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/apple-touch-icon.png',
  '/manifest.webmanifest'
];

self.addEventListener('install', (event) => {
  // The offline page shows no account and no tenant data (it is safe to keep); the language cookie picks its language.
  event.waitUntil(caches.open(SHELL_CACHE)
    .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith('nps-shell-') && key !== SHELL_CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

function isShellAsset(url) {
  return url.origin === self.location.origin && SHELL.includes(url.pathname) && url.pathname !== OFFLINE_URL;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    // Network first, always: the page itself is never stored. Without a network, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL, { cacheName: SHELL_CACHE })
      .then((cached) => cached || Response.error())));
    return;
  }

  if (isShellAsset(url)) {
    // Network first keeps styles fresh; the cached copy (any ?v= version) serves the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname, { cacheName: SHELL_CACHE, ignoreSearch: true })
      .then((cached) => cached || Response.error())));
  }
  // Everything else (API answers, exports, other pages' assets) goes to the network untouched.
});

self.addEventListener('message', (event) => {
  // The page asks for the offline page again after the reader switched language.
  if (event.data && event.data.type === 'refresh-offline') {
    event.waitUntil(caches.open(SHELL_CACHE).then((cache) =>
      fetch(OFFLINE_URL, { credentials: 'same-origin', cache: 'reload' }).then((response) => response.ok ? cache.put(OFFLINE_URL, response) : undefined)));
  }
});

self.addEventListener('push', (event) => {
  // The server sends {title, body, url} (docs/operations.md, "Web push"): no customer comment, only score,
  // department and a link, because a lock screen is visible to anyone holding the phone.
  let message = {};
  try { message = event.data ? event.data.json() : {}; } catch (e) { message = {}; }
  const title = message.title || 'NpsCloud';
  event.waitUntil(self.registration.showNotification(title, {
    body: message.body || '',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    tag: message.tag || undefined,
    data: { url: message.url || '/app/follow-ups' }
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || '/app/follow-ups', self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    for (const client of windows) {
      if (client.url === target.href && 'focus' in client) return client.focus();
    }
    return self.clients.openWindow(target.href);
  }));
});
