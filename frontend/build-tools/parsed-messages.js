/**
 * A Vite plugin that parses the catalogues' ICU messages when the app is built (formatjs's "pre-compile messages to
 * AST"): a phone spends no time parsing them and the app ships without the parser (vite.config.js points the parser's
 * import at its no-parser build). A message that is only text stays text (src/lib/i18n.js returns it as it is).
 */
import { TYPE, parse } from "@formatjs/icu-messageformat-parser";

const CATALOGUE = /\/src\/locales\/[^/]+\/[^/]+\.json$/;

/** A message's AST, read as i18next-icu reads it at run time (tags are react-i18next's, left in the text), or the
 *  message itself when it has nothing but text. */
export function parsedMessage(message) {
  const elements = parse(message, { ignoreTag: true });
  const plain = elements.length === 0 || (elements.length === 1 && elements[0].type === TYPE.literal && elements[0].value === message);
  return plain ? message : elements;
}

function parsedTree(value) {
  if (typeof value === "string") return parsedMessage(value);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, parsedTree(inner)]));
}

export function parsedMessages() {
  return {
    name: "parsed-messages",
    enforce: "pre", // before Vite's own JSON plugin turns the file into a module
    transform(code, id) {
      if (!CATALOGUE.test(id.split("?")[0])) return null;
      return { code: JSON.stringify(parsedTree(JSON.parse(code))), map: null };
    },
  };
}
