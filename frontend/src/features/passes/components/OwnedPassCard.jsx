/** One of the person's passes on My passes: its name, what it has left, until when it is good, and its status. */
import { useTranslation } from "react-i18next";
import { InvoiceButton } from "../../../components/InvoiceButton.jsx";
import { formatDate } from "../../../lib/format.js";
import { passBalance } from "../../../lib/passes.js";
import { passDatesText, passPill } from "../pass-status.js";
import { StopRenewal } from "./StopRenewal.jsx";

const PAID_STATUSES = ["active", "lapsed", "refunded"]; // a pass once paid for

export function OwnedPassCard({ pass, highlighted = false }) {
  const { t } = useTranslation("passes");
  const titleId = `my-pass-${pass.id}-title`;
  const [label, tone] = passPill(pass);
  const dates = passDatesText(pass);
  const mine = !pass.holder; // a shareable pass of the family's other guardian: theirs to pay, invoice and stop
  return (
    <li className="card pass-card" aria-current={highlighted || undefined}>
      <article aria-labelledby={titleId}>
        <div className="pass-card-head">
          <h2 id={titleId}>{pass.name}</h2>
          <span className={`pill ${tone}`}>{label}</span>
        </div>
        <p className="pass-balance">{passBalance(pass)}</p>
        {pass.kind === "membership" && Number.isFinite(pass.sessions_this_week) && pass.sessions_per_week && <p className="muted small-text">{t("owned.thisWeek", { booked: pass.sessions_this_week, limit: pass.sessions_per_week })}</p>}
        {dates && <p>{dates}</p>}
        {pass.shareable && <p className="small-text">{mine ? t("owned.sharedWithFamily") : t("owned.sharedBy", { name: pass.holder.name })}</p>}
        <p className="muted small-text">{t("owned.passNumber", { id: pass.id })}</p>
        {mine && pass.price > 0 && PAID_STATUSES.includes(pass.status) && <InvoiceButton passId={pass.id} describedBy={titleId} />}
        {pass.status === "pending_payment" && <p className="muted small-text">{t("owned.awaitingPayment")}</p>}
        {mine && pass.kind === "membership" && pass.status === "active" && pass.renews && <StopRenewal pass={pass} until={formatDate(pass.valid_until)} />}
      </article>
    </li>
  );
}
