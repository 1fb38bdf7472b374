/** A client's figures (visits, no-shows, bookings ahead…), their money per currency (only when the CRM sends it:
 *  never to an instructor) and their passes. */
import { formatDate, plural } from "../../../lib/format.js";
import { formatAmount } from "../../../lib/money.js";
import { MEMBERSHIP } from "../wording.js";

const FIGURES = [
  ["visits", "Visits"],
  ["no_shows", "No-shows"],
  ["late_cancels", "Late cancels"],
  ["bookings", "Bookings"],
  ["bookings_ahead", "Bookings ahead"],
  ["guest_bookings", "As a guest"],
  ["feedback_given", "Feedback given"],
  ["credits_left", "Credits left"],
];

function Money({ money }) {
  if (!Array.isArray(money) || !money.length) return null;
  return (
    <section aria-labelledby="client-money">
      <h2 id="client-money">Money</h2>
      <dl className="client-figures">
        {money.map((line) => (
          <div key={line.currency}>
            <dt>Spent ({line.currency})</dt>
            <dd>{formatAmount(line.spent, line.currency)}</dd>
            {line.refunded > 0 && <dd className="muted small-text">{formatAmount(line.refunded, line.currency)} refunded</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

/** "3 credits left · until Wed, 3 Dec 2031" */
function passDetail(pass, timeZone) {
  const parts = [];
  if (typeof pass.credits_left === "number") parts.push(`${plural(pass.credits_left, "credit")} left`);
  if (pass.valid_until) parts.push(`until ${formatDate(pass.valid_until, { timeZone })}`);
  return parts.join(" · ");
}

function Passes({ passes, timeZone }) {
  return (
    <section aria-labelledby="client-passes">
      <h2 id="client-passes">Passes</h2>
      {passes?.length ? (
        <ul className="client-passes">
          {passes.map((pass) => (
            <li key={pass.pass_id}>
              <strong>{pass.name ?? `Pass ${pass.pass_id}`}</strong> <span className={`pill ${pass.status === "active" ? "active" : "warn"}`}>{pass.status}</span>
              <span className="muted small-text"> {passDetail(pass, timeZone)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No passes.</p>
      )}
    </section>
  );
}

/** profile: GET …/clients/<id>'s answer; timeZone: the studio's clock. */
export function ClientFigures({ profile, timeZone }) {
  const when = (iso) => (iso ? formatDate(iso, { timeZone }) : "Never");
  return (
    <>
      <section aria-labelledby="client-figures">
        <h2 id="client-figures">Figures</h2>
        <dl className="client-figures">
          {FIGURES.map(([name, label]) => (
            <div key={name}>
              <dt>{label}</dt>
              <dd>{profile[name] ?? 0}</dd>
            </div>
          ))}
          <div>
            <dt>First visit</dt>
            <dd>{when(profile.first_visit_at)}</dd>
          </div>
          <div>
            <dt>Last visit</dt>
            <dd>{when(profile.last_visit_at)}</dd>
          </div>
          <div>
            <dt>Membership</dt>
            <dd>{MEMBERSHIP[profile.membership] ?? profile.membership ?? MEMBERSHIP.none}</dd>
          </div>
        </dl>
      </section>
      <Money money={profile.money} />
      <Passes passes={profile.passes} timeZone={timeZone} />
    </>
  );
}
