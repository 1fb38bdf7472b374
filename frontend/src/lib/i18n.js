/**
 * The web app's languages: i18next with ICU MessageFormat (plurals and selects as translators know them), one
 * catalogue per feature (src/locales/<language>/<feature>.json, keyed by meaning), and one bundle per language that
 * loads when the language is first needed, so a visitor downloads only their own.
 *
 * Two pseudo-languages find what the real ones would break: "en-XA" (every letter accented and each string 40 %
 * longer: an English word left on a page is a string outside the catalogues; a layout that breaks is one a longer
 * language will break) and "ar-XB" (the same text read right to left: every page must mirror).
 */
// The instance's methods, as i18next's own docs use them (its named exports are the same instance's, unbound).
/* eslint-disable import/no-named-as-default-member */
import i18next from "i18next";
import ICU from "i18next-icu";
import { initReactI18next } from "react-i18next";

/** The languages a person can choose, by their own name; `tag` is the locale numbers and dates are written in (Marathi's
 *  own default is Devanagari digits: the app writes Western ones in every language, as people here read prices). */
export const LANGUAGES = [
  { code: "en", name: "English", tag: "en-IN" },
  { code: "hi", name: "हिन्दी", tag: "hi-IN" },
  { code: "mr", name: "मराठी", tag: "mr-IN-u-nu-latn" },
];

/** The pseudo-languages, offered beside the real ones where the app offers development tools. */
export const PSEUDO_LANGUAGES = [
  { code: "en-XA", name: "[Ēñğĺîšĥ ~~]", tag: "en-IN", from: "en", pseudo: { long: true } },
  { code: "ar-XB", name: "RTL (ar-XB)", tag: "en-IN", from: "en", pseudo: { long: true, rtl: true }, dir: "rtl" },
];

const ALL = [...LANGUAGES, ...PSEUDO_LANGUAGES];

/** i18next-icu over catalogues parsed when the app is built (build-tools/parsed-messages.js): a message's AST is
 *  formatted, and a message that is only text is its own translation. */
class ParsedICU extends ICU {
  parse(message, ...rest) {
    return typeof message === "string" ? message : super.parse(message, ...rest);
  }
}
const DEVANAGARI = ["hi", "mr"];
const STORAGE_KEY = "language";
// The server that serves index.html reads it to preload the language's bundle with the page.
const COOKIE = "lang";
const YEAR_SECONDS = 365 * 24 * 60 * 60;

// Two bundles per language (Vite makes a chunk of each): the words of the pages people land on (the catalogue,
// timetable, event and studio pages, the widget) and the rest, fetched when any other page is first opened, so that a
// phone's first visit carries a third of the catalogue (src/locales/bundles.test.js keeps each landing page's words in
// the first).
const BUNDLES = {
  en: { first: () => import("../locales/en/first.js"), rest: () => import("../locales/en/rest.js") },
  hi: { first: () => import("../locales/hi/first.js"), rest: () => import("../locales/hi/rest.js") },
  mr: { first: () => import("../locales/mr/first.js"), rest: () => import("../locales/mr/rest.js") },
};
// The bundles each language has in i18next ("hi/first"), and whether a page that needs the rest has been opened.
const loaded = new Set();
let restWanted = false;

const known = (code) => ALL.find((language) => language.code === code) ?? null;

/** The language entry for a code (English for one the app doesn't speak). */
export const languageOf = (code) => known(code) ?? LANGUAGES[0];

/** The code of the first of the browser's languages the app speaks ("hi-IN" → "hi"), else null. */
export function browserLanguage(preferred = globalThis.navigator?.languages ?? []) {
  for (const tag of preferred) {
    const code = String(tag).toLowerCase().split("-")[0];
    if (LANGUAGES.some((language) => language.code === code)) return code;
  }
  return null;
}

/** The language remembered on this device (chosen in the switcher, or the account's), else null. */
export function rememberedLanguage() {
  try {
    const code = globalThis.localStorage?.getItem(STORAGE_KEY);
    return known(code) ? code : null;
  } catch {
    return null;
  }
}

/** The language to start in: a ?lang= in the address, the remembered one, the browser's, the studio's, English. */
export function startingLanguage({ studioDefault = null, search = globalThis.location?.search ?? "" } = {}) {
  const asked = new URLSearchParams(search).get("lang");
  return [asked, rememberedLanguage(), browserLanguage(), studioDefault].find((code) => known(code)) ?? "en";
}

