/**
 * Pseudo-translations of the English catalogues (see i18n.js): each letter accented, each string 40 % longer, and for
 * the right-to-left one wrapped in right-to-left marks. The catalogues come parsed (build-tools/parsed-messages.js):
 * placeholders, plurals and react-i18next's tags keep their place and names, only the text between them changes, so a
 * pseudo-translated page shows the same values where English shows them.
 */
import { TYPE } from "@formatjs/icu-messageformat-parser/no-parser.js";

const ACCENTED = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter, index) => [
    letter,
    [..."àƀçđéƒğĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĞĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"][index],
  ]),
);
const RLM = "\u200f";

// react-i18next's tags (<strong>, </strong>, <0/>): left in a message's text, and kept as they are.
const TAG = /(<\/?\w+\s*\/?>)/;

/** "Book now" → "Ɓöök ñöŵ ~~~": accented, with a tail that makes it 40 % longer (spaces count, so it can wrap). */
function pseudoText(text, { long, rtl }) {
  if (!text.trim()) return text;
  let out = text
    .split(TAG)
    .map((part) => (TAG.test(part) ? part : [...part].map((letter) => ACCENTED[letter] ?? letter).join("")))
    .join("");
  if (long) out += ` ${"~".repeat(Math.max(1, Math.ceil(text.length * 0.4) - 1))}`;
  return rtl ? `${RLM}${out}${RLM}` : out;
}

function transform(elements, options) {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: pseudoText(element.value, options) };
    if (element.type !== TYPE.plural && element.type !== TYPE.select) return element;
    const choices = Object.entries(element.options).map(([name, option]) => [name, { ...option, value: transform(option.value, options) }]);
    return { ...element, options: Object.fromEntries(choices) };
  });
}

/** One message pseudo-translated: a parsed one's text parts, or a message that is only text. */
export function pseudoMessage(message, options) {
  return typeof message === "string" ? pseudoText(message, options) : transform(message, options);
}

function pseudoTree(value, options) {
  if (typeof value === "string" || Array.isArray(value)) return pseudoMessage(value, options);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, pseudoTree(inner, options)]));
}

/** A bundle ({namespace: messages}) pseudo-translated, {long, rtl} as the pseudo-language asks. */
export function pseudoCatalogue(bundle, options) {
  return pseudoTree(bundle, options);
}
