{% autoescape off %}// Xieshang's service worker (xieshang.web.pwa): the app shell, and the pages last viewed, readable offline.
// Network first; the cache only when the network fails. A page from the cache is marked (data-offline on
// <html>), which shows the "offline" banner through the style sheet: no inline script needed.
"use strict";
const VERSION = "{{ version }}";
const SHELL = "xieshang-shell-" + VERSION;
const PAGES = "xieshang-pages";
const SHELL_URLS = {{ shell }};
const OFFLINE_URL = {{ offline }};
const KEPT = {{ kept }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("xieshang-shell-") && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

function keep(request, response) {
  return caches.open(PAGES).then((cache) =>
    cache.delete(request, { ignoreVary: true })
      .then(() => cache.put(request, response))
      .then(() => cache.keys())
      .then((keys) => Promise.all(keys.slice(0, Math.max(0, keys.length - KEPT)).map((k) => cache.delete(k))))
  );
}

function marked(response) {
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return response.text().then((text) =>
    new Response(text.replace("<html ", '<html data-offline="cached" '), { status: 200, headers: headers })
  );
}

function page(event) {
  const url = new URL(event.request.url);
  const signingIn = url.pathname.startsWith("/login/") || url.pathname.startsWith("/signup/");
  return fetch(event.request).then((response) => {
    if (signingIn) {
      // the sign-in pages: signed out (or sent to sign in), so nothing kept for the account may stay readable
      event.waitUntil(caches.delete(PAGES));
    } else if (response.ok && (response.headers.get("Content-Type") || "").startsWith("text/html")) {
      event.waitUntil(keep(event.request, response.clone()));
    }
    return response;
  }).catch(() =>
    caches.open(PAGES)
      .then((cache) => cache.match(event.request, { ignoreVary: true }))
      .then((hit) => hit ? marked(hit) : caches.match(OFFLINE_URL, { ignoreVary: true }).then((o) => o ? marked(o) : Response.error()))
  );
}

function file(event) {
  return fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(SHELL).then((cache) => cache.put(event.request, copy)));
    }
    return response;
  }).catch(() => caches.match(event.request, { ignoreVary: true }).then((hit) => hit || Response.error()));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (new URL(request.url).pathname.startsWith("/static/")) {
    event.respondWith(file(event));
  }
});
{% endautoescape %}
