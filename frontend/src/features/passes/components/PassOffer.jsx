/** One pass on sale in an event page's shop: its name, price, terms, and the way to buy it (for a person signed in
 *  with a user account, with a discount code if they have one; a visitor logs in first, coming back here). */
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { CodeField, CodePrice } from "../../../components/CodeField.jsx";
import { useDiscountCode } from "../../../lib/discount-codes.js";
import { formatAmount, formatMoney, taxNote, withTax } from "../../../lib/money.js";
import { paths } from "../../../lib/paths.js";
import { passTerms } from "../../../lib/passes.js";

/** A membership's period, as the messages' select names it. */
const periodOf = (pass) => (pass.period === "year" ? "year" : "month");

/** What the Buy button says: the price to pay (less a code's discount, with the tax its studio adds), or that there
 *  is nothing to pay. */
function buyLabel(t, pass, quote) {
  if (quote) return quote.amount_due > 0 ? t("offer.buyFor", { price: formatAmount(quote.total_due ?? quote.amount_due, quote.currency) }) : t("offer.freeWithCode");
  return pass.price > 0 ? t("offer.buyFor", { price: formatMoney(withTax(pass.price, pass.tax_added), pass.currency) }) : t("offer.free");
}

/** The price line: a membership's per period; with a code, the old price struck through beside the new one (a
 *  membership's code is for its first period: it renews at its own price). */
function PassPrice({ pass, quote }) {
  const { t } = useTranslation("passes");
  const period = periodOf(pass);
  const price = [formatMoney(pass.price, pass.currency), pass.price > 0 && taxNote(pass.tax_added)].filter(Boolean).join(" ");
  const membership = pass.kind === "membership" && pass.price > 0;
  if (!quote) return <p className="pass-price">{membership ? t("offer.perPeriod", { price, period }) : price}</p>;
  return (
    <>
      <p className="pass-price">
        <CodePrice quote={quote} />
        {membership && t("offer.firstPeriod", { period })}
      </p>
      {membership && <p className="muted small-text">{t("offer.thenPerPeriod", { price, period })}</p>}
    </>
  );
}

/** viewer: "guest" | "user" | "staff"; returning: the viewer booked or bought from this facilitator before (an intro
 *  offer is not theirs: said, with no Buy button); onBuy(pass, code, refuseCode): code is the discount code to send (or null),
 *  refuseCode(error) shows the purchase's refusal of it beside its field; busy: a purchase is under way (this one:
 *  buying). */
export function PassOffer({ pass, viewer, returning = false, onBuy, busy, buying }) {
  const { t } = useTranslation("passes");
  const location = useLocation();
  const notTheirs = viewer === "user" && returning && pass.new_customers_only;
  const code = useDiscountCode(viewer === "user" && pass.price > 0 && !notTheirs ? { product_id: pass.id } : null);
  const titleId = `pass-${pass.id}-title`;
  let action = null;
  if (viewer === "guest") {
    action = (
      <Link to={paths.login} state={{ from: `${location.pathname}${location.search}` }} className="button primary small" aria-describedby={titleId}>
        {t("offer.logInToBuy")}
      </Link>
    );
  } else if (viewer === "user" && !notTheirs) {
    action = (
      <button type="button" className="button primary small" onClick={() => onBuy(pass, code.code, code.refuse)} disabled={busy} aria-describedby={titleId}>
        {buying ? t("offer.buying") : buyLabel(t, pass, code.quote)}
      </button>
    );
  }
  return (
    <li className="card pass-card">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{pass.name}</h3>
        <PassPrice pass={pass} quote={code.quote} />
        <p>{passTerms(pass)}</p>
        {pass.new_customers_only && (
          <p className="muted small-text">
            {notTheirs ? t("offer.newOnlyNotYours") : t("offer.newOnly")}
          </p>
        )}
        {pass.description && <p className="muted small-text">{pass.description}</p>}
        {action && (
          <div className="pass-buy">
            {viewer === "user" && pass.price > 0 && <CodeField id={`pass-${pass.id}-code`} code={code} describedBy={titleId} />}
            <div className="actions">{action}</div>
          </div>
        )}
      </article>
    </li>
  );
}
