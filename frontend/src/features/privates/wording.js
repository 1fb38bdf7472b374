/** Words and times the privates' pages share: what a service costs, a time on the studio's clock. */
import { localeTag, t } from "../../lib/i18n.js";
import { formatMoney } from "../../lib/money.js";

/** What a service costs: its price, its credits, or free. */
export function priceOf(service) {
  const money = service.price > 0 ? formatMoney(service.price, service.currency ?? "INR") : null;
  if (money && service.credits) return t("privates:services.priceOrCredits", { price: money, count: service.credits });
  if (money) return money;
  return service.credits ? t("privates:services.credits", { count: service.credits }) : t("privates:services.free");
}

/** "09:30": an instant's time on a zone's clock, in the reader's language. */
export const clockOf = (iso, timeZone) => new Intl.DateTimeFormat(localeTag(), { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
