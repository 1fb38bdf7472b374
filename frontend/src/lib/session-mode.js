/** How a session is attended (its `mode`): in person (the default, said nowhere), online, or both. */
import { t } from "./i18n.js";

const MODE_TEXT = {
  online: "common:sessionMode.online",
  hybrid: "common:sessionMode.hybrid",
};

/** "Online", "Online and in person" (in the app's language), or null for an in-person session (or one that does not say). */
export function sessionModeText(mode) {
  return MODE_TEXT[mode] ? t(MODE_TEXT[mode]) : null;
}

/** An event's mode from its sessions' (the cancelled ones left out while others stand): "Online" when every one is,
 *  "Online and in person" when any can be attended online and not all only so, null when all are in person. */
export function eventModeText(sessions = []) {
  const standing = sessions.filter((session) => session.status !== "cancelled");
  const modes = new Set((standing.length ? standing : sessions).map((session) => session.mode ?? "in_person"));
  if (modes.size === 1) return sessionModeText([...modes][0]);
  return modes.has("online") || modes.has("hybrid") ? sessionModeText("hybrid") : null;
}
