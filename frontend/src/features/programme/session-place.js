/** A session's mode (in person, online, hybrid) and video link as the staff forms hold them (text), checked here and
 *  sent in the API's form ({mode, video_url}: an https address up to 500 characters, null to clear it). */

import { t } from "../../lib/i18n.js";

export const MODE_FIELDS = ["mode", "video_url"];
export const MAX_VIDEO_URL = 500;
export const DEFAULT_MODE = "in_person";

/** The choices of the "Where it happens" select, the default first (label: its key). */
export const MODE_CHOICES = [
  { value: "in_person", label: "programme:mode.inPerson" },
  { value: "online", label: "programme:mode.online" },
  { value: "hybrid", label: "programme:mode.hybrid" },
];

/** "In person", "Online" or "In person and online": how the staff pages name a session's mode. */
export const staffModeText = (mode) => t((MODE_CHOICES.find((choice) => choice.value === mode) ?? MODE_CHOICES[0]).label);

/** The form's values for a saved session (or a new one: in person, no link). */
export const modeValues = (session = {}) => ({ mode: session.mode ?? DEFAULT_MODE, video_url: session.video_url ?? "" });

/** The link the values stand for: none for an in-person session (its field is hidden, so what it held is dropped). */
const wantedLink = (values) => (values.mode === DEFAULT_MODE ? "" : values.video_url.trim());

/** {video_url?} messages: a link given must be a whole https address (the API also wants a real domain). */
export function checkMode(values) {
  const link = wantedLink(values);
  if (!link) return {};
  if (link.length > MAX_VIDEO_URL) return { video_url: t("programme:mode.linkMax", { max: MAX_VIDEO_URL }) };
  let url = null;
  try {
    url = new URL(link);
  } catch {
    // Not an address at all: the message below says what is wanted.
  }
  return url?.protocol === "https:" ? {} : { video_url: t("programme:mode.linkHttps") };
}

/** A new session's {mode, video_url}: nothing for the default (in person), so the request stays as before. */
export function modeRequest(values) {
  const link = wantedLink(values);
  if (values.mode === DEFAULT_MODE) return {};
  return link ? { mode: values.mode, video_url: link } : { mode: values.mode };
}

/** The mode and link that differ from `original` (modeValues of the saved session); a link emptied is sent as null. */
export function modeChanges(values, original) {
  const changes = {};
  if (values.mode !== original.mode) changes.mode = values.mode;
  const link = wantedLink(values);
  if (link !== original.video_url) changes.video_url = link || null;
  return changes;
}
