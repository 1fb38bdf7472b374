/** Passes (class packs and memberships) in words, for the facilitator who sells them and the person who buys and
 *  books with them: a pass on sale's terms, and a pass owned's balance. */
import { plural } from "./format.js";

const periodName = (period) => (period === "year" ? "Yearly" : "Monthly");

/** A pass on sale's terms: "10 classes, valid 90 days", "Monthly, up to 3 a week", "Monthly, unlimited". */
export function passTerms(pass) {
  if (pass.kind === "pack") return `${plural(pass.credits, "class", "classes")}, valid ${pass.valid_days} days`;
  const period = periodName(pass.period);
  return pass.sessions_per_week ? `${period}, up to ${pass.sessions_per_week} a week` : `${period}, unlimited`;
}

/** What an owned pass has left: "2 of 3 credits left" for a pack, "Unlimited, 2 a week" or "Unlimited" for a
 *  membership. */
export function passBalance(pass) {
  if (pass.kind === "pack") return `${pass.credits_left ?? 0} of ${plural(pass.credits ?? 0, "credit")} left`;
  return pass.sessions_per_week ? `Unlimited, ${pass.sessions_per_week} a week` : "Unlimited";
}

/** The short balance of a pass chosen to book with: "2 credits left", "unlimited, 2 a week". */
export function passBalanceShort(pass) {
  if (pass.kind === "pack") return `${plural(pass.credits_left ?? 0, "credit")} left`;
  return pass.sessions_per_week ? `unlimited, ${pass.sessions_per_week} a week` : "unlimited";
}
