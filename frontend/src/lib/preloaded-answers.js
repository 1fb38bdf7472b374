/** The main API's answers the web app server wrote into a public page as it served it (web_ui/pages.py): the app's
 *  first GET of each of those addresses is answered from them, once and only just after the page loaded, so the page
 *  shows its content without a round trip to the API. Later asks go to the API as usual. */

const ELEMENT_ID = "preloaded-answers";
/** How long after the page loaded an answer is still fresh enough to show: seats change. */
export const FRESH_FOR_MS = 30_000;

let answers;

/** The page's answers by full address, read (and taken out of the page) on first use. */
function loaded() {
  if (answers !== undefined) return answers;
  answers = new Map();
  const element = globalThis.document?.getElementById(ELEMENT_ID);
  if (element) {
    try {
      answers = new Map(Object.entries(JSON.parse(element.textContent)));
    } catch {
      // A page whose answers cannot be read is served by the API instead.
    }
    element.remove();
  }
  return answers;
}

/** The answer written into the page for url (once: it is forgotten as it is taken), or undefined. */
export function takePreloaded(url, now = globalThis.performance?.now() ?? Infinity) {
  const found = loaded();
  if (!found.has(url)) return undefined;
  const answer = found.get(url);
  found.delete(url);
  return now <= FRESH_FOR_MS ? answer : undefined;
}

/** Forget what was read, so the next use reads the page again (tests). */
export function forgetPreloaded() {
  answers = undefined;
}
