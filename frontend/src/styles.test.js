/** The colours of both themes (styles.css's variables) against WCAG AA: jsdom lays nothing out, so axe cannot
 *  measure contrast in the tests; the variables every text and background pair is drawn from are checked here. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { describe, expect, it } from "vitest";

// Read from the disk (Vitest runs in frontend/): the tests load no CSS (vite.config.js css: false), not even as ?raw.
const css = readFileSync(join(cwd(), "src", "styles.css"), "utf8");

/** The variables a rule's block sets: {"--bg": "#f7f5f0", …}. */
function variablesOf(selector) {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...block.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map(([, name, value]) => [name, value]));
}

/** WCAG's relative luminance of a #rrggbb colour. */
function luminance(hex) {
  const channel = (index) => {
    const value = parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

const contrast = (a, b) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

// [words, background]: every pair the widget's pages (and the app's) draw.
const PAIRS = [
  ["--text", "--bg"],
  ["--text", "--surface"],
  ["--text", "--head-bg"],
  ["--muted", "--bg"],
  ["--muted", "--surface"],
  ["--muted", "--head-bg"],
  ["--brand-dark", "--bg"],
  ["--brand-dark", "--surface"],
  ["--brand-dark", "--brand-soft"],
  ["--on-brand", "--brand"],
  ["--on-brand", "--brand-dark"],
  ["--on-brand", "--danger"],
  ["--danger", "--surface"],
  ["--ok-text", "--ok-soft"],
  ["--warn-text", "--warn-soft"],
  ["--danger-text", "--danger-soft"],
  ["--retreat-text", "--retreat-soft"],
  ["--text", "--hover-bg"],
];

describe("the themes' colours", () => {
  const light = variablesOf(":root");
  const dark = { ...light, ...variablesOf(':root[data-theme="dark"]') };

  it.each([
    ["light", light],
    ["dark", dark],
  ])("keep 4.5:1 between words and their background in the %s theme", (_name, theme) => {
    for (const [words, background] of PAIRS) {
      expect({ words, background, ratio: contrast(theme[words], theme[background]) >= 4.5 }).toEqual({ words, background, ratio: true });
    }
  });

  it("gives the dark theme its own value for every colour the pairs use", () => {
    const own = variablesOf(':root[data-theme="dark"]');
    expect(PAIRS.flat().filter((name) => !own[name])).toEqual([]);
  });
});

describe("a right-to-left page", () => {
  // Every style sheet: the base one and each feature's beside it.
  const sheets = readdirSync(join(cwd(), "src"), { recursive: true }).filter((path) => path.endsWith(".css"));

  it("mirrors: the styles use logical sides (inline-start/end), never left or right", () => {
    const physical = sheets.flatMap((path) =>
      readFileSync(join(cwd(), "src", path), "utf8")
        .split("\n")
        .filter((line) => /(margin|padding|border)-(left|right)\b|(^|[\s;{])(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)/.test(line))
        .map((line) => `${path}: ${line.trim()}`),
    );
    expect(sheets).toContain("styles.css");
    expect(physical).toEqual([]);
  });
});
