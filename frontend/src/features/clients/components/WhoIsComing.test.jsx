import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { BOOK, bookApi, cardsRoute, makeClient } from "../test-fixtures.js";
import { WhoIsComing } from "./WhoIsComing.jsx";

const OPENS = "2031-03-25T03:30:00+00:00";
const ASHA = makeClient(1, { name: "Asha Verma", email: "asha@example.com", visits: 12, no_shows: 2 });
const NEW = makeClient(2, { name: "Kiran Rao", email: "kiran@example.com", visits: 0, no_shows: 0, first_visit_at: null, last_visit_at: null });
const NOTES = [{ id: 3, text: "Knee injury, prefers the back row", author: { id: 9, name: "Ravi Iyer" }, created_at: "2031-03-01T04:30:00+00:00", edited_at: null }];
const PEOPLE = [{ email: "asha@example.com" }, { email: "kiran@example.com" }, { email: "nobody@example.com" }];

const CARDS = `POST ${BOOK}/cards`;

function comingApi(role = "front_desk", more = {}) {
  const clients = [ASHA, NEW, makeClient(3, { email: "asha@example.com.au" })];
  return bookApi({ role, clients, more: { ...cardsRoute(clients, { 1: { notes: NOTES, tags: ["knee"] } }), ...more } });
}
const renderCards = (api, people = PEOPLE) => renderApp(<WhoIsComing people={people} since={OPENS} />, { api, as: USERS.user, studios: true });

describe("WhoIsComing", () => {
  it("shows a card for each person in the client book, with their notes and a first-timer badge", async () => {
    const api = comingApi();
    renderCards(api);
    const asha = (await screen.findByRole("link", { name: "Asha Verma" })).closest("li");
    expect(asha).toHaveTextContent("12 visits · 2 no-shows · knee");
    expect(await within(asha).findByText(/Knee injury, prefers the back row/)).toHaveTextContent("Ravi Iyer");
    expect(within(asha).queryByText("First visit")).not.toBeInTheDocument();
    const kiran = screen.getByRole("link", { name: "Kiran Rao" }).closest("li");
    expect(within(kiran).getByText("First visit")).toBeInTheDocument();
    expect(screen.getAllByRole("heading", { level: 3 })).toHaveLength(2); // nobody@ is not in the book
    // One request for everyone coming, by email.
    expect(api.callsTo(CARDS).map((call) => call.body.emails)).toEqual([["asha@example.com", "kiran@example.com", "nobody@example.com"]]);
    expect(api.callsTo(`GET ${BOOK}`)).toHaveLength(0);
  });

  it("says how many older notes the client's page holds past the newest three", async () => {
    const notes = [1, 2, 3, 4, 5].map((n) => ({ ...NOTES[0], id: n, text: `Note ${n}` }));
    const api = bookApi({ clients: [ASHA], more: cardsRoute([ASHA], { 1: { notes } }) });
    renderCards(api, [{ email: "Asha@Example.com " }]);
    const asha = (await screen.findByRole("link", { name: "Asha Verma" })).closest("li");
    expect(within(asha).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      expect.stringContaining("Note 1"),
      expect.stringContaining("Note 2"),
      expect.stringContaining("Note 3"),
      "and 2 older notes on their page",
    ]);
  });

  it("counts a first visit made at this very session as a first visit", async () => {
    const today = makeClient(4, { name: "Meera Iyer", email: "meera@example.com", visits: 1, first_visit_at: "2031-03-25T04:00:00+00:00" });
    const api = bookApi({ role: "instructor", clients: [today], more: cardsRoute([today]) });
    renderCards(api, [{ email: "meera@example.com" }]);
    const meera = (await screen.findByRole("link", { name: "Meera Iyer" })).closest("li");
    expect(within(meera).getByText("First visit")).toBeInTheDocument();
  });

  it("says in one line when the client book can't be reached", async () => {
    renderCards(comingApi("front_desk", { [CARDS]: () => apiError(503, "unavailable", "down") }));
    expect(await screen.findByText("Some notes from the client book can't be loaded right now.")).toBeInTheDocument();
  });

  it("shows nothing to a role without the client book, and asks the CRM nothing", async () => {
    const api = comingApi();
    const { queryClient } = renderApp(<WhoIsComing people={PEOPLE} since={OPENS} />, { api, as: USERS.facilitator, studios: false });
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(screen.queryByRole("heading", { name: "Who is coming" })).not.toBeInTheDocument();
    expect(api.calls.filter((call) => call.service === "crm")).toHaveLength(0);
  });
});
