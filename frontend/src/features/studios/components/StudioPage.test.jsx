import { screen, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { StudioPage } from "./StudioPage.jsx";

const PAGE = "GET main /api/public/studios/lotus-yoga";
const STUDIO = {
  studio: { id: 4, slug: "lotus-yoga", name: "Lotus Yoga", contact_email: "hello@lotus.example", contact_phone: "+91 98765 43210", timezone: "Asia/Kolkata", currency: "INR", country: "IN" },
  events_total: 2,
  events: [
    { id: 1, title: "Morning Flow", kind: "session", location: "Studio A", timezone: "Asia/Kolkata", starts_at: "2031-03-25T01:30:00+00:00", ends_at: "2031-03-25T02:30:00+00:00" },
    { id: 2, title: "Yin Evening", kind: "session", location: "", timezone: "Asia/Kolkata", starts_at: "2031-03-26T12:30:00+00:00", ends_at: "2031-03-26T13:30:00+00:00" },
  ],
  passes: [
    { id: 31, name: "5-class pack", description: "Any class.", kind: "pack", credits: 5, valid_days: 60, period: null, sessions_per_week: null, price: 300000, currency: "INR", event_ids: null },
    { id: 32, name: "Yin membership", description: "", kind: "membership", credits: null, valid_days: null, period: "month", sessions_per_week: null, price: 900000, currency: "INR", event_ids: [2] },
  ],
};

const renderStudio = (handler = () => ok(STUDIO)) => renderApp(<StudioPage />, { route: paths.studio("lotus-yoga"), path: patterns.studio, api: fakeApi({ [PAGE]: handler }) });

describe("StudioPage", () => {
  it("shows a studio's contact, upcoming events and passes to anyone", async () => {
    renderStudio();
    expect(await screen.findByRole("heading", { level: 1, name: "Lotus Yoga" })).toBeInTheDocument();
    expect(document.title).toMatch(/^Lotus Yoga/);
    expect(screen.getByRole("link", { name: "hello@lotus.example" })).toHaveAttribute("href", "mailto:hello@lotus.example");
    expect(screen.getByRole("link", { name: "+91 98765 43210" })).toHaveAttribute("href", "tel:+919876543210");
    const events = screen.getByRole("region", { name: "Upcoming events" });
    expect(within(events).getByRole("link", { name: "Morning Flow" })).toHaveAttribute("href", paths.event(1));
    expect(within(events).getByText(/Studio A/)).toBeInTheDocument();
    const passes = screen.getByRole("region", { name: "Passes" });
    expect(within(passes).getByText("5 classes · valid 60 days · ₹3,000")).toBeInTheDocument();
    expect(within(passes).getByRole("link", { name: "Buy it on Morning Flow's page (5-class pack)" })).toHaveAttribute("href", paths.event(1));
    expect(within(passes).getByRole("link", { name: "Buy it on Yin Evening's page (Yin membership)" })).toHaveAttribute("href", paths.event(2));
  });

  it("adds the studio's tax to a pass's price, as the event pages and checkout do", async () => {
    const GST = { name: "GST", rate: 1800 };
    renderStudio(() => ok({ ...STUDIO, passes: STUDIO.passes.map((pass) => ({ ...pass, tax_added: GST })) }));
    const passes = await screen.findByRole("region", { name: "Passes" });
    expect(within(passes).getByText("5 classes · valid 60 days · ₹3,000 + 18% GST")).toBeInTheDocument();
    expect(within(passes).getByText("Unlimited classes · monthly · ₹9,000 + 18% GST")).toBeInTheDocument();
  });

  it("names each pass's buy link with the words it shows (axe label-content-name-mismatch)", async () => {
    renderStudio();
    const passes = await screen.findByRole("region", { name: "Passes" });
    const rule = "label-content-name-mismatch";
    const results = await axe.run(passes, { runOnly: { type: "rule", values: [rule] } });
    // jsdom has no layout, so axe leaves a link named apart from its words "incomplete" here (Chromium: a violation).
    expect([...results.violations, ...results.incomplete].map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
    expect(within(passes).getAllByRole("link").map((link) => link.textContent)).toEqual(["Buy it on Morning Flow's page (5-class pack)", "Buy it on Yin Evening's page (Yin membership)"]);
  });

  it("says a weekly class's next session and how many follow, not one span of weeks", async () => {
    const weekly = [0, 7, 14, 21].map((days, index) => ({
      id: 40 + index,
      status: index === 1 ? "cancelled" : "scheduled",
      starts_at: new Date(Date.UTC(2031, 2, 25 + days, 1, 30)).toISOString(),
      ends_at: new Date(Date.UTC(2031, 2, 25 + days, 2, 30)).toISOString(),
    }));
    const classes = { ...STUDIO.events[0], ends_at: weekly[3].ends_at, sessions: weekly };
    renderStudio(() => ok({ ...STUDIO, events: [classes, STUDIO.events[1]] }));
    const events = await screen.findByRole("region", { name: "Upcoming events" });
    const [card, single] = within(events).getAllByRole("listitem");
    // The next session's own times, not one range from the first session's start to the last one's end.
    expect(card).toHaveTextContent(/^Morning FlowNext: Tue, Mar 25, 2031, 07:00 AM – 08:00 AM IST .* · weekly, 3 sessions to Tue, Apr 15, 2031 · Studio A$/);
    expect(single).toHaveTextContent(/^Yin EveningWed, Mar 26, 2031, 06:00 PM – 07:00 PM IST/);
  });

  it("says when nothing is coming up, and leaves out passes when none is on sale", async () => {
    renderStudio(() => ok({ ...STUDIO, events: [], events_total: 0, passes: [] }));
    expect(await screen.findByText("No upcoming events.")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Passes" })).not.toBeInTheDocument();
  });

  it("says when more events are coming than the page shows", async () => {
    renderStudio(() => ok({ ...STUDIO, events_total: 61 }));
    expect(await screen.findByText("The next 2 of 61 upcoming events.")).toBeInTheDocument();
  });

  it("is Page not found for an unknown studio", async () => {
    renderStudio(() => apiError(404, "studio_not_found", "Studio lotus-yoga does not exist."));
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
  });

  it("says when the studio can't be loaded", async () => {
    renderStudio(() => apiError(500, "internal", "Something went wrong on our side."));
    expect(await screen.findByRole("alert")).toHaveTextContent("This studio could not be loaded. Something went wrong on our side.");
  });
});
