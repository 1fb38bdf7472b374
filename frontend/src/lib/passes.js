/** Passes (class packs and memberships) in words, for the facilitator who sells them and the person who buys and
 *  books with them: a pass on sale's terms, and a pass owned's balance. */
import { plural } from "./format.js";

const periodName = (period) => (period === "year" ? "Yearly" : "Monthly");

const weekly = (limit) => `up to ${plural(limit, "class", "classes")} a week`;

/** A pass on sale's terms: "10 classes, valid 90 days", "Monthly, up to 3 classes a week", "Monthly, unlimited". */
export function passTerms(pass) {
  if (pass.kind === "pack") return `${plural(pass.credits, "class", "classes")}, valid ${pass.valid_days} days`;
  const period = periodName(pass.period);
  return pass.sessions_per_week ? `${period}, ${weekly(pass.sessions_per_week)}` : `${period}, unlimited`;
}

/** What an owned pass has left: "2 of 3 credits left" for a pack, "Up to 2 classes a week" or "Unlimited" for a
 *  membership (a weekly limit is not unlimited). */
export function passBalance(pass) {
  if (pass.kind === "pack") return `${pass.credits_left ?? 0} of ${plural(pass.credits ?? 0, "credit")} left`;
  return pass.sessions_per_week ? `Up to ${plural(pass.sessions_per_week, "class", "classes")} a week` : "Unlimited";
}

/** The short balance of a pass chosen to book with: "2 credits left", "up to 2 classes a week", "unlimited". */
export function passBalanceShort(pass) {
  if (pass.kind === "pack") return `${plural(pass.credits_left ?? 0, "credit")} left`;
  return pass.sessions_per_week ? weekly(pass.sessions_per_week) : "unlimited";
}
