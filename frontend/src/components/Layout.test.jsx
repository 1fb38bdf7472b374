import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { Layout } from "./Layout.jsx";
import { renderApp } from "../test/render.jsx";
import { fakeApi, ok } from "../test/fake-api.js";
import { readSession } from "../lib/session-store.js";

const nav = () => within(screen.getByRole("navigation", { name: "Main" }));

describe("Layout", () => {
  it("offers events, the facilitator door, log in and register to a visitor", () => {
    renderApp(<Layout />);
    expect(nav().getByRole("link", { name: "Events" })).toHaveAttribute("href", "/");
    expect(nav().getByRole("link", { name: "Facilitator" })).toHaveAttribute("href", "/facilitator");
    expect(nav().queryByRole("link", { name: "My bookings" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Log in" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Register" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main");
  });

  it("shows My bookings and the name to a user, and logs out", async () => {
    const { user } = renderApp(<Layout />, { as: "user" });
    expect(nav().getByRole("link", { name: "My bookings" })).toBeInTheDocument();
    expect(screen.getByText("Asha Verma")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Log out" }));
    expect(readSession()).toBeNull();
    expect(screen.getByRole("link", { name: "Log in" })).toBeInTheDocument();
  });

  it("shows a facilitator their inbox with the unread count", async () => {
    const api = fakeApi({ "GET crm /notifications/unread-count": () => ok({ unread: 4 }) });
    renderApp(<Layout />, { as: "facilitator", api });
    expect(await nav().findByRole("link", { name: "Inbox, 4 unread" })).toHaveAttribute("href", "/facilitator/inbox");
    expect(nav().queryByRole("link", { name: "My bookings" })).not.toBeInTheDocument();
  });

  it("takes an admin straight to the CRM integration panel", () => {
    renderApp(<Layout />, { as: "admin" });
    expect(nav().getByRole("link", { name: "CRM integration" })).toHaveAttribute("href", "/facilitator/integration");
    expect(nav().queryByRole("link", { name: "Facilitator" })).not.toBeInTheDocument();
  });
});
