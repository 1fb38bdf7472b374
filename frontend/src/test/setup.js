import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { i18next, initI18n, loadAllWords, setLanguage } from "../lib/i18n.js";
import first from "../locales/en/first.js";
import rest from "../locales/en/rest.js";

// Every test reads the app in English from the catalogues; a key no catalogue has fails the test that shows it.
const missingKeys = [];
initI18n({ language: "en", resources: { en: { ...first, ...rest } }, onMissing: (key) => missingKeys.push(key) });
// A component rendered alone is any page's: every language the tests switch to comes with all its words.
await loadAllWords();

// findBy and waitFor give up after this long: the linters run beside Vitest, so a busy machine must not fail a test.
configure({ asyncUtilTimeout: 5000 });

afterEach(async () => {
  cleanup();
  window.localStorage.clear();
  if (i18next.language !== "en" || document.documentElement.dir !== "ltr") await setLanguage("en", { remember: false });
  if (missingKeys.length) throw new Error(`Keys missing from the catalogues: ${missingKeys.splice(0).join(", ")}`);
});
