/** My bookings' "Waiting lists": each place in line with its event, time, position (and the seats a group waits for)
 *  and a Leave button; a place a freed seat is offered to says until when, with a link to take it. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EventTime } from "../../../components/EventTime.jsx";
import { formatShortDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { placeAndTeacher, placeKey } from "../booking-status.js";

function WaitingCard({ place, busy, onLeave }) {
  const { t } = useTranslation("bookings");
  const titleId = `waiting-${placeKey(place)}-title`;
  const whenId = `waiting-${placeKey(place)}-when`;
  const event = place.event ?? {};
  const offered = place.status === "offered";
  return (
    <li className="card booking-card">
      <article aria-labelledby={titleId}>
        <div className="booking-card-head">
          <h3 id={titleId}>
            <Link to={paths.event(event.id ?? place.session?.event_id)}>{event.title ?? t("card.event")}</Link>
          </h3>
          <span className={offered ? "pill ok" : "pill warn"}>{offered ? t("waiting.offeredPill") : t("waiting.waitingPill")}</span>
        </div>
        <p id={whenId} className="booking-when">
          <EventTime start={place.session?.starts_at} end={place.session?.ends_at} timeZone={event.timezone} />
        </p>
        {placeAndTeacher(place.session, event) && <p className="muted small-text">{placeAndTeacher(place.session, event)}</p>}
        {place.for && <p className="booking-for">{t("card.forChild", { name: place.for.name })}</p>}
        {offered ? (
          <p className="waiting-position">
            {t("waiting.offered", { until: formatShortDateTime(place.offer_expires_at, { timeZone: event.timezone }) })}
          </p>
        ) : (
          <>
            <p className="waiting-position">
              {place.seats > 1 ? t("waiting.positionSeats", { position: place.position, seats: place.seats }) : t("waiting.position", { position: place.position })}
            </p>
            <p className="muted small-text">{t("waiting.next")}</p>
          </>
        )}
        <div className="actions">
          {offered && place.offer_path && (
            <Link className="button primary small" to={place.offer_path}>
              {t("waiting.takeOrDecline")}
            </Link>
          )}
          <button type="button" className="button secondary small" onClick={() => onLeave(place)} disabled={busy} aria-describedby={`${titleId} ${whenId}`}>
            {busy ? t("waiting.leaving") : t("waiting.leave")}
          </button>
        </div>
      </article>
    </li>
  );
}

/** places: sorted; leaving: the place being left, if any. */
export function WaitingList({ places, leaving, onLeave }) {
  const { t } = useTranslation("bookings");
  return (
    <section aria-labelledby="bookings-waiting">
      <h2 id="bookings-waiting">{t("waiting.heading")}</h2>
      <ul className="stack booking-list">
        {places.map((place) => (
          <WaitingCard key={placeKey(place)} place={place} busy={leaving != null && placeKey(leaving) === placeKey(place)} onLeave={onLeave} />
        ))}
      </ul>
    </section>
  );
}
