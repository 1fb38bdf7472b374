/**
 * The catalogues hold together: every language has every key English has and no other, every message is ICU that
 * parses, a translation uses the same placeholders, plurals, selects and tags as its English, and no message is
 * empty; every key is used by the code, and every key the code asks for (t("…"), i18nKey="…") exists.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { cwd } from "node:process";
import { TYPE, isStructurallySame, parse } from "@formatjs/icu-messageformat-parser";
import { LANGUAGES } from "./i18n.js";

const SRC = join(cwd(), "src"); // Vitest runs in frontend/
const LOCALES = join(SRC, "locales");

const flatten = (tree, prefix = "") =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [[`${prefix}${key}`, value]] : flatten(value, `${prefix}${key}.`)));

/** {language: {"namespace:key": message}} */
function catalogues() {
  return Object.fromEntries(
    LANGUAGES.map(({ code }) => {
      const files = readdirSync(join(LOCALES, code)).filter((name) => name.endsWith(".json"));
      const messages = files.flatMap((name) => {
        const namespace = name.slice(0, -5);
        return flatten(JSON.parse(readFileSync(join(LOCALES, code, name), "utf8"))).map(([key, text]) => [`${namespace}:${key}`, text]);
      });
      return [code, Object.fromEntries(messages)];
    }),
  );
}

/** Every plural and select of a message by argument name, with its options' names. */
function choices(elements, found = {}) {
  for (const element of elements) {
    if (element.type === TYPE.select) found[element.value] = Object.keys(element.options).sort().join("|");
    if (element.type === TYPE.plural) found[element.value] = "plural";
    if (element.type === TYPE.tag) choices(element.children, found);
    if (element.type === TYPE.plural || element.type === TYPE.select) Object.values(element.options).forEach((option) => choices(option.value, found));
  }
  return found;
}

function sourceFiles(directory = SRC) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "locales" || entry.name === "test" ? [] : sourceFiles(path);
    return /\.(js|jsx)$/.test(entry.name) && !/\.test\.(js|jsx)$/.test(entry.name) ? [path] : [];
  });
}

/** {file, namespaces (useTranslation's, "common" by default), literals (every quoted string), asked (t's keys)} */
function readSource(path) {
  const code = readFileSync(path, "utf8");
  const used = [...code.matchAll(/useTranslation\(\s*(\[[^\]]*\]|"[^"]*"|'[^']*')?/g)].flatMap((match) => (match[1] ?? '"common"').match(/[\w-]+/g) ?? []);
  const literals = new Set([...code.matchAll(/["'`]([\w-]+(?::[\w.-]+|(?:\.[\w-]+)+))["'`]/g)].map((match) => match[1]));
  const asked = [...code.matchAll(/\bt\(\s*["']([^"'`$]+)["']|i18nKey=["']([^"']+)["']/g)].map((match) => match[1] ?? match[2]);
  return { file: relative(SRC, path), namespaces: used.length ? used : ["common"], literals, asked };
}

/** What is wrong with each message of a catalogue: empty, not ICU, or not shaped as its English (when given). */
function shapeProblems(messages, source) {
  const problems = [];
  for (const [key, text] of Object.entries(messages)) {
    if (!text.trim()) problems.push(`${key}: empty`);
    let elements;
    try {
      elements = parse(text);
    } catch (error) {
      problems.push(`${key}: ${error.message}`);
      continue;
    }
    if (!(key in source)) continue;
    const english = parse(source[key]);
    const same = isStructurallySame(english, elements);
    if (!same.success) problems.push(`${key}: ${same.error.message}`);
    const [ours, theirs] = [choices(english), choices(elements)];
    const keys = Object.keys(ours).sort();
    if (JSON.stringify(ours, keys) !== JSON.stringify(theirs, keys) || keys.length !== Object.keys(theirs).length) problems.push(`${key}: plurals/selects differ`);
  }
  return problems;
}

const full = (key, namespaces) => (key.includes(":") ? [key] : namespaces.map((namespace) => `${namespace}:${key}`));

const all = catalogues();
const english = all.en;
const sources = sourceFiles().map(readSource);

describe("the catalogues", () => {
  it.each(LANGUAGES.filter(({ code }) => code !== "en").map(({ code }) => code))("%s has exactly English's keys", (code) => {
    const keys = Object.keys(all[code]);
    expect(keys.filter((key) => !(key in english))).toEqual([]);
    expect(Object.keys(english).filter((key) => !(key in all[code]))).toEqual([]);
  });

  it.each(LANGUAGES.map(({ code }) => code))("%s: every message parses, none is empty, each matches English's shape", (code) => {
    expect(shapeProblems(all[code], code === "en" ? {} : english)).toEqual([]);
  });

  it("finds a translation that drops a placeholder, renames one or loses a plural", () => {
    const source = { "a:b": "{count, plural, one {# class} other {# classes}} with {name}" };
    expect(shapeProblems({ "a:b": "{count} कक्षाएँ {name} के साथ" }, source)).toHaveLength(2);
    expect(shapeProblems({ "a:b": "{count, plural, other {# कक्षाएँ}} {naam} के साथ" }, source)).toHaveLength(1);
    expect(shapeProblems({ "a:b": "" }, source)).toHaveLength(3);
  });

  it("holds no key the code does not use", () => {
    const used = new Set(sources.flatMap(({ literals, namespaces }) => [...literals].flatMap((literal) => full(literal, namespaces))));
    expect(Object.keys(english).filter((key) => !used.has(key))).toEqual([]);
  });

  it("has every key the code asks for", () => {
    const missing = sources.flatMap(({ file, asked, namespaces }) =>
      asked.filter((key) => !full(key, namespaces).some((name) => name in english)).map((key) => `${file}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
});
