/** One pass on sale in an event page's shop: its name, price, terms, and the way to buy it (for a person signed in
 *  with a user account; a visitor logs in first, coming back here). */
import { Link, useLocation } from "react-router";
import { formatMoney } from "../../../lib/money.js";
import { paths } from "../../../lib/paths.js";
import { passTerms } from "../../../lib/passes.js";

/** viewer: "guest" | "user" | "staff"; onBuy(pass); busy: a purchase is under way (this one: buying). */
export function PassOffer({ pass, viewer, onBuy, busy, buying }) {
  const location = useLocation();
  const titleId = `pass-${pass.id}-title`;
  const price = formatMoney(pass.price, pass.currency);
  let action = null;
  if (viewer === "guest") {
    action = (
      <Link to={paths.login} state={{ from: `${location.pathname}${location.search}` }} className="button primary small" aria-describedby={titleId}>
        Log in to buy
      </Link>
    );
  } else if (viewer === "user") {
    action = (
      <button type="button" className="button primary small" onClick={() => onBuy(pass)} disabled={busy} aria-describedby={titleId}>
        {buying ? "Buying…" : pass.price > 0 ? `Buy for ${price}` : "Get it free"}
      </button>
    );
  }
  return (
    <li className="card pass-card">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{pass.name}</h3>
        <p className="pass-price">{pass.kind === "membership" && pass.price > 0 ? `${price} a ${pass.period === "year" ? "year" : "month"}` : price}</p>
        <p>{passTerms(pass)}</p>
        {pass.new_customers_only && <p className="muted small-text">For people new to these classes.</p>}
        {pass.description && <p className="muted small-text">{pass.description}</p>}
        {action && <div className="actions">{action}</div>}
      </article>
    </li>
  );
}
