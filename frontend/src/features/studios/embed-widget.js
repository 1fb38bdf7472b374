/** The booking widget's words: the tag a studio pastes on its own site (public/embed.js reads it), a site refused
 *  before it is added, and a refused save's messages beside the sites they name. */
import { fieldErrorsFrom } from "../../lib/field-errors.js";
import { t } from "../../lib/i18n.js";

/** The API's field for the sites (PATCH /api/studios/<slug>). */
const FIELD = "embed_origins";
const ENTRY = new RegExp(`^${FIELD}\\.(\\d+)$`);

/** An attribute's value as HTML quotes it: slugs and ids never hold these, but the tag is pasted into someone's page. */
const quoted = (value) => `"${String(value).replaceAll("&", "&amp;").replaceAll('"', "&quot;")}"`;

/** The script tag for origin (the app's), slug: the timetable, or one event when eventId is given; theme "light",
 *  "dark" or "" (the visitor's own preference). */
export function widgetSnippet({ origin, slug, eventId = null, theme = "" }) {
  const attributes = [`src=${quoted(`${origin}/embed.js`)}`, `data-studio=${quoted(slug)}`];
  if (eventId == null) attributes.push('data-view="timetable"');
  else attributes.push('data-view="event"', `data-event=${quoted(eventId)}`);
  if (theme) attributes.push(`data-theme=${quoted(theme)}`);
  return `<script ${attributes.join(" ")}></script>`;
}

/** Why a site typed in cannot join the list, or null. Only exact duplicates are caught here: the API normalizes
 *  (case, trailing slash, default port) and folds what then matches. */
export function addSiteError(site, sites) {
  if (!site) return t("studios:widget.sites.enterAddress");
  if (sites.includes(site)) return t("studios:widget.sites.already", { site });
  return null;
}

/** A refused save's messages: {bySite: {site: message}} for the entries the API named (by their index in `sent`,
 *  kept by site so a message stays with its entry as others are removed), and `list` for the rest (too many sites,
 *  or a failure that names no entry), null when every message has its entry. */
export function siteErrors(error, sent) {
  const bySite = {};
  const other = [];
  for (const [path, message] of Object.entries(fieldErrorsFrom(error))) {
    const entry = ENTRY.exec(path);
    const site = entry ? sent[Number(entry[1])] : undefined;
    if (site !== undefined) bySite[site] = message;
    else other.push(message);
  }
  if (!other.length && !Object.keys(bySite).length) other.push(error.message);
  return { bySite, list: other.length ? other.join(" ") : null };
}

/** Whether two lists of sites are the same, in the same order (the order is the studio's and is kept). */
export const sameSites = (a, b) => a.length === b.length && a.every((site, index) => site === b[index]);
