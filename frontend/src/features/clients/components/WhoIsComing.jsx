/** "Who is coming": a card for each person booked into a session who is in the studio's client book, with their
 *  staff notes, tags, a first-timer badge and a link to their page; only for roles that see the book (clients.view,
 *  clients.own). The door works without it: a book out of reach says so in one line. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { useClientBook, useComingClients } from "../api.js";
import { clientName } from "../wording.js";
import "../clients.css";

/** Never attended before this session: no first visit, or a first visit from `since` on (this very session). */
export function isFirstTimer(client, since) {
  if (!client.first_visit_at) return true;
  return Boolean(since) && new Date(client.first_visit_at) >= new Date(since);
}

function ComingCard({ client, notes, notesTotal, tags, since }) {
  const { t } = useTranslation("clients");
  return (
    <li className="card coming-card">
      <h3>
        <Link to={paths.client(client.id)}>{clientName(client)}</Link>{" "}
        {isFirstTimer(client, since) && <span className="pill warn">{t("coming.firstVisit")}</span>}
      </h3>
      <p className="muted small-text">
        {tags.length > 0
          ? t("coming.figuresTags", { visits: client.visits, noShows: client.no_shows, tags: tags.join(", ") })
          : t("coming.figures", { visits: client.visits, noShows: client.no_shows })}
      </p>
      {notes.length > 0 && (
        <ul className="coming-notes" aria-label={t("coming.notesOn", { name: clientName(client) })}>
          {notes.map((note) => (
            <li key={note.id}>
              {note.text} <span className="muted small-text">{t("coming.noteBy", { author: note.author?.name ?? t("coming.staff"), when: formatDateTime(note.created_at) })}</span>
            </li>
          ))}
          {notesTotal > notes.length && <li className="muted small-text">{t("coming.olderNotes", { count: notesTotal - notes.length })}</li>}
        </ul>
      )}
    </li>
  );
}

/** people: [{email}] of those coming (those without one are not looked up); since: when this session's check-in
 *  opened. */
export function WhoIsComing({ people, since }) {
  const { t } = useTranslation("clients");
  const book = useClientBook();
  const emails = [...new Set(people.map((person) => person.email?.trim().toLowerCase()).filter(Boolean))];
  const found = useComingClients(book.enabled ? emails : []);
  if (!book.enabled || !emails.length) return null;
  // Each client once: two emails of one person (merged records) make one card.
  const known = [...new Map(found.filter((one) => one.client).map((one) => [one.client.id, one])).values()];
  const failed = found.some((one) => one.error);
  const loading = found.some((one) => one.isLoading);
  return (
    <section className="who-is-coming" aria-labelledby="who-is-coming" aria-busy={loading || undefined}>
      <h2 id="who-is-coming">{t("coming.heading")}</h2>
      {failed && <p className="muted small-text">{t("coming.someFailed")}</p>}
      {!known.length && loading && <p className="muted small-text">{t("coming.loading")}</p>}
      {known.length > 0 && (
        <ul className="coming-cards">
          {known.map((one) => (
            <ComingCard key={one.client.id} client={one.client} notes={one.notes} notesTotal={one.notesTotal} tags={one.tags} since={since} />
          ))}
        </ul>
      )}
    </section>
  );
}
