/** A request to book in words, for the staff's approval queue: its answers and what is asked. */
import { t } from "../../lib/i18n.js";

/** An intake answer as text: choices joined, yes or no, a deleted sensitive one said as such, "—" when left empty. */
export function answerText(answer) {
  if (answer.purged) return t("programme:approvals.purged");
  const value = answer.value;
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.join("; ") : "—";
  if (typeof value === "boolean") return value ? t("programme:approvals.yes") : t("programme:approvals.no");
  return String(value);
}

/** "1 seat", "3 seats (with Asha, Ravi)". */
export function seatsText(request) {
  const names = (request.guests ?? []).filter((guest) => guest.status !== "cancelled").map((guest) => guest.name);
  const count = request.seats;
  return names.length ? t("programme:approvals.seatsWith", { count, names: names.join(", ") }) : t("programme:approvals.seats", { count });
}

const DECISION_ERROR_TEXT = {
  not_pending_approval: "programme:approvals.notPending",
};

/** Why a decision was refused: ours for the known codes, else the server's (or the client's) message. */
export const decisionErrorText = (error) => DECISION_ERROR_TEXT[error?.code] ? t(DECISION_ERROR_TEXT[error.code]) : (error?.message ?? t("programme:approvals.failed"));
