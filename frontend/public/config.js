// Development defaults: the Vite dev server proxies these prefixes to the two services.
// The Python server that serves the built app on port 5173 answers /config.js itself with the real URLs.
window.__APP_CONFIG__ = { mainApiUrl: "/main-api", crmApiUrl: "/crm-api" };
