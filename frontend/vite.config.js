import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

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

export default defineConfig({
  plugins: [react()],
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
  build: { outDir: "dist", sourcemap: false },
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
});
