/** How a session is attended (its `mode`): in person (the default, said nowhere), online, or both. */
const MODE_TEXT = {
  online: "Online",
  hybrid: "Online and in person",
};

/** "Online", "Online and in person", or null for an in-person session (or one that does not say). */
export function sessionModeText(mode) {
  return MODE_TEXT[mode] ?? null;
}
