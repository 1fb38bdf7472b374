import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { parsedMessages } from "./build-tools/parsed-messages.js";

// `npm run dev` (or `python3 dev.py run --dev`) proxies the services and the live stream under one origin, so the dev
// server needs no CORS; the built app served on 5173 calls the services on their own ports instead.
const mainApi = process.env.MAIN_API_URL || "http://127.0.0.1:5000";
const crmApi = process.env.CRM_API_URL || "http://127.0.0.1:5001";
const liveStream = process.env.LIVE_STREAM_URL || "http://127.0.0.1:5003";

const proxyTo = (prefix, target) => ({
  target,
  changeOrigin: true,
  rewrite: (path) => path.slice(prefix.length) || "/",
});

// The app installs on a phone and opens with no network (the facilitator's check-in page at a door without wifi): a
// service worker keeps the built app. It keeps no answer of the services (their data is live; the check-in page saves
// what it needs in IndexedDB itself) and fetches /config.js, which the server writes, from the network first.
const pwa = VitePWA({
  registerType: "autoUpdate",
  injectRegister: "script-defer", // a file, not an inline script: the server's CSP allows only our own scripts
  manifest: {
    name: "Sessions & Retreats",
    short_name: "Sessions",
    description: "Book sessions and retreats; facilitators run them.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f7f5f0",
    theme_color: "#2f6f5e",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/favicon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  },
  workbox: {
    globPatterns: ["**/*.{js,css,html}"], // and the manifest with its icons, which the plugin adds
    // config.js: the development defaults (the server answers /config.js itself); sw-config.js: the worker's own part.
    // ReportsPage-*: the staff's reports and their charts (400 kB) are read online; nobody's phone keeps them.
    globIgnores: ["config.js", "sw-config.js", "**/ReportsPage-*"],
    navigateFallback: "/index.html",
    // A studio's widget (/embed/…) always comes from the server: its answer carries the frame-ancestors that let the
    // studio's site frame it, where the cached index.html's would forbid any framing.
    navigateFallbackDenylist: [/^\/(api|auth|health|openapi\.json)(\/|$)/, /^\/embed\//],
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === "/config.js",
        handler: "NetworkFirst",
        // The cache public/sw-config.js fills as the worker installs.
        options: { cacheName: "runtime-config", networkTimeoutSeconds: 5, matchOptions: { ignoreVary: true } },
      },
    ],
    importScripts: ["sw-config.js"],
    cleanupOutdatedCaches: true,
  },
});

// The catalogues' messages come parsed (build-tools/parsed-messages.js): the built app needs no ICU parser. (The tests
// keep it: the catalogue checks parse the messages as written.)
const withoutParser = [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: "@formatjs/icu-messageformat-parser/no-parser.js" }];

// A public page's script in three chunks (and its page's own) instead of some thirty small ones, as a phone on HTTP/1.1
// pays a round trip for each beyond six: what the app's entry loads before any page (React, the router, i18n, React
// Query); the public booking flow with the shared components and helpers, which the timetable, event and studio
// pages need nearly all of at once (a page component stays a chunk of its own: *Page.jsx); its words (src/lib/i18n.js).
const BOOKING_CODE = /\/src\/(components|lib|features\/(bookings|events|passes))\//;
const CHUNKS = [
  { name: "app", tags: ["$initial"] },
  { name: "booking", test: (id) => BOOKING_CODE.test(id) && !/Page\.jsx$/.test(id) },
];

export default defineConfig(({ command }) => ({
  plugins: [react(), pwa, parsedMessages()],
  resolve: { alias: command === "build" ? withoutParser : [] },
  server: {
    host: process.env.WEB_HOST || "127.0.0.1",
    port: Number(process.env.WEB_PORT || 5173),
    strictPort: true,
    proxy: {
      "/main-api": proxyTo("/main-api", mainApi),
      "/crm-api": proxyTo("/crm-api", crmApi),
      "/live": proxyTo("/live", liveStream),
    },
  },
  // manifest: which chunks each page's module needs, for the web app server's modulepreload links (web_ui/pages.py).
  build: {
    outDir: "dist",
    sourcemap: false,
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: CHUNKS } } },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.js"],
    css: false,
    // One jsdom per worker instead of one per file: 15 s instead of 50 s here. Safe because every test
    // renders with its own QueryClient and the setup file clears the DOM and localStorage after each test.
    isolate: false,
    // Every core: Vitest's default leaves one free, which on a two-core machine means one worker.
    maxWorkers: "100%",
    // Typing into forms in jsdom is CPU work: with the cores shared (another test run, a build), a sound test can
    // pass Vitest's default 5 s. A hung test still fails, at 20 s.
    testTimeout: 20_000,
    // Dates, relative times and zone names are written in the default locale: English, whatever the machine's.
    // (Set when the workers start, the only time Node reads it; tests set the viewer's zone themselves.)
    env: { LC_ALL: "en_US.UTF-8" },
  },
}));
