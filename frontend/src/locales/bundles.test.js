/**
 * Each language's words come in two bundles (src/lib/i18n.js): the first, fetched with the pages people land on, and
 * the rest. Every namespace is in exactly one of them, the same in every language, and every namespace the landing
 * pages (and the frame around them) ask for is in the first: a page that asked for a word of the rest would show its
 * key until the rest came.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { cwd } from "node:process";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../lib/i18n.js";

const SRC = join(cwd(), "src"); // Vitest runs in frontend/
const bundles = import.meta.glob("./*/{first,rest}.js", { eager: true, import: "default" });
const namespacesOf = (language, part) => Object.keys(bundles[`./${language}/${part}.js`]).sort();
const FIRST = namespacesOf("en", "first");

// `import … from "./x"` and `export … from "./x"` (static imports: what loads with the module), and the namespaces
// a module asks for: useTranslation("ns") and "ns:key".
const IMPORT = /(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\s+["'](\.[^"']+)["']/g;
const NAMESPACE = /useTranslation\(\s*["'](\w+)["']|["'`](\w+):[a-zA-Z_][\w.]*/g;

function file(path) {
  const found = [path, `${path}.js`, `${path}.jsx`, join(path, "index.js")].find((candidate) => {
    try {
      return readFileSync(candidate) && /\.jsx?$/.test(candidate);
    } catch {
      return false;
    }
  });
  return found ?? null;
}

/** Every module the given ones load with them, by static imports. */
function staticGraph(starts) {
  const seen = new Set();
  const todo = [...starts];
  while (todo.length) {
    const path = todo.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    for (const [, from, bare] of readFileSync(path, "utf8").matchAll(IMPORT)) {
      const target = file(resolve(dirname(path), from ?? bare));
      if (target) todo.push(target);
    }
  }
  return [...seen];
}

/** The modules of the pages that need only the first bundle (pages.js's landingPage). */
function landingPages() {
  const pages = readFileSync(join(SRC, "app", "pages.js"), "utf8");
  return [...pages.matchAll(/landingPage\(\(\) => import\("([^"]+)"\)/g)].map(([, path]) => file(resolve(SRC, "app", path)));
}

describe("the bundles of words", () => {
  it("hold every namespace once, the same ones in every language", () => {
    const all = readdirSync(join(SRC, "locales", "en")).filter((name) => name.endsWith(".json")).map((name) => name.slice(0, -5));
    expect([...FIRST, ...namespacesOf("en", "rest")].sort()).toEqual(all.sort());
    for (const { code } of LANGUAGES) {
      expect(namespacesOf(code, "first")).toEqual(FIRST);
      expect(namespacesOf(code, "rest")).toEqual(namespacesOf("en", "rest"));
    }
  });

  it("give the landing pages and the app's frame every word they ask for in the first", () => {
    const starts = [join(SRC, "main.jsx"), ...landingPages()];
    expect(starts.length).toBeGreaterThanOrEqual(6);
    const asked = new Set();
    for (const path of staticGraph(starts)) {
      for (const [, hook, prefix] of readFileSync(path, "utf8").matchAll(NAMESPACE)) asked.add(hook ?? prefix);
    }
    const namespaces = [...asked].filter((name) => FIRST.includes(name) || namespacesOf("en", "rest").includes(name));
    expect(namespaces.filter((name) => !FIRST.includes(name))).toEqual([]);
    expect(namespaces).toContain("bookings");
  });
});
