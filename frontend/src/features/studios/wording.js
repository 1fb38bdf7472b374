/** The API's refusals about members and invitations in plain words. */
import { formatDateTime } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

/** "Morning Vinyasa Flow, Tue, 3 Dec 2030, 07:00" for each session id found in the events (their own clock), else
 *  "session <id>". */
export function sessionNames(ids, events = []) {
  const found = new Map();
  for (const event of events) {
    for (const session of event.sessions ?? []) found.set(session.id, `${event.title}, ${formatDateTime(session.starts_at, { timeZone: event.timezone, label: true })}`);
  }
  return ids.map((id) => found.get(id) ?? t("studios:members.sessionById", { id }));
}

/** What a refused role change or removal says: last_owner and member_teaches (naming the sessions) in words. */
export function memberRefusal(error, events) {
  if (error?.code === "last_owner") return t("studios:members.lastOwner");
  if (error?.code === "member_teaches") {
    const { name = t("studios:members.thisMember"), session_ids: ids = [] } = error.details ?? {};
    const list = sessionNames(ids, events);
    return t("studios:members.stillTeaches", { name, count: list.length, sessions: list.join("; ") });
  }
  return error?.message ?? String(error);
}

/** What a refused invitation says, for the person signed in as `email`. */
export function invitationRefusal(error, email) {
  switch (error?.code) {
    case "invitation_for_another_account":
      return t("studios:invitation.refusals.anotherAccount", { email });
    case "invitation_not_found":
      return t("studios:invitation.refusals.notFound");
    case "invitation_used":
      return t("studios:invitation.refusals.used");
    case "already_member":
      return t("studios:invitation.refusals.alreadyMember");
    case "invitation_expired":
      return t("studios:invitation.refusals.expired");
    case "invitation_revoked":
      return t("studios:invitation.refusals.revoked");
    default:
      return error?.message ?? String(error);
  }
}
