// Mogi's service worker: keeps the whole site on the device so a started exam goes on
// without a network, reload included, and moves to a new deploy only as a whole.
//
// This is a template: `cargo xtask dist` (xtask/src/dist.rs) writes it to the build as
// sw.js with FILES set to every file of that build and its SHA-256, and VERSION to a digest
// of that list, so any change to the site makes a new worker.
//
// - install: fetch every file, check each is the one this build was made with, and keep
//   them in this version's own cache (a deploy landing half-way fails the install; the
//   browser tries again later, and the old version keeps working meanwhile). The page has
//   just downloaded most of them, so the browser's HTTP cache is asked first; only a file
//   whose cached bytes are not this version's is fetched again past it.
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
    // The page itself was most likely opened as the site's directory (`./`), not as index.html.
    let file = await download(name === 'index.html' ? './' : encodeURI(name), {});
    if (file.digest !== digest) {
      // A query no cache has seen (the browser's, a CDN's): this version's bytes, not stale ones.
      file = await download(`${encodeURI(name)}?v=${VERSION}`, { cache: 'no-store' });
      if (!file.response.ok) throw new Error(`${name}: HTTP ${file.response.status}`);
      if (file.digest !== digest) throw new Error(`${name} is not this version's file`);
    }
    const { status, statusText, headers } = file.response;
    await cache.put(name, new Response(file.body, { status, statusText, headers }));
  }
}

// The response, and for a success its bytes and their SHA-256.
async function download(url, options) {
  const response = await fetch(url, options);
  const body = response.ok ? await response.arrayBuffer() : null;
  const digest = body && base64(await crypto.subtle.digest('SHA-256', body));
  return { response, body, digest };
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
