/** Everyone coming, found by name: a tap checks someone in, another undoes a mistaken one. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { matchesName } from "../desk.js";
import { clockTime } from "../wording.js";

/** The forms the seat's person still needs ("Form missing: Waiver"), a child's notes for the teacher, and what the app
 *  layer offers for the forms (renderForms: signing them at the desk). */
function SeatNotes({ seat, renderForms }) {
  const { t } = useTranslation("checkin");
  const missing = seat.forms_missing ?? [];
  if (!missing.length && !seat.child?.notes_for_teacher) return null;
  return (
    <div className="checkin-person-notes small-text">
      {seat.child?.notes_for_teacher && <p>{t("people.notes", { notes: seat.child.notes_for_teacher })}</p>}
      {missing.length > 0 && <p className="pill warn">{t("people.formsMissing", { forms: missing.map((form) => form.title).join(", ") })}</p>}
      {missing.length > 0 && renderForms?.(seat)}
    </div>
  );
}

function SeatRow({ seat, timeZone, onCheckIn, onUndo, renderForms }) {
  const { t } = useTranslation("checkin");
  const guestOf = seat.booked_by && seat.booked_by !== seat.name ? seat.booked_by : null;
  return (
    <li className={seat.checked_in_at ? "checkin-person here" : "checkin-person"}>
      <div className="checkin-person-name">
        <span>{seat.name}</span>
        {guestOf && <span className="muted small-text"> {seat.child ? t("people.childOf", { name: guestOf }) : t("people.guestOf", { name: guestOf })}</span>}
        {seat.checked_in_at && (
          <span className="checkin-person-time small-text">
            {seat.waiting ? t("people.hereAtWaiting", { time: clockTime(seat.checked_in_at, timeZone) }) : t("people.hereAt", { time: clockTime(seat.checked_in_at, timeZone) })}
          </span>
        )}
        <SeatNotes seat={seat} renderForms={renderForms} />
      </div>
      {seat.checked_in_at ? (
        <button type="button" className="button secondary small" onClick={() => onUndo(seat)} aria-label={t("people.undoLabel", { name: seat.name })}>
          {t("people.undo")}
        </button>
      ) : (
        <button type="button" className="button primary small" onClick={() => onCheckIn(seat)} aria-label={t("people.checkInLabel", { name: seat.name })}>
          {t("people.checkIn")}
        </button>
      )}
    </li>
  );
}

/** renderForms(seat): the app layer's way to collect the forms a seat's person still needs (none: the badge alone). */
export function PeopleList({ seats, timeZone, onCheckIn, onUndo, renderForms }) {
  const { t } = useTranslation("checkin");
  const [search, setSearch] = useState("");
  const shown = seats.filter((seat) => matchesName(seat.name, search));
  return (
    <section className="checkin-people" aria-labelledby="people-heading">
      <h2 id="people-heading">{t("people.heading")}</h2>
      <div className="field">
        <label htmlFor="checkin-search">{t("people.find")}</label>
        <input id="checkin-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} autoComplete="off" />
      </div>
      {shown.length === 0 ? (
        <p className="muted">{seats.length === 0 ? t("people.nobody") : t("people.noMatch", { search: search.trim() })}</p>
      ) : (
        <ul className="checkin-list" aria-label={t("people.list")}>
          {shown.map((seat) => (
            <SeatRow key={`${seat.booking_id}:${seat.seat}`} seat={seat} timeZone={timeZone} onCheckIn={onCheckIn} onUndo={onUndo} renderForms={renderForms} />
          ))}
        </ul>
      )}
    </section>
  );
}
