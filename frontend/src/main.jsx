import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { QueryClientProvider } from "@tanstack/react-query";
import { App } from "./app/App.jsx";
import { AuthProvider } from "./lib/auth.jsx";
import { initI18n, setLanguage, startingLanguage } from "./lib/i18n.js";
import { makeQueryClient } from "./lib/query-client.js";
// Devanagari for Hindi and Marathi where the device has no such font: each face's unicode-range means a browser
// fetches it only for a page with Devanagari on it (a Latin page fetches nothing).
import "@fontsource/noto-sans-devanagari/400.css";
import "@fontsource/noto-sans-devanagari/700.css";
import "./styles.css";

// A transition: React renders the first page in slices, giving a phone's main thread back between them, instead of
// in one long task that holds up taps and scrolling.
const root = createRoot(document.getElementById("root"));
// The server wrote the page's language (web_ui.languages): on a studio's page or widget, the studio's default when the
// visitor has chosen none and their browser asks for none we speak.
const language = startingLanguage({ studioDefault: document.documentElement.lang });
initI18n({ language });
// The first page renders in its language: the bundle (one chunk, preloaded by the server's page) comes first.
setLanguage(language, { remember: false }).finally(() => startTransition(() => root.render(
  <StrictMode>
    <QueryClientProvider client={makeQueryClient()}>
      <BrowserRouter>
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
)));
