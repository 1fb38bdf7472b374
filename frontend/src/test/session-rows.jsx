/** Test helpers for an event page's sessions table: a bare table of its sessions, a session's row, clicking a button
 *  in it, a login stand-in. */
import { waitFor, within } from "@testing-library/react";
import { useLocation } from "react-router";
import { expect } from "vitest";

/** The table row of a session (found by its "when" cell's id). */
export const rowOf = (sessionId) => document.getElementById(`session-${sessionId}-when`).closest("tr");

/** Waits for the named button in the session's row to be ready (the user's bookings are loaded) and clicks it. */
export async function clickInRow(user, sessionId, name) {
  const button = await waitFor(() => {
    const found = within(rowOf(sessionId)).getByRole("button", { name });
    expect(found).toBeEnabled();
    return found;
  });
  await user.click(button);
}

/** A stand-in login page that says where it would send the person back to. */
export function LoginProbe() {
  const location = useLocation();
  return <p>Login page, back to {location.state?.from}</p>;
}

/** A bare sessions table for EventBooking's sessionsTable: one row per session, its action in the second cell
 *  (bookable while seats are left, its waiting list once none are). */
export function SessionRows({ event, sessionAction }) {
  return (
    <table>
      <tbody>
        {event.sessions.map((session) => {
          const availability = { bookable: session.seats_left > 0, waitlist: session.seats_left <= 0, label: "", tone: "" };
          return (
            <tr key={session.id}>
              <td id={`session-${session.id}-when`}>Session {session.id}</td>
              <td>{sessionAction(session, availability, `session-${session.id}-when`)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