/** The locale tag numbers and dates are written in: en-IN, hi-IN, mr-IN; an English reader keeps their browser's
 *  English (en-GB, en-US) when it is one. */
export function localeTag(code = i18next.language) {
  const language = languageOf(code);
  const browser = globalThis.navigator?.language ?? "";
  if (language.code === "en" && /^en(-|$)/i.test(browser)) return browser;
  return language.tag;
}

async function catalogues(language, part) {
  const bundle = (await BUNDLES[language.from ?? language.code][part]()).default;
  if (!language.pseudo) return bundle;
  const { pseudoCatalogue } = await import("./pseudo-locale.js"); // developers' only: not in anyone's bundle
  return pseudoCatalogue(bundle, language.pseudo);
}

async function loadBundle(language, part) {
  const key = `${language.code}/${part}`;
  if (loaded.has(key)) return;
  const bundle = await catalogues(language, part);
  // Each namespace is whole in one bundle: nothing to merge into.
  for (const [namespace, messages] of Object.entries(bundle)) i18next.addResourceBundle(language.code, namespace, messages);
  loaded.add(key);
}

/** Loads a language's first bundle (once) into i18next, and its rest once a page has needed the rest. */
export async function loadLanguage(code) {
  const language = languageOf(code);
  await Promise.all([loadBundle(language, "first"), restWanted ? loadBundle(language, "rest") : null]);
  // A page that wants the rest may have opened while the first came.
  if (restWanted) await loadBundle(language, "rest");
}

/** Loads the words of every page in the app's language (once), and in every language it switches to from now on:
 *  the pages beyond the landing ones wait for it before they render (src/app/pages.js). */
export async function loadAllWords() {
  restWanted = true;
  await loadLanguage(i18next.language);
}

/** The page's language and direction follow the app's: screen readers pronounce, and layouts mirror, by them. */
function markDocument(code) {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  root.lang = code;
  root.dir = languageOf(code).dir ?? "ltr";
}

/** The Devanagari faces (main.jsx's @font-face rules), fetched before the words that need them are drawn: a browser
 *  that drew them first with no such font on the device can keep the empty boxes after the font arrives. */
function devanagariFonts() {
  const fonts = globalThis.document?.fonts;
  if (!fonts?.load) return Promise.resolve();
  return Promise.all(["400", "700"].map((weight) => fonts.load(`${weight} 1em "Noto Sans Devanagari"`, "क"))).catch(() => {});
}

/** Remembers a language on this device: in storage for the app, in a cookie (the bundle's language: a pseudo-language's
 *  is English's) for the server that serves the page. */
function remember(language) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language.code);
  } catch {
    // Private browsing without storage: the choice lasts this visit.
  }
  if (globalThis.document) {
    document.cookie = `${COOKIE}=${language.from ?? language.code}; path=/; max-age=${YEAR_SECONDS}; SameSite=Lax`;
  }
}

/** Switches the app to a language (loading its bundle first) and remembers it on this device. */
export async function setLanguage(code, { remember: keep = true } = {}) {
  const language = languageOf(code);
  await Promise.all([loadLanguage(language.code), DEVANAGARI.includes(language.code) ? devanagariFonts() : null]);
  await i18next.changeLanguage(language.code);
  markDocument(language.code);
  if (keep) remember(language);
}

/** Starts i18next (without any bundle: `setLanguage` loads one). `resources` preloads catalogues (the tests'). */
export function initI18n({ language = "en", resources, onMissing } = {}) {
  if (!i18next.isInitialized) {
    i18next
      .use(ParsedICU)
      .use(initReactI18next)
      .init({
        lng: language,
        fallbackLng: "en",
        defaultNS: "common",
        ns: ["common"],
        resources,
        partialBundledLanguages: true,
        interpolation: { escapeValue: false }, // React escapes what it renders
        // Numbers inside messages ({count, plural, …}) are written as the language's formatters write them.
        i18nFormat: { parseLngForICU: localeTag },
        returnNull: false,
        react: { useSuspense: false },
        // The tests pass onMissing: a page that asks for a key no catalogue has fails its test.
        saveMissing: Boolean(onMissing),
        missingKeyHandler: onMissing ? (languages, namespace, key) => onMissing(`${namespace}:${key}`) : false,
      });
  }
  return i18next;
}

/** A message outside React (lib code, toasts): t(namespaced key, values). */
export const t = (...args) => i18next.t(...args);

export { i18next };
