/** A client's figures (visits, no-shows, bookings ahead…), their money per currency (only when the CRM sends it:
 *  never to an instructor) and their passes. */
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format.js";
import { t as translate } from "../../../lib/i18n.js";
import { formatAmount } from "../../../lib/money.js";
import { membershipText } from "../wording.js";

const FIGURES = [
  ["visits", "figures.visits"],
  ["no_shows", "figures.noShows"],
  ["late_cancels", "figures.lateCancels"],
  ["bookings", "figures.bookings"],
  ["bookings_ahead", "figures.bookingsAhead"],
  ["guest_bookings", "figures.guestBookings"],
  ["feedback_given", "figures.feedbackGiven"],
  ["credits_left", "figures.creditsLeft"],
];

/** A pass's status as the CRM keeps it, in words (one the app doesn't know, as sent). */
const PASS_STATUS = { active: "figures.passActive", lapsed: "figures.passLapsed" };

function Money({ money }) {
  const { t } = useTranslation("clients");
  if (!Array.isArray(money) || !money.length) return null;
  return (
    <section aria-labelledby="client-money">
      <h2 id="client-money">{t("figures.money")}</h2>
      <dl className="client-figures">
        {money.map((line) => (
          <div key={line.currency}>
            <dt>{t("figures.spent", { currency: line.currency })}</dt>
            <dd>{formatAmount(line.spent, line.currency)}</dd>
            {line.refunded > 0 && <dd className="muted small-text">{t("figures.refunded", { amount: formatAmount(line.refunded, line.currency) })}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

/** "3 credits left · until Wed, 3 Dec 2031" */
function passDetail(pass, timeZone) {
  const parts = [];
  if (typeof pass.credits_left === "number") parts.push(translate("clients:figures.passCredits", { count: pass.credits_left }));
  if (pass.valid_until) parts.push(translate("clients:figures.passUntil", { date: formatDate(pass.valid_until, { timeZone }) }));
  return parts.join(" · ");
}

function Passes({ passes, timeZone }) {
  const { t } = useTranslation("clients");
  return (
    <section aria-labelledby="client-passes">
      <h2 id="client-passes">{t("figures.passes")}</h2>
      {passes?.length ? (
        <ul className="client-passes">
          {passes.map((pass) => (
            <li key={pass.pass_id}>
              <strong>{pass.name ?? t("figures.passNumber", { id: String(pass.pass_id) })}</strong> <span className={`pill ${pass.status === "active" ? "active" : "warn"}`}>{PASS_STATUS[pass.status] ? t(PASS_STATUS[pass.status]) : pass.status}</span>
              <span className="muted small-text"> {passDetail(pass, timeZone)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("figures.noPasses")}</p>
      )}
    </section>
  );
}

/** profile: GET …/clients/<id>'s answer; timeZone: the studio's clock. */
export function ClientFigures({ profile, timeZone }) {
  const { t } = useTranslation("clients");
  const when = (iso) => (iso ? formatDate(iso, { timeZone }) : t("figures.never"));
  return (
    <>
      <section aria-labelledby="client-figures">
        <h2 id="client-figures">{t("figures.heading")}</h2>
        <dl className="client-figures">
          {FIGURES.map(([name, label]) => (
            <div key={name}>
              <dt>{t(label)}</dt>
              <dd>{profile[name] ?? 0}</dd>
            </div>
          ))}
          <div>
            <dt>{t("figures.firstVisit")}</dt>
            <dd>{when(profile.first_visit_at)}</dd>
          </div>
          <div>
            <dt>{t("figures.lastVisit")}</dt>
            <dd>{when(profile.last_visit_at)}</dd>
          </div>
          <div>
            <dt>{t("figures.membership")}</dt>
            <dd>{membershipText(profile.membership)}</dd>
          </div>
        </dl>
      </section>
      <Money money={profile.money} />
      <Passes passes={profile.passes} timeZone={timeZone} />
    </>
  );
}
