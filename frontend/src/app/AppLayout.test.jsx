import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { AppLayout } from "./AppLayout.jsx";
import { renderApp } from "../test/render.jsx";
import { fakeApi, ok } from "../test/fake-api.js";
import { paths } from "../lib/paths.js";

const nav = () => within(screen.getByRole("navigation", { name: "Main" }));

describe("AppLayout (the page frame with the inbox feature's link)", () => {
  it("marks only the inbox as current on the inbox, and Facilitator across the rest of the area", async () => {
    const api = fakeApi({ "GET crm /notifications/unread-count": () => ok({ unread: 0 }) });
    renderApp(<AppLayout />, { as: "facilitator", api, route: paths.inbox });
    expect(await nav().findByRole("link", { name: "Inbox" })).toHaveClass("active");
    expect(nav().getByRole("link", { name: "Facilitator" })).not.toHaveClass("active");
  });

  it("keeps Facilitator marked on a session page", () => {
    renderApp(<AppLayout />, { as: "facilitator", api: fakeApi({ "GET crm /notifications/unread-count": () => ok({ unread: 0 }) }), route: paths.facilitatorSession(3) });
    expect(nav().getByRole("link", { name: "Facilitator" })).toHaveClass("active");
  });

  it("shows a facilitator their inbox with the unread count", async () => {
    const api = fakeApi({ "GET crm /notifications/unread-count": () => ok({ unread: 4 }) });
    renderApp(<AppLayout />, { as: "facilitator", api });
    expect(await nav().findByRole("link", { name: "Inbox 4 unread" })).toHaveAttribute("href", "/facilitator/inbox");
    expect(nav().queryByRole("link", { name: "My bookings" })).not.toBeInTheDocument();
    // The phone's Menu button, which folds that link away, carries the count too, named as it reads.
    expect(screen.getByRole("button", { name: "Menu 4 unread" })).toHaveTextContent(/^Menu 4 unread$/);
  });
});
