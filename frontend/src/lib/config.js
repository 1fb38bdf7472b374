/**
 * Where the main API, the CRM and the live stream of notification counts are: window.__APP_CONFIG__ (from /config.js), then build-time env, then the dev proxy.
 * devTools: whether to offer the development-only pages (the mailbox) in the navigation: __APP_CONFIG__.devTools when
 * the server says, else VITE_DEV_TOOLS ("true" / "false") at build time, else only under Vite's dev server.
 */
export function loadConfig(source = globalThis.window?.__APP_CONFIG__ ?? {}) {
  const env = import.meta.env ?? {};
  const trim = (url) => String(url).replace(/\/+$/, "");
  const builtDevTools = env.VITE_DEV_TOOLS === undefined ? Boolean(env.DEV) : env.VITE_DEV_TOOLS === "true";
  return {
    mainApiUrl: trim(source.mainApiUrl ?? env.VITE_MAIN_API_URL ?? "/main-api"),
    crmApiUrl: trim(source.crmApiUrl ?? env.VITE_CRM_API_URL ?? "/crm-api"),
    streamUrl: trim(source.streamUrl ?? env.VITE_STREAM_URL ?? "/live"),
    devTools: typeof source.devTools === "boolean" ? source.devTools : builtDevTools,
  };
}
