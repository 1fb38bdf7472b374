/** How a session is attended (its `mode`): in person (the default, said nowhere), online, or both. */
const MODE_TEXT = {
  online: "Online",
  hybrid: "Online and in person",
};

/** "Online", "Online and in person", or null for an in-person session (or one that does not say). */
export function sessionModeText(mode) {
  return MODE_TEXT[mode] ?? null;
}

/** An event's mode from its sessions' (the cancelled ones left out while others stand): "Online" when every one is,
 *  "Online and in person" when any can be attended online and not all only so, null when all are in person. */
export function eventModeText(sessions = []) {
  const standing = sessions.filter((session) => session.status !== "cancelled");
  const modes = new Set((standing.length ? standing : sessions).map((session) => session.mode ?? "in_person"));
  if (modes.size === 1) return sessionModeText([...modes][0]);
  return modes.has("online") || modes.has("hybrid") ? MODE_TEXT.hybrid : null;
}
