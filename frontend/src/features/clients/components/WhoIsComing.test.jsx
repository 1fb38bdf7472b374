import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, ok } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { BOOK, bookApi, makeClient, makeProfile } from "../test-fixtures.js";
import { WhoIsComing } from "./WhoIsComing.jsx";

const OPENS = "2031-03-25T03:30:00+00:00";
const ASHA = makeClient(1, { name: "Asha Verma", email: "asha@example.com", visits: 12, no_shows: 2 });
const NEW = makeClient(2, { name: "Kiran Rao", email: "kiran@example.com", visits: 0, no_shows: 0, first_visit_at: null, last_visit_at: null });
const NOTES = [{ id: 3, text: "Knee injury, prefers the back row", author: { id: 9, name: "Ravi Iyer" }, created_at: "2031-03-01T04:30:00+00:00", edited_at: null }];
const PEOPLE = [{ email: "asha@example.com" }, { email: "kiran@example.com" }, { email: "nobody@example.com" }];

function comingApi(role = "front_desk", more = {}) {
  return bookApi({
    role,
    clients: [ASHA, NEW, makeClient(3, { email: "asha@example.com.au" })],
    more: {
      [`GET ${BOOK}/1`]: ({ query }) => ok(makeProfile(ASHA, { query, notes: NOTES, tags: ["knee"] })),
      [`GET ${BOOK}/2`]: ({ query }) => ok(makeProfile(NEW, { query, notes: [], tags: [] })),
      ...more,
    },
  });
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
    // Looked up by email, the one with exactly that address.
    expect(api.callsTo(`GET ${BOOK}/3`)).toHaveLength(0);
    expect(api.callsTo(`GET ${BOOK}`).map((call) => call.query.q)).toEqual(["asha@example.com", "kiran@example.com", "nobody@example.com"]);
  });

  it("counts a first visit made at this very session as a first visit", async () => {
    const today = makeClient(4, { name: "Meera Iyer", email: "meera@example.com", visits: 1, first_visit_at: "2031-03-25T04:00:00+00:00" });
    const api = bookApi({ role: "instructor", clients: [today], more: { [`GET ${BOOK}/4`]: ({ query }) => ok(makeProfile(today, { query, notes: [] })) } });
    renderCards(api, [{ email: "meera@example.com" }]);
    const meera = (await screen.findByRole("link", { name: "Meera Iyer" })).closest("li");
    expect(within(meera).getByText("First visit")).toBeInTheDocument();
  });

  it("says in one line when the client book can't be reached", async () => {
    renderCards(comingApi("front_desk", { [`GET ${BOOK}`]: () => apiError(503, "unavailable", "down") }));
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
