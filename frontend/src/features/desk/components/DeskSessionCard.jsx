/** One class at the desk: when (the studio's clock), what, who teaches, seats booked; its check-in page, and the
 *  walk-in and booking forms, one open at a time. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { zoneAbbreviation } from "../../../lib/time-zones.js";
import { instructorName } from "../days.js";
import { DeskBookingForm } from "./DeskBookingForm.jsx";
import { DeskWalkInForm } from "./DeskWalkInForm.jsx";

/** "09:00 – 10:00 IST" on the studio's clock. */
export function clockRange(startIso, endIso, timeZone) {
  const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone });
  const start = new Date(startIso);
  const end = endIso ? ` – ${clock.format(new Date(endIso))}` : "";
  return `${clock.format(start)}${end} ${zoneAbbreviation(timeZone, start.getTime())}`;
}

const FORMS = { walkIn: DeskWalkInForm, book: DeskBookingForm };

export function DeskSessionCard({ session, timeZone }) {
  const { t } = useTranslation("desk");
  const { can } = useStudio();
  const [open, setOpen] = useState(null);
  const title = session.event.title;
  const teacher = instructorName(session);
  const toggle = (name) => setOpen((current) => (current === name ? null : name));
  const Form = FORMS[open];
  const panelId = `desk-panel-${session.id}`;
  return (
    <li className="card desk-session">
      <div className="desk-session-head">
        <p className="desk-time">{clockRange(session.starts_at, session.ends_at, timeZone)}</p>
        <h3>{title}</h3>
        <p className="muted small-text">
          {teacher && <span>{t("session.with", { teacher })}</span>}
          <span>{t("session.booked", { taken: session.seats_taken, capacity: session.capacity })}</span>
        </p>
      </div>
      <div className="actions desk-actions">
        <Link className="button primary" to={paths.facilitatorCheckin(session.id)} aria-label={t("session.openCheckinLabel", { title })}>
          {t("session.openCheckin")}
        </Link>
        {can("desk.walkins") && (
          <button type="button" className="button secondary" aria-expanded={open === "walkIn"} aria-controls={panelId} onClick={() => toggle("walkIn")}>
            {t("session.addWalkIn")}
          </button>
        )}
        {can("desk.walkins") && (
          <button type="button" className="button secondary" aria-expanded={open === "book"} aria-controls={panelId} onClick={() => toggle("book")}>
            {t("session.bookClient")}
          </button>
        )}
      </div>
      <div id={panelId}>{Form && <Form session={session} />}</div>
    </li>
  );
}
