/** Passes (class packs and memberships) in words, for the facilitator who sells them and the person who buys and
 *  books with them: a pass on sale's terms, and a pass owned's balance. */
import { t } from "./i18n.js";

const period = (pass) => (pass.period === "year" ? "year" : "month");

/** A pass on sale's terms: "10 classes, valid 90 days", "Monthly, up to 3 classes a week", "Monthly, unlimited". */
export function passTerms(pass) {
  if (pass.kind === "pack") return t("common:pass.packTerms", { count: pass.credits, days: pass.valid_days });
  if (pass.sessions_per_week) return t("common:pass.weeklyTerms", { period: period(pass), count: pass.sessions_per_week });
  return t("common:pass.unlimitedTerms", { period: period(pass) });
}

/** What an owned pass has left: "2 of 3 credits left" for a pack, "Up to 2 classes a week" or "Unlimited" for a
 *  membership (a weekly limit is not unlimited). */
export function passBalance(pass) {
  if (pass.kind === "pack") return t("common:pass.creditsLeftOf", { left: pass.credits_left ?? 0, count: pass.credits ?? 0 });
  return pass.sessions_per_week ? t("common:pass.upToWeekly", { count: pass.sessions_per_week }) : t("common:pass.unlimited");
}

/** The short balance of a pass chosen to book with: "2 credits left", "up to 2 classes a week", "unlimited". */
export function passBalanceShort(pass) {
  if (pass.kind === "pack") return t("common:pass.creditsLeft", { count: pass.credits_left ?? 0 });
  return pass.sessions_per_week ? t("common:pass.upToWeeklyShort", { count: pass.sessions_per_week }) : t("common:pass.unlimitedShort");
}
