import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { freshDevice, roster } from "../features/checkin/test-fixtures.js";
import { paths, patterns } from "../lib/paths.js";
import { fakeApi, ok } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { makeStudio, studioList } from "../test/studios.js";
import { CheckinWithClientCards } from "./CheckinWithClientCards.jsx";

const BOOK = "crm /api/studios/lotus-yoga/clients";
const ASHA = { id: 1, name: "Asha Verma", email: "asha@example.com", visits: 4, no_shows: 0, first_visit_at: "2031-01-06T04:30:00+00:00" };
const KIRAN = { id: 2, name: "Kiran Rao", email: "kiran@example.com", visits: 0, no_shows: 0, first_visit_at: null };
const NOTE = { id: 3, text: "Knee injury, prefers the back row", author: { id: 9, name: "Ravi Iyer" }, created_at: "2031-03-01T04:30:00+00:00", edited_at: null };

function doorApi(role) {
  const people = [ASHA, KIRAN];
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    "GET main /api/studios/lotus-yoga/sessions/12/roster": () => ok(roster()),
    [`POST ${BOOK}/cards`]: ({ body }) =>
      ok({
        items: body.emails.map((email) => {
          const client = people.find((one) => one.email === email) ?? null;
          const notes = client?.id === ASHA.id ? [NOTE] : [];
          return { email, client, notes, notes_total: notes.length, tags: [] };
        }),
      }),
  });
}
const renderDoor = (role) => renderApp(<CheckinWithClientCards />, { route: paths.facilitatorCheckin(12), path: patterns.facilitatorCheckin, api: doorApi(role), as: "user", studios: true });

describe("CheckinWithClientCards", () => {
  beforeEach(freshDevice);

  it("shows the front desk who is coming from the client book, under the door's list", async () => {
    renderDoor("front_desk");
    const cards = (await screen.findByRole("heading", { name: "Who is coming" })).closest("section");
    const asha = (await within(cards).findByRole("link", { name: "Asha Verma" })).closest("li");
    expect(await within(asha).findByText(/Knee injury, prefers the back row/)).toBeInTheDocument();
    const kiran = (await within(cards).findByRole("link", { name: "Kiran Rao" })).closest("li");
    expect(within(kiran).getByText("First visit")).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "People" })).toBeInTheDocument(); // the door itself is all there
  });
});
