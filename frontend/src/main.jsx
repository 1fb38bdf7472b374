import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { QueryClientProvider } from "@tanstack/react-query";
import { App } from "./app/App.jsx";
import { AuthProvider } from "./lib/auth.jsx";
import { makeQueryClient } from "./lib/query-client.js";
import "./styles.css";

// A transition: React renders the first page in slices, giving a phone's main thread back between them, instead of
// in one long task that holds up taps and scrolling.
const root = createRoot(document.getElementById("root"));
startTransition(() => root.render(
  <StrictMode>
    <QueryClientProvider client={makeQueryClient()}>
      <BrowserRouter>
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
));
