import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { eventPage, makeEvent, makeSession } from "../../../test/fixtures.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { addDays, mondayOf, today, weekDays } from "../week.js";
import { EventPage } from "./EventPage.jsx";
import { EventsPage } from "./EventsPage.jsx";
import { TimetablePage } from "./TimetablePage.jsx";

const ONLINE = makeEvent({ id: 1, title: "Breathwork Online", sessions: [makeSession({ id: 11, mode: "online" })] });
const MIXED = makeEvent({ id: 2, title: "Morning Flow", sessions: [makeSession({ id: 21, mode: "hybrid" }), makeSession({ id: 22, mode: "in_person" })] });
const STUDIO = makeEvent({ id: 3, title: "Studio Flow", sessions: [makeSession({ id: 31 })] });

describe("a session's mode, in public", () => {
  it("says on each catalogue card whether the event can be attended online, beside its place", async () => {
    renderApp(<EventsPage />, { api: fakeApi({ "GET main /events": () => ok(eventPage([ONLINE, MIXED, STUDIO])) }) });
    const online = await screen.findByRole("article", { name: "Breathwork Online" });
    expect(within(online).getByText("Location").nextElementSibling).toHaveTextContent(/^Lotus Studio, Bengaluru · Online$/);
    expect(within(screen.getByRole("article", { name: "Morning Flow" })).getByText("Online and in person")).toHaveClass("session-mode");
    expect(within(screen.getByRole("article", { name: "Studio Flow" })).getByText("Location").nextElementSibling).toHaveTextContent(/^Lotus Studio, Bengaluru$/);
  });

  it("marks each online or hybrid session's row on the event page, under its time", async () => {
    renderApp(<EventPage />, { route: paths.event(2), path: patterns.event, api: fakeApi({ "GET main /events/2": () => ok(MIXED) }) });
    await screen.findByRole("heading", { level: 1, name: "Morning Flow" });
    expect(document.getElementById("session-21-when")).toHaveTextContent(/Online and in person$/);
    expect(document.getElementById("session-22-when")).not.toHaveTextContent(/Online/);
  });

  it("says Online beside a timetable session's place", async () => {
    const monday = mondayOf(today());
    const entry = (id, mode) => ({
      ...makeSession({ id, mode, starts_at: `${addDays(monday, 8)}T06:00:00+00:00`, ends_at: `${addDays(monday, 8)}T07:00:00+00:00` }),
      date: addDays(monday, 8),
      start_time: "07:00",
      end_time: "08:00",
      waiting: 0,
      event: { id: id * 10, title: `Class ${id}`, kind: "session", location: "Studio 1", timezone: "Europe/Berlin" },
      facilitator: { id: 2, name: "Dr. Priya Sharma" },
    });
    const week = (from) => ({ from, to: addDays(from, 6), days: weekDays(from).map((date) => ({ date, sessions: date === addDays(monday, 8) ? [entry(1, "online"), entry(2, "in_person")] : [] })) });
    renderApp(<TimetablePage />, { route: `${paths.timetable}?week=${addDays(monday, 7)}`, path: paths.timetable, api: fakeApi({ "GET main /timetable": ({ query }) => ok(week(query.from)) }) });
    const [online, inPerson] = within(await screen.findByRole("list", { name: /^Sessions on / })).getAllByRole("listitem");
    expect(online.querySelector(".session-meta")).toHaveTextContent(/^Dr\. Priya Sharma · Studio 1Online$/);
    expect(within(online).getByText("Online")).toHaveClass("session-mode");
    expect(inPerson).not.toHaveTextContent("Online");
  });
});
