/** Where the main API and the CRM are: window.__APP_CONFIG__ (from /config.js), then build-time env, then the dev proxy. */
export function loadConfig(source = globalThis.window?.__APP_CONFIG__ ?? {}) {
  const env = import.meta.env ?? {};
  const trim = (url) => String(url).replace(/\/+$/, "");
  return {
    mainApiUrl: trim(source.mainApiUrl ?? env.VITE_MAIN_API_URL ?? "/main-api"),
    crmApiUrl: trim(source.crmApiUrl ?? env.VITE_CRM_API_URL ?? "/crm-api"),
  };
}
