/**
 * Pseudo-translations of the English catalogues (see i18n.js): each letter accented, each string 40 % longer, and for
 * the right-to-left one wrapped in right-to-left marks. Placeholders, plurals and tags keep their ICU structure: only
 * the text between them changes, so a pseudo-translated page shows the same values where English shows them.
 */
import { TYPE, parse } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";

const ACCENTED = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter, index) => [
    letter,
    [..."àƀçđéƒğĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĞĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"][index],
  ]),
);
const RLM = "\u200f";

/** "Book now" → "Ɓöök ñöŵ ~~~": accented, with a tail that makes it 40 % longer (spaces count, so it can wrap). */
function pseudoText(text, { long, rtl }) {
  if (!text.trim()) return text;
  let out = [...text].map((letter) => ACCENTED[letter] ?? letter).join("");
  if (long) out += ` ${"~".repeat(Math.max(1, Math.ceil(text.length * 0.4) - 1))}`;
  return rtl ? `${RLM}${out}${RLM}` : out;
}

function transform(elements, options) {
  for (const element of elements) {
    if (element.type === TYPE.literal) element.value = pseudoText(element.value, options);
    if (element.type === TYPE.tag) transform(element.children, options);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) transform(option.value, options);
    }
  }
  return elements;
}

/** One message pseudo-translated; a message ICU cannot read stays as it is (the catalogue test reports it). */
export function pseudoMessage(message, options) {
  try {
    return printAST(transform(parse(message, { ignoreTag: false }), options));
  } catch {
    return message;
  }
}

function pseudoTree(value, options) {
  if (typeof value === "string") return pseudoMessage(value, options);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, pseudoTree(inner, options)]));
}

/** A bundle ({namespace: messages}) pseudo-translated, {long, rtl} as the pseudo-language asks. */
export function pseudoCatalogue(bundle, options) {
  return pseudoTree(bundle, options);
}
