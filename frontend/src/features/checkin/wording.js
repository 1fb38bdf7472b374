/** What the check-in page says: the count, the connection, and each verdict, in the event's clock. */
import { t } from "../../lib/i18n.js";
import { REASONS } from "./desk.js";

/** "18:02" on the event's clock (the door is where the event is). */
export function clockTime(iso, timeZone) {
  const options = { hour: "2-digit", minute: "2-digit" };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(new Date(iso)); // an unknown zone name: the device's
  }
}

/** "14 of 18 here". */
export const countText = ({ checked, expected }) => t("checkin:count", { checked, expected });

/** The connection line: offline with what waits, sending, or all sent. */
export function connectionText({ online, waiting, live }) {
  if (!online) return t("checkin:connection.offline", { waiting });
  if (!live) return t("checkin:connection.noAnswer", { waiting });
  return waiting > 0 ? t("checkin:connection.sending", { waiting }) : t("checkin:connection.allSent");
}

/** "Checked in at 18:02 by this device." or "… by device-K7Q2M9." */
function checkedInAt(time, device, here) {
  if (!device) return t("checkin:verdict.alreadyAt", { time });
  return device === here ? t("checkin:verdict.alreadyAtThisDevice", { time }) : t("checkin:verdict.alreadyAtDevice", { time, device });
}

/** Why a code is not valid: when check-in opens, or the reason in plain words. */
function whyNotValid(verdict, { timeZone, opensAt }) {
  if (verdict.reason === "checkin_not_open" && opensAt) return t("checkin:verdict.opensAt", { time: clockTime(opensAt, timeZone) });
  return REASONS[verdict.reason] ? t(REASONS[verdict.reason]) : t("checkin:verdict.unusable");
}

/** A verdict → {tone: ok | warn | error, title, detail}. */
export function verdictText(verdict, { timeZone, device, opensAt }) {
  const name = verdict.seat?.name ?? t("checkin:verdict.thisSeat");
  switch (verdict.status) {
    case "checked_in":
      return { tone: "ok", title: t("checkin:verdict.checkedIn", { name }), detail: null };
    case "already_checked_in":
      return { tone: "warn", title: t("checkin:verdict.already", { name }), detail: checkedInAt(clockTime(verdict.checked_in_at, timeZone), verdict.device_id, device) };
    case "undone":
      return { tone: "ok", title: t("checkin:verdict.undone", { name }), detail: null };
    case "not_kept":
      return { tone: "error", title: t("checkin:verdict.notKept", { name }), detail: t("checkin:verdict.notKeptDetail", { why: verdict.error?.message ?? t("checkin:verdict.tryAgain") }) };
    case "undo_failed":
      return { tone: "error", title: t("checkin:verdict.notUndone", { name }), detail: verdict.error?.status === 0 ? t("checkin:verdict.sentAlready") : verdict.error?.message };
    default: {
      const title = verdict.seat?.name ? t("checkin:verdict.notValidName", { name: verdict.seat.name }) : t("checkin:verdict.notValid");
      return { tone: "error", title, detail: whyNotValid(verdict, { timeZone, opensAt }) };
    }
  }
}
