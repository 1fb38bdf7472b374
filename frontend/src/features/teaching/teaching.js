/** Which sessions are mine to teach, and in what order: upcoming first (soonest first), then past (latest first). */

/**
 * The scheduled sessions of events I teach, each {...session, event}: {upcoming, past}. The server answers an
 * instructor only the sessions they teach; an owner's or manager's list holds everyone's, so a session naming its
 * instructor is kept only when it is mine.
 */
export function mySessions(events, userId, now = Date.now()) {
  const upcoming = [];
  const past = [];
  for (const event of events ?? []) {
    for (const session of event.sessions ?? []) {
      if (session.status === "cancelled" || event.status === "cancelled") continue;
      if (session.instructor && session.instructor.id !== userId) continue;
      const ends = new Date(session.ends_at ?? session.starts_at).getTime();
      (ends >= now ? upcoming : past).push({ ...session, event });
    }
  }
  const start = (one) => new Date(one.starts_at).getTime();
  upcoming.sort((a, b) => start(a) - start(b));
  past.sort((a, b) => start(b) - start(a));
  return { upcoming, past };
}
