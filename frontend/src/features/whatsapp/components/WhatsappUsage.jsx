/** Studio settings → "WhatsApp this month" (money.view): the studio's WhatsApp messages of a month on its calendar,
 *  sent by what Meta prices them as (utility and marketing templates, service: answers inside a client's 24-hour
 *  window) and how many of those Meta said are not billable; the months before it chosen from a list. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { formatNumber } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { browserZone } from "../../../lib/time-zones.js";
import { useWhatsappUsage } from "../api.js";
import { monthName, monthOf, recentMonths } from "../wording.js";
import "../whatsapp.css";

const MONTHS_SHOWN = 12;
// The categories' rows, in the catalogue's keys.
const CATEGORIES = [
  ["utility", "usage.utility"],
  ["marketing", "usage.marketing"],
  ["service", "usage.service"],
];
const TOTAL = "total";
const ZERO = { sent: 0, not_billable: 0, billable: 0 };

function Figures({ usage }) {
  const { t } = useTranslation("whatsapp");
  const captionId = useId();
  const row = (key, label, figures = ZERO) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td>{formatNumber(figures.sent ?? 0)}</td>
      <td>{formatNumber(figures.not_billable ?? 0)}</td>
      <td>{formatNumber(figures.billable ?? 0)}</td>
    </tr>
  );
  // A region of its own, named by its caption and reachable by keyboard: where the language's words make the table
  // wider than its box it scrolls sideways (axe scrollable-region-focusable).
  return (
    <div className="table-wrap whatsapp-usage-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="whatsapp-usage-table">
        <caption id={captionId} className="visually-hidden">
          {t("usage.caption", { month: monthName(usage.month) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("usage.category")}</th>
            <th scope="col">{t("usage.sent")}</th>
            <th scope="col">{t("usage.notBillable")}</th>
            <th scope="col">{t("usage.billable")}</th>
          </tr>
        </thead>
        <tbody>{CATEGORIES.map(([key, label]) => row(key, t(label), usage.categories?.[key]))}</tbody>
        <tfoot>{row(TOTAL, t("usage.total"), usage.total)}</tfoot>
      </table>
    </div>
  );
}

/** For a studio's member with money.view only: this month on the studio's calendar first. */
export function WhatsappUsage() {
  const { studio, can } = useStudio();
  const [now] = useState(() => Date.now());
  if (!studio || !can("money.view")) return null;
  return <Usage key={studio.slug} current={monthOf(now, studio.timezone ?? browserZone())} />;
}

function Usage({ current }) {
  const { t } = useTranslation("whatsapp");
  const [month, setMonth] = useState(current);
  const usage = useWhatsappUsage(month);
  let body;
  if (usage.isPending) body = <Loading label={t("usage.loading")} />;
  else if (usage.isError) body = <ErrorMessage error={usage.error} title={t("usage.notLoaded")} onRetry={() => usage.refetch()} />;
  else body = <Figures usage={usage.data} />;
  return (
    <section className="card whatsapp-usage" aria-labelledby="whatsapp-usage-heading">
      <h2 id="whatsapp-usage-heading">{month === current ? t("usage.heading") : t("usage.headingOf", { month: monthName(month) })}</h2>
      <p className="muted small-text">{t("usage.intro")}</p>
      <Field id="whatsapp-usage-month" label={t("usage.month")}>
        {(control) => (
          <select {...control} value={month} onChange={(event) => setMonth(event.target.value)}>
            {recentMonths(current, MONTHS_SHOWN).map((one) => (
              <option key={one} value={one}>
                {monthName(one)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div aria-live="polite">{body}</div>
    </section>
  );
}
