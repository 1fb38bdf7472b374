import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, pageOf } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { MyTeachingPage } from "./MyTeachingPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const DAY = 86_400_000;
const iso = (offset) => new Date(Date.now() + offset).toISOString();
const session = (id, offset, extra = {}) => ({ id, starts_at: iso(offset), ends_at: iso(offset + 3_600_000), capacity: 10, seats_taken: 4, status: "scheduled", ...extra });
const EVENTS = [
  { id: 1, title: "Morning Flow", status: "scheduled", timezone: "Asia/Kolkata", location: "Studio A", sessions: [session(11, 2 * DAY), session(12, -2 * DAY)] },
  { id: 2, title: "Yin Evening", status: "scheduled", timezone: "Asia/Kolkata", sessions: [session(21, DAY)] },
];

function teachingApi(handler = ({ query }) => ok(pageOf(EVENTS, query)), role = "instructor") {
  return fakeApi({ "GET main /api/studios": () => ok(studioList(makeStudio(role))), [`GET ${BASE}/events`]: handler });
}
const renderTeaching = (api) => renderApp(<MyTeachingPage />, { route: paths.myTeaching, api, as: USERS.user, studios: true });

describe("MyTeachingPage", () => {
  it("lists the sessions I teach, upcoming first, each with its session page and check-in", async () => {
    renderTeaching(teachingApi());
    await screen.findByRole("heading", { level: 2, name: "Upcoming" });
    const [upcoming, past] = screen.getAllByRole("list");
    const titles = within(upcoming).getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent);
    expect(titles).toEqual(["Yin Evening", "Morning Flow"]);
    expect(within(upcoming).getByRole("link", { name: "Morning Flow" })).toHaveAttribute("href", paths.facilitatorSession(11));
    expect(within(upcoming).getByRole("link", { name: "Check-in of Morning Flow" })).toHaveAttribute("href", paths.facilitatorCheckin(11));
    expect(within(upcoming).getAllByRole("listitem")[1]).toHaveTextContent("4 of 10 booked · Studio A");
    expect(within(past).getByRole("link", { name: "Morning Flow" })).toHaveAttribute("href", paths.facilitatorSession(12));
    expect(within(past).queryByRole("link", { name: /Check-in/ })).not.toBeInTheDocument();
  });

  it("keeps an owner's list to the sessions naming them as instructor", async () => {
    const mixed = [{ ...EVENTS[0], sessions: [session(11, DAY, { instructor: { id: USERS.user.id, name: "Ravi Iyer" } }), session(13, DAY, { instructor: { id: 99, name: "Meera Rao" } })] }];
    renderTeaching(teachingApi(({ query }) => ok(pageOf(mixed, query)), "owner"));
    await screen.findByRole("heading", { level: 2, name: "Upcoming" });
    expect(screen.getAllByRole("link", { name: "Morning Flow" })).toHaveLength(1);
    expect(screen.getByRole("link", { name: "Morning Flow" })).toHaveAttribute("href", paths.facilitatorSession(11));
    expect(screen.getByRole("link", { name: "Morning Flow" }).closest("li")).toHaveTextContent("With Ravi Iyer · ");
  });

  it("says when there is nothing to teach, and when the list can't be read", async () => {
    const empty = renderTeaching(teachingApi(() => ok(pageOf([], {}))));
    expect(await screen.findByText("No upcoming sessions to teach.")).toBeInTheDocument();
    empty.unmount();
    renderTeaching(teachingApi(() => apiError(500, "internal", "Something went wrong on our side.")));
    expect(await screen.findByRole("alert")).toHaveTextContent("Your sessions could not be loaded. Something went wrong on our side.");
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderTeaching(teachingApi());
    expect(await screen.findByRole("heading", { level: 2, name: "आने वाले" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "मेरी क्लासें" })).toBeInTheDocument();
    expect(screen.getAllByRole("listitem")[1]).toHaveTextContent("10 में से 4 बुक · Studio A");
  });
});
