/** What a booking dialog says of a session and its event: title, time, place. */
import { EventTime } from "../../../components/EventTime.jsx";

export function SessionSummary({ event, session }) {
  return (
    <>
      <p>
        <strong>{event.title}</strong>
      </p>
      <p>
        <EventTime start={session.starts_at} end={session.ends_at} timeZone={event.timezone} />
      </p>
      {event.location && <p className="muted">{event.location}</p>}
    </>
  );
}

