import { screen, within } from "@testing-library/react";
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
    expect(within(passes).getByRole("link", { name: "Buy 5-class pack on the page of Morning Flow" })).toHaveAttribute("href", paths.event(1));
    expect(within(passes).getByRole("link", { name: "Buy Yin membership on the page of Yin Evening" })).toHaveAttribute("href", paths.event(2));
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
