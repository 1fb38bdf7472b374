/** "Who is coming": a card for each person booked into a session who is in the studio's client book, with their
 *  staff notes, tags, a first-timer badge and a link to their page; only for roles that see the book (clients.view,
 *  clients.own). The door works without it: a book out of reach says so in one line. */
import { Link } from "react-router";
import { formatDateTime, plural } from "../../../lib/format.js";
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
  return (
    <li className="card coming-card">
      <h3>
        <Link to={paths.client(client.id)}>{clientName(client)}</Link>{" "}
        {isFirstTimer(client, since) && <span className="pill warn">First visit</span>}
      </h3>
      <p className="muted small-text">
        {plural(client.visits, "visit")} · {plural(client.no_shows, "no-show")}
        {tags.length > 0 && ` · ${tags.join(", ")}`}
      </p>
      {notes.length > 0 && (
        <ul className="coming-notes" aria-label={`Notes on ${clientName(client)}`}>
          {notes.map((note) => (
            <li key={note.id}>
              {note.text} <span className="muted small-text">— {note.author?.name ?? "staff"}, {formatDateTime(note.created_at)}</span>
            </li>
          ))}
          {notesTotal > notes.length && <li className="muted small-text">and {plural(notesTotal - notes.length, "older note")} on their page</li>}
        </ul>
      )}
    </li>
  );
}

/** people: [{email}] of those coming (those without one are not looked up); since: when this session's check-in
 *  opened. */
export function WhoIsComing({ people, since }) {
  const book = useClientBook();
  const emails = [...new Set(people.map((person) => person.email?.trim().toLowerCase()).filter(Boolean))];
  const found = useComingClients(book.enabled ? emails : []);
  if (!book.enabled || !emails.length) return null;
  // Each client once: two emails of one person (merged records) make one card.
  const known = [...new Map(found.filter((one) => one.client).map((one) => [one.client.id, one])).values()];
  const failed = found.some((one) => one.error);
  return (
    <section className="who-is-coming" aria-labelledby="who-is-coming">
      <h2 id="who-is-coming">Who is coming</h2>
      {failed && <p className="muted small-text">Some notes from the client book can't be loaded right now.</p>}
      {!known.length && found.some((one) => one.isLoading) && <p className="muted small-text">Loading the client book…</p>}
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
