// Imported by the service worker (vite.config.js): the server's /config.js, which says where the services are, is
// kept in the "runtime-config" cache as the worker installs, so a page first opened online still starts when it is
// reloaded with no network. Each later load reads it from the network first and keeps that copy instead.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open("runtime-config")
      .then((cache) => cache.add("/config.js"))
      .catch(() => {}), // no server now: the first load with one keeps it
  );
});
