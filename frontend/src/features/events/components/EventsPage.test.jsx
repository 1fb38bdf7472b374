import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { networkMessage } from "../../../lib/api-client.js";
import { paths } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { eventPage, makeEvent, makeSession } from "../../../test/fixtures.js";
import { EventsPage } from "./EventsPage.jsx";

const RETREAT = makeEvent({
  id: 2,
  title: "Himalayan Silence Retreat",
  kind: "retreat",
  location: "Rishikesh, Uttarakhand",
  facilitator: { id: 3, name: "Kavya Reddy" },
  sessions: [makeSession({ id: 21, event_id: 2, capacity: 20, seats_taken: 20 })],
});

function listApi(answer = () => ok(eventPage([makeEvent(), RETREAT]))) {
  return fakeApi({ "GET main /events": answer });
}

const lastQuery = (api) => api.callsTo("GET main /events").at(-1).query;

describe("EventsPage", () => {
  it("shows each event as a card with its facts", async () => {
    renderApp(<EventsPage />, { api: listApi() });
    expect(screen.getByRole("heading", { level: 1, name: "Upcoming sessions & retreats" })).toBeInTheDocument();
    expect(document.title).toBe("Upcoming sessions & retreats · Sessions & Retreats");

    const flow = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(within(flow).getByRole("link", { name: "Morning Vinyasa Flow" })).toHaveAttribute("href", "/events/1");
    expect(flow).toHaveTextContent("Session");
    expect(flow).toHaveTextContent("Dr. Priya Sharma");
    expect(flow).toHaveTextContent("Lotus Studio, Bengaluru");
    expect(flow).toHaveTextContent("2 sessions");
    // One of its two sessions is full: the seats are the other one's, not a sum.
    expect(within(flow).getByText("10 seats left")).toHaveClass("pill", "ok");

    const retreat = screen.getByRole("article", { name: "Himalayan Silence Retreat" });
    expect(retreat).toHaveTextContent("Retreat");
    expect(retreat).not.toHaveTextContent("1 session");
    expect(within(retreat).getByText("Full — join the waiting list")).toHaveClass("pill", "warn");
    expect(screen.getByText("2 events found")).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Pagination" })).not.toBeInTheDocument();
  });

  it("gives each card's price: Free, one price, the lowest of several, and Free or from the lowest", async () => {
    const at = (id, price, extra = {}) => makeSession({ id, price, ...extra });
    const events = [
      makeEvent({ id: 1, title: "Free Flow", sessions: [at(11, 0), at(12, 0)] }),
      makeEvent({ id: 2, title: "Silent Retreat", kind: "retreat", sessions: [at(21, 4_500_000)] }),
      makeEvent({ id: 3, title: "Evening Classes", sessions: [at(31, 120_000), at(32, 80_000), at(33, 50_000, { status: "cancelled" })] }),
      makeEvent({ id: 4, title: "Open Day", sessions: [at(41, 0), at(42, 80_000)] }),
      makeEvent({ id: 5, title: "Tokyo Zen", sessions: [at(51, 1500, { currency: "JPY" })] }),
      makeEvent({ id: 6, title: "Bengaluru Flow", sessions: [at(61, 100_000)], tax_added: { name: "GST", rate: 1800 } }),
    ];
    renderApp(<EventsPage />, { api: listApi(() => ok(eventPage(events))) });
    const price = async (name) => (await screen.findByRole("article", { name })).querySelector(".event-card-price").textContent;
    expect(await price("Free Flow")).toBe("Free");
    expect(await price("Silent Retreat")).toBe("₹45,000");
    // The cancelled session's lower price is not on offer.
    expect(await price("Evening Classes")).toBe("from ₹800");
    expect(await price("Open Day")).toBe("Free or from ₹800");
    expect(await price("Tokyo Zen")).toBe("¥1,500");
    expect(await price("Bengaluru Flow")).toBe("₹1,000 + 18% GST"); // its studio adds GST at checkout
  });

  it("shows the seats per session, never their sum, and a one-session retreat as a stay", async () => {
    const classes = makeEvent({
      id: 3,
      title: "Evening Classes",
      sessions: [makeSession({ id: 31, seats_taken: 2 }), makeSession({ id: 32, seats_taken: 9 }), makeSession({ id: 33, seats_taken: 12 })],
    });
    const week = makeEvent({
      id: 4,
      title: "Coastal Week",
      kind: "retreat",
      sessions: [makeSession({ id: 41, starts_at: "2031-03-01T04:30:00+00:00", ends_at: "2031-03-08T04:30:00+00:00", capacity: 16, seats_taken: 4 })],
    });
    renderApp(<EventsPage />, { api: listApi(() => ok(eventPage([classes, week]))) });
    const classesCard = await screen.findByRole("article", { name: "Evening Classes" });
    expect(classesCard).toHaveTextContent("3 sessions");
    expect(within(classesCard).getByText("3 to 10 seats left")).toHaveClass("pill", "ok");
    const weekCard = screen.getByRole("article", { name: "Coastal Week" });
    expect(weekCard).toHaveTextContent("7 nights");
    expect(weekCard).not.toHaveTextContent("session");
    expect(within(weekCard).getByText("12 seats left")).toBeInTheDocument();
  });

  it("sends the URL's filters and keeps each change in the URL", async () => {
    const api = listApi();
    const { user } = renderApp(<EventsPage />, { api, route: `${paths.events}?q=yoga&kind=session&page=2` });
    await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(lastQuery(api)).toEqual({ q: "yoga", kind: "session", page: "2", per_page: "12" });
    expect(screen.getByLabelText("Search")).toHaveValue("yoga");
    expect(screen.getByLabelText("Kind")).toHaveValue("session");

    await user.selectOptions(screen.getByLabelText("Kind"), "Retreats");
    await waitFor(() => expect(lastQuery(api)).toEqual({ q: "yoga", kind: "retreat", page: "1", per_page: "12" }));
    expect(screen.getByTestId("location")).toHaveTextContent("/?q=yoga&kind=retreat");

    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-12-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-12-31" } });
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        from: new Date(2026, 11, 1).toISOString(),
        to: new Date(2026, 11, 31, 23, 59, 59, 999).toISOString(),
      }),
    );
    expect(screen.getByTestId("location")).toHaveTextContent("from=2026-12-01&to=2026-12-31");
  });

  it("applies the search after a pause in typing", async () => {
    const api = listApi();
    const { user } = renderApp(<EventsPage />, { api });
    await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    await user.type(screen.getByLabelText("Search"), "silence");
    await waitFor(() => expect(lastQuery(api).q).toBe("silence"));
    expect(api.callsTo("GET main /events").filter((call) => call.query.q)).toHaveLength(1);
    expect(screen.getByTestId("location")).toHaveTextContent("/?q=silence");
  });

  it("applies the search at once on Enter", async () => {
    const api = listApi();
    const { user } = renderApp(<EventsPage />, { api });
    await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    await user.type(screen.getByLabelText("Search"), "flow{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/?q=flow");
  });

  it("says when nothing matches, and clears the filters", async () => {
    const api = listApi(({ query }) => ok(eventPage(query.q ? [] : [makeEvent()])));
    const { user } = renderApp(<EventsPage />, { api, route: `${paths.events}?q=zumba&kind=retreat` });
    expect(await screen.findByText("No events match your filters.")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Clear filters" })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
    expect(screen.getByLabelText("Search")).toHaveValue("");
    expect(lastQuery(api)).toEqual({ page: "1", per_page: "12" });
  });

  it("pages with Previous and Next", async () => {
    const api = listApi(({ query }) => ok(eventPage([makeEvent({ id: Number(query.page), title: `Event on page ${query.page}` })], { page: Number(query.page), pages: 3 })));
    const { user } = renderApp(<EventsPage />, { api });
    await screen.findByRole("article", { name: "Event on page 1" });
    const pagination = screen.getByRole("navigation", { name: "Pagination" });
    expect(pagination).toHaveTextContent("Page 1 of 3");
    expect(within(pagination).getByRole("button", { name: "Previous" })).toBeDisabled();

    await user.click(within(pagination).getByRole("button", { name: "Next" }));
    await screen.findByRole("article", { name: "Event on page 2" });
    expect(screen.getByTestId("location")).toHaveTextContent("/?page=2");
    expect(screen.getByRole("navigation", { name: "Pagination" })).toHaveTextContent("Page 2 of 3");
    // The keyboard continues from the top of the new page, not from a button at the bottom of the old one.
    expect(screen.getByRole("list", { name: "Events" })).toHaveFocus();
  });

  it("shows the client's message when the server can't be reached, and tries again", async () => {
    let fail = true;
    const api = listApi(() => {
      if (fail) throw new TypeError("Failed to fetch");
      return ok(eventPage([makeEvent()]));
    });
    const { user } = renderApp(<EventsPage />, { api });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(networkMessage());
    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("article", { name: "Morning Vinyasa Flow" })).toBeInTheDocument();
  });

  describe("to a viewer in America/New_York", () => {
    viewerInZone("America/New_York");

    it("shows a one-day event's times in its zone and the viewer's, another day there", async () => {
      const evening = makeEvent({ sessions: [makeSession({ id: 11, starts_at: "2031-01-15T03:30:00+00:00", ends_at: "2031-01-15T05:00:00+00:00" })] });
      renderApp(<EventsPage />, { api: listApi(() => ok(eventPage([evening]))) });
      const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      expect(card).toHaveTextContent(/Wed.*15.*2031.*09:00.*10:30.* IST \(Tue.*14.*2031.*22:30|Wed.*15.*2031.*09:00.*10:30.* IST \(Tue.*14.*2031.*10:30 PM/);
      expect(card).toHaveTextContent(/your time, EST\)/);
    });
  });
});
