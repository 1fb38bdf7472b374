import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { Layout } from "./Layout.jsx";
import { RequireAuth } from "./RequireAuth.jsx";
import { renderApp } from "../test/render.jsx";
import { apiError, fakeApi, ok, reply } from "../test/fake-api.js";
import { makeStudio, studioList } from "../test/studios.js";
import { readSession } from "../lib/session-store.js";
import { paths } from "../lib/paths.js";

const nav = () => within(screen.getByRole("navigation", { name: "Main" }));

describe("Layout", () => {
  it("offers events, the facilitator door, log in and register to a visitor", () => {
    renderApp(<Layout />);
    expect(nav().getByRole("link", { name: "Events" })).toHaveAttribute("href", "/");
    expect(nav().getByRole("link", { name: "Facilitator" })).toHaveAttribute("href", "/facilitator");
    expect(nav().queryByRole("link", { name: "My bookings" })).not.toBeInTheDocument();
    expect(nav().queryByRole("link", { name: "My passes" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Log in" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Register" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main");
  });

  it("shows My bookings, My passes and the name to a user, and logs out, ending the token on the server", async () => {
    const api = fakeApi({ "POST main /auth/logout": () => reply(204, null) });
    const { user } = renderApp(<Layout />, { as: "user", api });
    const token = readSession().token;
    expect(nav().getByRole("link", { name: "My bookings" })).toBeInTheDocument();
    expect(nav().getByRole("link", { name: "My passes" })).toHaveAttribute("href", "/my-passes");
    expect(screen.getByText("Asha Verma")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Log out" }));
    expect(readSession()).toBeNull();
    expect(screen.getByRole("link", { name: "Log in" })).toBeInTheDocument();
    expect(api.callsTo("POST main /auth/logout").map((call) => call.headers.Authorization)).toEqual([`Bearer ${token}`]);
  });

  it("links the signed-in person's name to their account page, for users and staff alike", () => {
    const first = renderApp(<Layout />, { as: "user", route: paths.account });
    const link = screen.getByRole("link", { name: "Asha Verma" });
    expect(link).toHaveAttribute("href", "/account");
    expect(link).toHaveAccessibleDescription("Your account (asha@example.com)");
    expect(link).toHaveClass("active");
    first.unmount();
    window.localStorage.clear();
    renderApp(<Layout />, { as: "facilitator" });
    const staffLink = screen.getByRole("link", { name: /^Dr\. Priya Sharma/ });
    expect(staffLink).toHaveAttribute("href", "/account");
    expect(staffLink).not.toHaveClass("active");
    expect(within(staffLink).getByText("facilitator")).toHaveClass("role-tag");
  });

  it("takes the person to their account page from their name", async () => {
    const pages = (
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<h1>Events</h1>} />
          <Route path={paths.account} element={<h1>Account page</h1>} />
        </Route>
      </Routes>
    );
    const { user } = renderApp(pages, { as: "user" });
    await user.click(screen.getByRole("link", { name: "Asha Verma" }));
    expect(screen.getByRole("heading", { level: 1, name: "Account page" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/account$/);
  });

  it("logs out here even when the server refuses or cannot be reached, without a detour to the login page", async () => {
    const api = fakeApi({ "POST main /auth/logout": () => apiError(401, "token_revoked", "The token has been revoked.") });
    const { user } = renderApp(<Layout />, { as: "user", api, route: paths.events });
    await user.click(screen.getByRole("button", { name: "Log out" }));
    await waitFor(() => expect(api.callsTo("POST main /auth/logout")).toHaveLength(1));
    expect(readSession()).toBeNull();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
    expect(screen.queryByText("Your session has expired. Please log in again.")).not.toBeInTheDocument();
  });

  it("logs out from a members-only page to the events, not to the login page", async () => {
    const pages = (
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<h1>Events</h1>} />
          <Route path={paths.myBookings} element={<RequireAuth roles={["user"]}><h1>My bookings</h1></RequireAuth>} />
        </Route>
      </Routes>
    );
    const { user } = renderApp(pages, { as: "user", route: paths.myBookings });
    expect(screen.getByRole("heading", { level: 1, name: "My bookings" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Log out" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Events" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
    expect(screen.getByRole("main")).toHaveFocus(); // the button is gone: the keyboard goes on from the content
  });

  it("leaves the facilitators' door out for a signed-in user", () => {
    renderApp(<Layout />, { as: "user" });
    expect(nav().queryByRole("link", { name: "Facilitator" })).not.toBeInTheDocument();
  });

  it("offers a signed-in person without a studio the way to create one, and not a visitor", async () => {
    const api = fakeApi({ "GET main /api/studios": () => ok(studioList()) });
    const person = renderApp(<Layout />, { as: "user", api, studios: true });
    expect(await nav().findByRole("link", { name: "Create a studio" })).toHaveAttribute("href", paths.newStudio);
    person.unmount();
    window.localStorage.clear();
    renderApp(<Layout />);
    expect(nav().queryByRole("link", { name: "Create a studio" })).not.toBeInTheDocument();
  });

  it("puts the inbox link it is given in a facilitator's navbar, and nobody else's", () => {
    const inboxLink = <a href="#inbox">Inbox</a>;
    const first = renderApp(<Layout inboxLink={inboxLink} />, { as: "facilitator" });
    expect(nav().getByRole("link", { name: "Inbox" })).toBeInTheDocument();
    first.unmount();
    window.localStorage.clear();
    renderApp(<Layout inboxLink={inboxLink} />, { as: "admin" });
    expect(nav().queryByRole("link", { name: "Inbox" })).not.toBeInTheDocument();
  });

  it("puts the inbox link in a studio's manager's navbar, and not in its instructor's", async () => {
    const inboxLink = <a href="#inbox">Inbox</a>;
    const asMember = (role) => {
      const api = fakeApi({ "GET main /api/studios": () => ok(studioList(makeStudio(role))) });
      return renderApp(<Layout inboxLink={inboxLink} />, { as: "user", api, studios: true });
    };
    const manager = asMember("manager");
    expect(await nav().findByRole("link", { name: "Inbox" })).toBeInTheDocument();
    manager.unmount();
    window.localStorage.clear();
    const instructor = asMember("instructor");
    await waitFor(() => expect(nav().getByRole("link", { name: "Studio" })).toBeInTheDocument());
    expect(nav().queryByRole("link", { name: "Inbox" })).not.toBeInTheDocument();
    instructor.unmount();
  });

  it("links to the development mailbox from the footer only when the app offers development tools", () => {
    const first = renderApp(<Layout />);
    expect(within(screen.getByRole("contentinfo")).queryByRole("link")).not.toBeInTheDocument();
    first.unmount();
    renderApp(<Layout />, { config: { devTools: true } });
    expect(within(screen.getByRole("contentinfo")).getByRole("link", { name: "Development mailbox" })).toHaveAttribute("href", "/mailbox");
  });

  it("takes an admin straight to the CRM integration panel", () => {
    renderApp(<Layout />, { as: "admin" });
    expect(nav().getByRole("link", { name: "Delivery: CRM, email, texts, payments" })).toHaveAttribute("href", "/facilitator/integration");
    expect(nav().queryByRole("link", { name: "Facilitator" })).not.toBeInTheDocument();
  });

  it("shows the platform's Studios page to admins only", () => {
    const first = renderApp(<Layout />, { as: "admin" });
    expect(nav().getByRole("link", { name: "Studios" })).toHaveAttribute("href", "/admin/studios");
    first.unmount();
    renderApp(<Layout />, { as: "facilitator" });
    expect(nav().queryByRole("link", { name: "Studios" })).not.toBeInTheDocument();
  });

  describe("on a phone, the Menu button", () => {
    it("opens and closes the links and the account, and closes when a link is followed", async () => {
      const pages = (
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<h1>Events</h1>} />
            <Route path={paths.myBookings} element={<h1>Bookings page</h1>} />
          </Route>
        </Routes>
      );
      const { user } = renderApp(pages, { as: "user" });
      const menu = screen.getByRole("button", { name: "Menu" });
      expect(menu).toHaveAttribute("aria-expanded", "false");
      expect(menu).toHaveAttribute("aria-controls", "site-menu");
      expect(document.getElementById("site-menu")).not.toHaveClass("open");
      await user.click(menu);
      expect(menu).toHaveAttribute("aria-expanded", "true");
      expect(document.getElementById("site-menu")).toHaveClass("open");
      expect(document.getElementById("site-menu")).toContainElement(screen.getByRole("navigation", { name: "Main" }));
      await user.click(nav().getByRole("link", { name: "My bookings" }));
      expect(await screen.findByRole("heading", { name: "Bookings page" })).toBeInTheDocument();
      expect(menu).toHaveAttribute("aria-expanded", "false");
    });

    it("closes on Escape and gives the focus back", async () => {
      const { user } = renderApp(<Layout />);
      const menu = screen.getByRole("button", { name: "Menu" });
      await user.click(menu);
      nav().getByRole("link", { name: "Events" }).focus();
      await user.keyboard("{Escape}");
      expect(menu).toHaveAttribute("aria-expanded", "false");
      expect(menu).toHaveFocus();
    });
  });
});
