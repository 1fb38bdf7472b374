import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths, patterns } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { makeEvent, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
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

  it("says the ages a kids' class takes, and nothing for one open to all", async () => {
    for (const [ages, said] of [[{ min_age: 5, max_age: 10 }, "Ages 5–10"], [{ min_age: 16 }, "Ages 16 and up"], [{ max_age: 12 }, "Up to age 12"]]) {
      const api = fakeApi({ "GET main /events/1": () => ok({ ...EVENT, ...ages }) });
      const { unmount } = renderApp(<EventPage />, { route: paths.event(1), path: patterns.event, api });
      await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
      expect(document.querySelector(".event-meta .ages")).toHaveTextContent(said);
      unmount();
    }
    renderEvent();
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(document.querySelector(".event-meta .ages")).toBeNull();
  });

  it("gives each session's price in its currency, Free when it costs nothing", async () => {
    const event = makeEvent({
      sessions: [makeSession({ id: 11 }), makeSession({ id: 12, price: 4_500_000 }), makeSession({ id: 13, price: 4_500_050 }), makeSession({ id: 14, price: 1500, currency: "JPY" })],
    });
    const api = fakeApi({ "GET main /events/1": () => ok(event) });
    renderApp(<EventPage />, { route: paths.event(1), path: patterns.event, api });
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(screen.getByRole("columnheader", { name: "Price" })).toBeInTheDocument();
    expect(rowOf(11).cells[1]).toHaveTextContent(/^Free$/);
    expect(rowOf(12).cells[1]).toHaveTextContent(/^₹45,000$/);
    expect(rowOf(13).cells[1]).toHaveTextContent(/^₹45,000\.50$/);
    expect(rowOf(14).cells[1]).toHaveTextContent(/^¥1,500$/);
    expect(rowOf(12).cells[1]).toHaveAttribute("data-label", "Price");
  });

  it("says how many wait for a seat in each session, and nothing of a cancelled one's line", async () => {
    const event = makeEvent({
      sessions: [makeSession({ id: 11, waiting: 0 }), makeSession({ id: 12, seats_taken: 12, waiting: 3 }), makeSession({ id: 13, status: "cancelled", waiting: 2 })],
    });
    const api = fakeApi({ "GET main /events/1": () => ok(event) });
    renderApp(<EventPage />, { route: paths.event(1), path: patterns.event, api });
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(rowOf(12).cells[3]).toHaveTextContent(/^Full 3 waiting$/);
    expect(rowOf(11)).not.toHaveTextContent("waiting");
    expect(rowOf(13)).not.toHaveTextContent("waiting");
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

  describe("to a viewer in Europe/Berlin", () => {
    viewerInZone("Europe/Berlin");

    it("shows each session in the event's zone, and the viewer's own time beside it", async () => {
      const inKolkata = makeEvent({ sessions: [makeSession({ id: 11, starts_at: "2031-01-15T03:30:00+00:00", ends_at: "2031-01-15T05:00:00+00:00" })] });
      const api = fakeApi({ "GET main /events/1": () => ok(inKolkata) });
      renderApp(<EventPage />, { route: paths.event(1), path: patterns.event, api });
      await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
      const when = document.getElementById("session-11-when");
      expect(when).toHaveTextContent(/15.*2031.*09:00.*10:30.* IST \(04:30.*06:00.* your time, CET\)$/);
      expect(within(when).getByText(/your time/)).toHaveClass("viewer-time");
    });

    it("leaves the viewer's time out when it reads the same", async () => {
      const inBerlin = makeEvent({ timezone: "Europe/Berlin", sessions: [makeSession({ id: 11, starts_at: "2031-07-15T07:00:00+00:00", ends_at: "2031-07-15T08:00:00+00:00" })] });
      const api = fakeApi({ "GET main /events/1": () => ok(inBerlin) });
      renderApp(<EventPage />, { route: paths.event(1), path: patterns.event, api });
      await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
      expect(document.getElementById("session-11-when")).toHaveTextContent(/09:00.*10:00.* CEST$/);
      expect(document.getElementById("session-11-when")).not.toHaveTextContent("your time");
    });
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderEvent();
    expect(await screen.findByRole("heading", { level: 2, name: "सेशन" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "कीमत" })).toBeInTheDocument();
    expect(rowOf(11)).toHaveTextContent("10 सीटें बाकी");
    expect(rowOf(12)).toHaveTextContent("भरा हुआ");
    expect(screen.getByRole("link", { name: "← सभी कार्यक्रम" })).toBeInTheDocument();
  });
});
