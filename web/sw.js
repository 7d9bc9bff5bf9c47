// Mogi's service worker: keeps the whole site on the device so a started exam goes on
// without a network, reload included, and moves to a new deploy only as a whole.
//
// This is a template: `cargo xtask dist` (xtask/src/dist.rs) writes it to the build as
// sw.js with FILES set to every file of that build and its SHA-256, and VERSION to a digest
// of that list, so any change to the site makes a new worker.
//
// - install: fetch every file, check each is the one this build was made with, and keep
//   them in this version's own cache (a deploy landing half-way fails the install; the
//   browser tries again later, and the old version keeps working meanwhile).
// - a new version then waits: pages keep being served by the old one, whole. The app offers
//   "reload" when no exam is in progress; that posts "skip-waiting" here.
// - activate: delete this site's caches of other versions.
// - fetch: the build's files cache first; a page load in scope gets this version's
//   index.html. Anything else goes to the network untouched.
'use strict';

const VERSION = '__MOGI_VERSION__';
const FILES = __MOGI_FILES__;

// One origin can host several sites (GitHub Pages: /repo-a/, /repo-b/): caches are named
// by scope, and only this scope's are ever deleted.
const PREFIX = `mogi ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  // One file at a time: with all fetches at once, Firefox 153 left some pending for ever.
  for (const [name, digest] of Object.entries(FILES)) {
    // A query no cache has seen (the browser's, a CDN's): this version's bytes, not stale ones.
    const response = await fetch(`${encodeURI(name)}?v=${VERSION}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    const actual = base64(await crypto.subtle.digest('SHA-256', body));
    if (actual !== digest) throw new Error(`${name} is not this version's file`);
    const { status, statusText, headers } = response;
    await cache.put(name, new Response(body, { status, statusText, headers }));
  }
}

function base64(buffer) {
  return btoa(String.fromCharCode(...new Uint8Array(buffer)));
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    // Take over the page that installed this worker, so it works offline from now on.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  let name = decodeURIComponent(url.pathname.slice(scope.pathname.length));
  if (name === '' && request.mode === 'navigate') name = 'index.html';
  if (!Object.prototype.hasOwnProperty.call(FILES, name)) return;
  event.respondWith(fromCache(name, request));
});

async function fromCache(name, request) {
  const hit = await (await caches.open(CACHE)).match(name);
  // Only when the cache was cleared under us (storage pressure, the user): the network.
  return hit || fetch(request);
}
