/** The API's refusals about members and invitations in plain words. */
import { formatDateTime } from "../../lib/format.js";

export const LAST_OWNER = "A studio always keeps one owner: make someone else an owner first.";

/** "Morning Vinyasa Flow, Tue, 3 Dec 2030, 07:00" for each session id found in the events (their own clock), else
 *  "session <id>". */
export function sessionNames(ids, events = []) {
  const found = new Map();
  for (const event of events) {
    for (const session of event.sessions ?? []) found.set(session.id, `${event.title}, ${formatDateTime(session.starts_at, { timeZone: event.timezone, label: true })}`);
  }
  return ids.map((id) => found.get(id) ?? `session ${id}`);
}

/** What a refused role change or removal says: last_owner and member_teaches (naming the sessions) in words. */
export function memberRefusal(error, events) {
  if (error?.code === "last_owner") return LAST_OWNER;
  if (error?.code === "member_teaches") {
    const { name = "This member", session_ids: ids = [] } = error.details ?? {};
    const list = sessionNames(ids, events);
    const these = list.length === 1 ? "that session" : "those sessions";
    return `${name} still teaches ${list.length === 1 ? "an upcoming session" : `${list.length} upcoming sessions`} here: ${list.join("; ")}. Give ${these} another instructor first.`;
  }
  return error?.message ?? String(error);
}

/** What a refused invitation says, for the person signed in as `email`. */
export function invitationRefusal(error, email) {
  switch (error?.code) {
    case "invitation_for_another_account":
      return `This invitation was sent to another email address, and you are signed in as ${email}. Log out, then log in with the account it was sent to (or create one with that address).`;
    case "invitation_not_found":
      return "This invitation link isn't one we know. Check that you opened the whole link from the email.";
    case "invitation_used":
      return "This invitation has already been used: each link works once.";
    case "already_member":
      return "You are already a member of this studio.";
    case "invitation_expired":
      return "This invitation has expired: a link lasts seven days. Ask the studio to send you a new one.";
    case "invitation_revoked":
      return "This invitation was withdrawn, or replaced by a newer one. Look for a newer email, or ask the studio.";
    default:
      return error?.message ?? String(error);
  }
}
