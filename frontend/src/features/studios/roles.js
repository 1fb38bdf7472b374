/** Who may give, change and take which roles, as the API decides it (services/studios/members.py may_handle): with
 *  members.all any role; with members.staff only instructors and front desk. */
import { t } from "../../lib/i18n.js";
import { MEMBER_ROLES } from "../../lib/studio.jsx";

/** The roles a manager handles. */
export const STAFF_MEMBER_ROLES = ["instructor", "front_desk"];

/** The roles I may give (invite in, or change someone to). */
export const rolesICanGive = (can) => (can("members.all") ? MEMBER_ROLES : can("members.staff") ? STAFF_MEMBER_ROLES : []);

/** Whether I may change the role of, or remove, a member who has `role`. */
export const canHandle = (can, role) => rolesICanGive(can).includes(role);

/** "an instructor", "a front desk member": a role in a sentence. */
export function roleInSentence(role) {
  const words = { owner: "studios:roles.owner", manager: "studios:roles.manager", instructor: "studios:roles.instructor", front_desk: "studios:roles.frontDesk" };
  return words[role] ? t(words[role]) : role;
}
