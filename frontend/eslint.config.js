// ESLint flat config: recommended JS, React and hooks rules, and the import boundaries of bulletproof-react:
// a feature imports no other feature; shared code (components, lib, test helpers) imports no feature and not the
// app layer; only the app layer (src/app, src/main.jsx) puts features together.
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import importPlugin from "eslint-plugin-import";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import i18next from "eslint-plugin-i18next";

const FEATURES = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const APP_LAYER = ["./src/app", "./src/main.jsx"];
const SHARED = ["./src/components", "./src/lib", "./src/test"];

const boundaries = [
  // Each feature stands alone: what two features need goes to shared code, what joins them to the app layer.
  ...FEATURES.map((name) => ({
    target: `./src/features/${name}`,
    from: "./src/features",
    except: [`./${name}`],
    message: "A feature imports no other feature: move what both need to src/lib or src/components, or compose them in src/app.",
  })),
  { target: "./src/features", from: APP_LAYER, message: "Features don't import the app layer: the app layer composes them." },
  { target: SHARED, from: ["./src/features", ...APP_LAYER], message: "Shared code imports no feature and not the app layer." },
];

// Every word a person reads comes from the catalogues (src/locales): no text in JSX, nor in the attributes people read
// or hear (labels, titles, placeholders, alt).

const readAttributes = ["aria-label", "aria-description", "title", "placeholder", "alt", "label"];

export default [
  { ignores: ["dist/", "node_modules/"] },
  js.configs.recommended,
  react.configs.flat.recommended,
  react.configs.flat["jsx-runtime"],
  reactHooks.configs.flat.recommended,
  importPlugin.flatConfigs.recommended,
  {
    files: ["**/*.{js,jsx}"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: globals.browser,
    },
    settings: {
      react: { version: "detect" },
      "import/resolver": { node: { extensions: [".js", ".jsx"] } },
    },
    rules: {
      "import/no-restricted-paths": ["error", { zones: boundaries }],
      // Props are documented in each component's comment; the app has no PropTypes (React 19 ignores them).
      "react/prop-types": "off",
      // Apostrophes are everyday copy here ("You're booked!"); the characters that really break JSX stay flagged.
      "react/no-unescaped-entities": ["error", { forbid: [">", "}"] }],
    },
  },
  {
    files: ["src/**/*.jsx"],
    ignores: ["**/*.test.jsx", "src/test/**"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": ["error", {
        mode: "jsx-only",
        "jsx-attributes": { include: readAttributes },
        // Calls that take names, keys and paths, not words: permissions, query keys, routes, DOM, storage, form fields.
        callees: { exclude: ["i18n(ext)?", "t", "can", "require", "addEventListener", "removeEventListener", "postMessage", "getElementById", "querySelector", "closest", "dispatch", "commit", "includes", "indexOf", "endsWith", "startsWith", "get", "has", "set", "navigate", "useTranslation", "field"] },
        words: { exclude: ["[0-9!-/:-@[-`{-~·–—…✕✓←→↑↓•×]+", "[A-Z_-]+", /^\p{Emoji}+$/u] },
      }],
    },
  },
  {
    files: ["**/*.test.{js,jsx}", "src/test/**"],
    languageOptions: { globals: { ...globals.browser, ...globals.vitest } },
  },
  {
    files: ["eslint.config.js", "vite.config.js", "build-tools/**/*.js"],
    languageOptions: { globals: globals.node },
    // The plugin's resolver doesn't read package.json "exports", the only entry vite and its React plugin have.
    rules: { "import/no-unresolved": ["error", { ignore: ["^vite$", "^@vitejs/plugin-react$"] }] },
  },
];
