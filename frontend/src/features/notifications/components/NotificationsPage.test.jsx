import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { fakeApi, ok, pageOf } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { NotificationsPage } from "./NotificationsPage.jsx";

const LIST = "GET main /me/notifications";
const READ = "POST main /me/notifications/read";

const notice = (id, title, read = false) => ({
  id,
  kind: "booking_confirmed",
  title,
  body: "Your seat for Wed 25 Nov 2026, 07:00 IST is confirmed.",
  link: "/bookings",
  booking_id: id,
  session_id: 1,
  created_at: new Date(Date.now() - 60_000).toISOString(),
  read_at: read ? new Date().toISOString() : null,
});

function centre(items) {
  return fakeApi({
    [LIST]: ({ query }) => ok(pageOf(items, query, { unread: items.filter((n) => n.read_at === null).length })),
    [READ]: ({ body }) => {
      for (const item of items) if (body.all || body.ids.includes(item.id)) item.read_at = new Date().toISOString();
      return ok({ marked: 1, unread: items.filter((n) => n.read_at === null).length });
    },
  });
}

describe("NotificationsPage", () => {
  it("lists the notices, unread marked, and marks all read", async () => {
    const api = centre([notice(2, "Booked: Morning Flow"), notice(1, "Booked: Sound Bath", true)]);
    const { user } = renderApp(<NotificationsPage />, { api, as: "user" });
    const unread = await screen.findByRole("article", { name: "Booked: Morning Flow" });
    expect(within(unread).getByText("Unread:")).toHaveClass("visually-hidden");
    expect(screen.getByText("1 unread of 2")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Mark all as read" }));
    expect(api.callsTo(READ)[0].body).toEqual({ all: true });
    expect(await screen.findByText("All read")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Mark all as read" })).not.toBeInTheDocument();
  });

  it("marks one read from its own button", async () => {
    const api = centre([notice(5, "Starting soon: Yin")]);
    const { user } = renderApp(<NotificationsPage />, { api, as: "user" });
    const item = await screen.findByRole("article", { name: "Starting soon: Yin" });
    await user.click(within(item).getByRole("button", { name: "Mark as read" }));
    expect(api.callsTo(READ)[0].body).toEqual({ ids: [5] });
  });

  it("says so when there is nothing yet", async () => {
    renderApp(<NotificationsPage />, { api: centre([]), as: "user" });
    expect(await screen.findByText("Nothing yet")).toBeInTheDocument();
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderApp(<NotificationsPage />, { api: centre([notice(2, "Booked: Morning Flow"), notice(1, "Booked: Sound Bath", true)]), as: "user" });
    await screen.findByRole("article", { name: "Booked: Morning Flow" });
    expect(screen.getByRole("heading", { level: 1, name: "सूचनाएँ" })).toBeInTheDocument();
    expect(screen.getByText("2 में से 1 बिना पढ़ी")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "सभी को पढ़ी हुई मार्क करें" })).toBeInTheDocument();
  });
});
