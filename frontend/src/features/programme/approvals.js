/** A request to book in words, for the staff's approval queue: its answers and what is asked. */
import { plural } from "../../lib/format.js";

/** An intake answer as text: choices joined, yes or no, a deleted sensitive one said as such, "—" when left empty. */
export function answerText(answer) {
  if (answer.purged) return "(deleted after the retention period)";
  const value = answer.value;
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.join("; ") : "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/** "1 seat", "3 seats (with Asha, Ravi)". */
export function seatsText(request) {
  const names = (request.guests ?? []).filter((guest) => guest.status !== "cancelled").map((guest) => guest.name);
  const seats = plural(request.seats, "seat");
  return names.length ? `${seats} (with ${names.join(", ")})` : seats;
}

const DECISION_ERROR_TEXT = {
  not_pending_approval: "This request is no longer waiting: it was withdrawn, decided or its hold ended.",
};

/** Why a decision was refused: ours for the known codes, else the server's (or the client's) message. */
export const decisionErrorText = (error) => DECISION_ERROR_TEXT[error?.code] ?? error?.message ?? "Something went wrong. Try again.";
