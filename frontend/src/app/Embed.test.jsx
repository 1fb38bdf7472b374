import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { act, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App.jsx";
import { THEME_MESSAGE } from "../lib/embed-frame.js";
import { paths } from "../lib/paths.js";
import { apiError, fakeApi, ok } from "../test/fake-api.js";
import { inFrame, receive } from "../test/frame.js";
import { makeEvent, makeSession } from "../test/fixtures.js";
import { renderApp } from "../test/render.jsx";
import { addDays, today, weekDays } from "../features/events/week.js";

// The widget's week starts today (a visitor wants what is coming); sessions go in the next one, so they are still
// ahead whatever day the test runs on.
const nextWeek = () => addDays(today(), 7);
const STUDIO = { slug: "lotus-yoga", name: "Lotus Yoga" };

/** A session of GET /timetable on `date`, 07:00–08:00 in Berlin. */
function entry({ id, date, title = "Morning Flow", seatsLeft = 5, mode = "in_person" }) {
  return {
    ...makeSession({ id, event_id: id * 10, starts_at: `${date}T06:00:00+00:00`, ends_at: `${date}T07:00:00+00:00`, capacity: 12, seats_taken: 12 - seatsLeft, mode }),
    date,
    start_time: "07:00",
    end_time: "08:00",
    waiting: 0,
    bookable: true,
    event: { id: id * 10, title, kind: "session", location: "Studio 1", timezone: "Europe/Berlin", studio: STUDIO },
    facilitator: { id: 2, name: "Dr. Priya Sharma" },
  };
}

/** The value beside a term of the event's facts. */
const fact = (term) => [...document.querySelectorAll(".embed-facts dt")].find((dt) => dt.textContent === term).nextElementSibling;

const weekOf = (first, sessions) => ({ from: first, to: addDays(first, 6), days: weekDays(first).map((date) => ({ date, sessions: sessions.filter((s) => s.date === date) })) });

/** The app at a widget's address, as its frame opens it: no sign-in. */
const renderWidget = (route, api) => renderApp(<App />, { route, api, loginStubs: false });

/** axe's violations on the whole document but the test's location probe; colour contrast needs a layout jsdom has
 *  not (styles.test.js checks the themes' colours). */
async function violations() {
  const options = { iframes: false, rules: { "color-contrast": { enabled: false } } }; // the stand-in parent's frame is no part of the page
  const results = await axe.run({ exclude: [['[data-testid="location"]'], ["iframe"]] }, options);
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`);
}

/** axe in the light theme, then (as its parent would turn it) in the dark one. */
async function violationsInBothThemes(frame) {
  const found = { light: await violations() };
  act(() => receive({ type: THEME_MESSAGE, theme: "dark" }, { source: frame.parent }));
  expect(document.documentElement).toHaveAttribute("data-theme", "dark");
  found.dark = await violations();
  return found;
}

describe("a studio's widget", () => {
  const frame = inFrame();
  // index.html's <html lang="en">, which jsdom's own document has not.
  beforeEach(() => document.documentElement.setAttribute("lang", "en"));
  afterEach(() => document.documentElement.removeAttribute("lang"));

  it("is served in a page that names its language", () => {
    expect(readFileSync(join(cwd(), "index.html"), "utf8")).toMatch(/<html lang="en">/);
  });

  describe("timetable", () => {
    const route = `${paths.embedTimetable("lotus-yoga")}?theme=light`;
    const timetableApi = () =>
      fakeApi({
        "GET main /timetable": ({ query }) => ok(weekOf(query.from, query.from === nextWeek() ? [entry({ id: 1, date: addDays(nextWeek(), 2), mode: "online" }), entry({ id: 2, date: addDays(nextWeek(), 2), title: "Yin", seatsLeft: 0 })] : [])),
      });

    it("shows the studio's week, a week at a time, with Book opening the app's event page in a new tab", async () => {
      const api = timetableApi();
      const { user } = renderWidget(route, api);
      expect(await screen.findByRole("heading", { level: 1, name: "Timetable" })).toBeInTheDocument();
      expect(await screen.findAllByText("No sessions")).toHaveLength(7);
      expect(api.callsTo("GET main /timetable")[0].query).toEqual({ studio: "lotus-yoga", from: today(), to: addDays(today(), 6) });
      expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
      expect(screen.queryByRole("contentinfo")).not.toBeInTheDocument();

      await user.click(screen.getByRole("button", { name: "Next week" }));
      expect(await screen.findByRole("heading", { level: 1, name: "Lotus Yoga: timetable" })).toBeInTheDocument();
      expect(api.callsTo("GET main /timetable").at(-1).query).toMatchObject({ studio: "lotus-yoga", from: nextWeek() });
      expect(screen.getByTestId("location")).toHaveTextContent(`${paths.embedTimetable("lotus-yoga")}?theme=light&week=${nextWeek()}`);
      const [flow, yin] = within(screen.getByRole("list", { name: /^Sessions on / })).getAllByRole("listitem");
      expect(flow).toHaveTextContent("Online");
      const book = within(flow).getByRole("link", { name: "Book Morning Flow (opens in a new tab)" });
      expect(book).toHaveAttribute("href", `${window.location.origin}/events/10`);
      expect(book).toHaveAttribute("target", "_blank");
      expect(book).toHaveAttribute("rel", "noopener");
      expect(within(flow).getByRole("link", { name: "Morning Flow" })).toHaveAttribute("href", paths.embedEvent("lotus-yoga", 10));
      expect(within(yin).getByRole("link", { name: "Join the waiting list for Yin (opens in a new tab)" })).toHaveAttribute("href", `${window.location.origin}/events/20`);

      await user.click(screen.getByRole("button", { name: "Previous week" }));
      expect(await screen.findAllByText("No sessions")).toHaveLength(7);
      expect(screen.getByRole("button", { name: "This week" })).toBeDisabled();
    });

    describe("on a Sunday", () => {
      // Only the clock is faked: the app's own timers (queries, user events) run as ever.
      beforeEach(() => {
        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(new Date(2031, 2, 30, 9, 0)); // Sunday 30 March 2031, 09:00 on the viewer's clock
      });
      afterEach(() => vi.useRealTimers());

      it("opens on the seven days from today, not on a week of six days gone", async () => {
        const api = timetableApi();
        renderWidget(route, api);
        expect(await screen.findAllByText("No sessions")).toHaveLength(7);
        expect(api.callsTo("GET main /timetable")[0].query).toEqual({ studio: "lotus-yoga", from: "2031-03-30", to: "2031-04-05" });
        expect(document.querySelector(".week-span")).toHaveTextContent(/^(30 Mar|Mar 30) – (5 Apr|Apr 5) 2031/);
      });
    });

    it("passes axe in both themes, with a heading, a <main> and the page's language", async () => {
      const { user } = renderWidget(route, timetableApi());
      await user.click(await screen.findByRole("button", { name: "Next week" }));
      await screen.findByRole("link", { name: /^Book Morning Flow/ });
      expect(screen.getByRole("main")).toContainElement(screen.getByRole("heading", { level: 1 }));
      expect(await violationsInBothThemes(frame)).toEqual({ light: [], dark: [] });
    });
  });

  describe("event", () => {
    const EVENT = makeEvent({ id: 7, sessions: [makeSession({ id: 71, event_id: 7, mode: "hybrid" }), makeSession({ id: 72, event_id: 7, seats_taken: 12 })] });
    const route = `${paths.embedEvent("lotus-yoga", 7)}?theme=dark`;

    it("shows the event's facts and sessions, each with Book opening the app's event page in a new tab", async () => {
      renderWidget(route, fakeApi({ "GET main /events/7": () => ok(EVENT) }));
      expect(await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
      expect(document.documentElement).toHaveAttribute("data-theme", "dark");
      expect(document.title).toBe("Morning Vinyasa Flow · Sessions & Retreats");
      expect(fact("Where")).toHaveTextContent("Lotus Studio, Bengaluru · Online and in person");
      expect(fact("Price")).toHaveTextContent("Free");
      expect(fact("Seats")).toHaveTextContent("10 seats left");
      const rows = within(screen.getByRole("table", { name: "Sessions of Morning Vinyasa Flow" })).getAllByRole("row").slice(1);
      expect(rows[0]).toHaveTextContent("Online and in person");
      const book = within(rows[0]).getByRole("link", { name: "Book Morning Vinyasa Flow (opens in a new tab)" });
      expect(book).toHaveAttribute("href", `${window.location.origin}/events/7`);
      expect(book).toHaveAttribute("target", "_blank");
      expect(within(rows[1]).getByRole("link", { name: /^Join the waiting list for Morning Vinyasa Flow/ })).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: /Back to the timetable/ })).not.toBeInTheDocument();
    });

    it("passes axe in both themes", async () => {
      renderWidget(`${paths.embedEvent("lotus-yoga", 7)}?theme=light`, fakeApi({ "GET main /events/7": () => ok(EVENT) }));
      await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
      expect(await violationsInBothThemes(frame)).toEqual({ light: [], dark: [] });
    });

    it("shows no other studio's event, nor one that is gone", async () => {
      const theirs = { ...EVENT, studio: { slug: "other-studio", name: "Other" } };
      const { unmount } = renderWidget(route, fakeApi({ "GET main /events/7": () => ok(theirs) }));
      expect(await screen.findByRole("heading", { level: 1, name: "Event not found" })).toBeInTheDocument();
      expect(screen.queryByText("Morning Vinyasa Flow")).not.toBeInTheDocument();
      unmount();

      renderWidget(route, fakeApi({ "GET main /events/7": () => apiError(404, "event_not_found", "Event 7 does not exist.") }));
      expect(await screen.findByRole("heading", { level: 1, name: "Event not found" })).toBeInTheDocument();
    });

    it("opens from the timetable's title within the widget, with the way back", async () => {
      const api = fakeApi({
        "GET main /timetable": ({ query }) => ok(weekOf(query.from, query.from === nextWeek() ? [entry({ id: 1, date: addDays(nextWeek(), 1) })] : [])),
        "GET main /events/10": () => ok(makeEvent({ id: 10, title: "Morning Flow" })),
      });
      const { user } = renderWidget(`${paths.embedTimetable("lotus-yoga")}?theme=dark`, api);
      await user.click(await screen.findByRole("button", { name: "Next week" }));
      await user.click(await screen.findByRole("link", { name: "Morning Flow" }));
      expect(await screen.findByRole("heading", { level: 1, name: "Morning Flow" })).toBeInTheDocument();
      expect(document.documentElement).toHaveAttribute("data-theme", "dark"); // kept without ?theme= in the new URL
      await user.click(screen.getByRole("button", { name: "← Back to the timetable" }));
      expect(await screen.findByRole("heading", { level: 1, name: "Lotus Yoga: timetable" })).toBeInTheDocument();
    });
  });
});
