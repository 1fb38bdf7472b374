import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { makeEvent, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { EventPage } from "./EventPage.jsx";

const EVENT = makeEvent({ sessions: [makeSession({ id: 11 }), makeSession({ id: 12, seats_taken: 12 })] });

function renderEvent(props) {
  const api = fakeApi({ "GET main /events/1": () => ok(EVENT) });
  return renderApp(<EventPage {...props} />, { route: paths.event(1), path: patterns.event, api });
}

const rowOf = (sessionId) => document.getElementById(`session-${sessionId}-when`).closest("tr");

describe("EventPage", () => {
  it("shows the sessions with nothing to do about them on its own", async () => {
    renderEvent();
    expect(await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
    expect(rowOf(11)).toHaveTextContent("10 seats left");
    expect(rowOf(12)).toHaveTextContent("Full");
    expect(screen.getByRole("table", { name: "Sessions of Morning Vinyasa Flow" })).toBeInTheDocument();
    expect(within(rowOf(11)).queryByRole("button")).not.toBeInTheDocument();
    expect(within(rowOf(11)).queryByRole("link")).not.toBeInTheDocument();
  });

  it("lets the app layer fill the sessions part: each row's action, with the session, its availability and the when cell", async () => {
    const renderSessions = vi.fn((event, sessionsTable) => (
      <>
        <p>Booking for {event.title}</p>
        {sessionsTable((session, availability, whenId) => (
          <button type="button" aria-describedby={whenId} disabled={!availability.bookable}>
            Act on {session.id}
          </button>
        ))}
      </>
    ));
    renderEvent({ renderSessions });
    expect(await screen.findByText("Booking for Morning Vinyasa Flow")).toBeInTheDocument();
    expect(within(rowOf(11)).getByRole("button", { name: "Act on 11" })).toBeEnabled();
    expect(within(rowOf(11)).getByRole("button", { name: "Act on 11" })).toHaveAccessibleDescription(rowOf(11).querySelector("td").textContent);
    expect(within(rowOf(12)).getByRole("button", { name: "Act on 12" })).toBeDisabled();
    expect(renderSessions.mock.calls.at(-1)[0]).toEqual(EVENT);
  });
});
