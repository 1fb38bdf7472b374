import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { leaveApp } from "../lib/leave-app.js";
import { paths } from "../lib/paths.js";
import { fakeApi, ok } from "../test/fake-api.js";
import { eventPage, makeEvent, makePaidBooking, makePayment } from "../test/fixtures.js";
import { renderApp } from "../test/render.jsx";
import { makeStudio, studioList } from "../test/studios.js";
import { App } from "./App.jsx";

const api = (studios = []) =>
  fakeApi({
    "GET main /api/studios": () => ok(studioList(...studios)),
    "GET main /events": () => ok(eventPage([makeEvent()])),
    "GET main /events/1": () => ok(makeEvent()),
    "GET main /bookings/123/join": () => ok({ booking_id: 123, session_id: 11, url: "https://meet.example.com/lotus-flow" }),
    "GET main /bookings/50": () => ok(makePaidBooking({ id: 50, status: "active", payment: makePayment({ status: "succeeded" }) })),
    "GET main /api/facilitator/2/events/1": () => ok(makeEvent()),
    "GET main /api/facilitator/2/events": () => ok(eventPage([makeEvent()])),
    "GET main /api/facilitator/2/codes": () => ok({ items: [] }),
    "GET crm /notifications": () => ok({ items: [], page: 1, per_page: 20, total: 0, pages: 0, unread: 0 }),
    "GET crm /notifications/unread-count": () => ok({ unread: 0 }),
    "GET main /dev/mailbox": () => ok({ folder: "/srv/app/instance/mail", messages: [] }),
    "GET main /api/public/studios/lotus-yoga": () => ok({ studio: { id: 4, slug: "lotus-yoga", name: "Lotus Yoga", timezone: "Asia/Kolkata", currency: "INR" }, events: [], events_total: 0, passes: [] }),
    "GET main /auth/me": () => ok({ id: 7, name: "Asha Verma", email: "asha@example.com", role: "user", calendar_feed_url: "https://main.test/calendars/7-abc.ics" }),
  });

function renderAt(route, as, studios) {
  return renderApp(<App />, { route, api: api(studios), as, loginStubs: false });
}

const heading = () => screen.findByRole("heading", { level: 1 });

describe("App (every page by its path)", () => {
  it.each([
    [paths.events, "Upcoming sessions & retreats"],
    [paths.login, "Log in"],
    [paths.register, "Create an account"],
    [paths.facilitatorLogin, "Facilitator login"],
    [paths.forgotPassword, "Forgot your password?"],
    [`${paths.resetPassword}?token=abc`, "Choose a new password"],
    [`${paths.unsubscribe}?token=abc`, "Turn off reminder emails?"],
    [paths.mailbox, "Mailbox"],
    [paths.studio("lotus-yoga"), "Lotus Yoga"],
    ["/no/such/page", "Page not found"],
  ])("shows %s to a visitor", async (route, title) => {
    renderAt(route);
    expect(await heading()).toHaveTextContent(title);
  });

  it("shows an event with the booking flow in its sessions", async () => {
    renderAt(paths.event(1));
    expect(await heading()).toHaveTextContent("Morning Vinyasa Flow");
    expect(screen.getByRole("link", { name: "Log in to book" })).toHaveAttribute("href", "/login");
  });

  it("sends a visitor from a members-only page to the right login, and lets a facilitator into their inbox", async () => {
    const visitor = renderAt(paths.myBookings);
    expect(await heading()).toHaveTextContent("Log in");
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/login$/);
    visitor.unmount();

    renderAt(paths.inbox, "facilitator");
    expect(await heading()).toHaveTextContent("Inbox");
    expect(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Inbox" })).toHaveClass("active");
  });

  it("shows a facilitator their discount codes in the facilitator area", async () => {
    renderAt(paths.facilitatorCodes, "facilitator");
    expect(await heading()).toHaveTextContent("Discount codes");
    expect(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Facilitator" })).toHaveClass("active");
  });

  it("brings a person back from the checkout to their booking's payment, after logging in when need be", async () => {
    const visitor = renderAt(`${paths.bookingPayment(50)}?result=success`);
    expect(await heading()).toHaveTextContent("Log in");
    visitor.unmount();

    renderAt(`${paths.bookingPayment(50)}?result=success`, "user");
    expect(await screen.findByRole("heading", { level: 1, name: "You're booked!" })).toBeInTheDocument();
  });

  it("opens an online class from its join link, after logging in when need be", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const visitor = renderAt(paths.join(123));
    expect(await heading()).toHaveTextContent("Log in");
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/login$/);
    visitor.unmount();

    renderAt(paths.join(123), "user");
    expect(await heading()).toHaveTextContent("Join your class");
    expect(await screen.findByRole("link", { name: "Open the class video" })).toHaveAttribute("href", "https://meet.example.com/lotus-flow");
    await vi.waitFor(() => expect(went).toEqual(["https://meet.example.com/lotus-flow"]));
    vi.restoreAllMocks();
  });

  it("shows the account page to anyone signed in, and sends a visitor to log in first", async () => {
    const visitor = renderAt(paths.account);
    expect(await heading()).toHaveTextContent("Log in");
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/login$/);
    visitor.unmount();

    const member = renderAt(paths.account, "user");
    expect(await heading()).toHaveTextContent("Your account");
    expect(await screen.findByRole("textbox", { name: "Feed address" })).toHaveValue("https://main.test/calendars/7-abc.ics");
    member.unmount();
    window.localStorage.clear();

    renderAt(paths.account, "facilitator");
    expect(await heading()).toHaveTextContent("Your account");
  });

  it("lets a facilitator edit one of their events, while creating one keeps its own page", async () => {
    const editing = renderAt(paths.facilitatorEvent(1), "facilitator");
    expect(await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Edit event" })).toBeInTheDocument();
    editing.unmount();

    renderAt(paths.newEvent, "facilitator");
    expect(await heading()).toHaveTextContent("Create an event");
  });

  it("lets a user account that is a studio's member into the staff area, with the studio's pages for its role", async () => {
    const instructor = makeStudio("instructor");
    const all = [makeEvent()];
    const handlers = { "GET main /api/studios/lotus-yoga/events": () => ok(eventPage(all)), "GET main /api/studios/lotus-yoga/events/1": () => ok(all[0]) };
    const studioApi = api([instructor]);
    studioApi.on(handlers);
    const page = renderApp(<App />, { route: paths.facilitator, api: studioApi, as: "user", loginStubs: false });
    expect(await heading()).toHaveTextContent("My events");
    expect(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Studio" })).toHaveClass("active");
    expect(within(screen.getByRole("navigation", { name: "Staff" })).getAllByRole("link").map((link) => link.textContent)).toEqual(["Events", "My teaching", "Privates", "Clients", "Reports"]);
    page.unmount();
    window.localStorage.clear();

    renderApp(<App />, { route: paths.facilitatorPasses, api: studioApi, as: "user", loginStubs: false });
    expect(await heading()).toHaveTextContent("Not part of your role");
  });

  it("opens an invitation's link and the new-studio page", async () => {
    const visitor = renderAt(paths.invitation("abc~def"));
    expect(await heading()).toHaveTextContent("Join a studio");
    visitor.unmount();

    renderAt(paths.newStudio, "user");
    expect(await heading()).toHaveTextContent("Create a studio");
  });

  it("opens the studio pages each role has, and tells the others why not", async () => {
    const studioApi = (role) => {
      const answer = api([makeStudio(role)]);
      answer.on({
        "GET main /api/studios/lotus-yoga/events": () => ok(eventPage([])),
        "GET main /api/public/studios/lotus-yoga": () => ok({ studio: { id: 4, slug: "lotus-yoga", name: "Lotus Yoga", timezone: "Asia/Kolkata", currency: "INR" }, events: [], events_total: 0, passes: [] }),
        "GET main /api/studios/lotus-yoga/audit": () => ok({ items: [], page: 1, per_page: 25, total: 0, pages: 0 }),
        "GET main /api/studios/lotus-yoga/members": () => ok({ items: [] }),
        "GET crm /api/studios/lotus-yoga/clients": () => ok({ items: [], page: 1, per_page: 20, total: 0, pages: 0 }),
        "GET main /api/studios/lotus-yoga/reports/pay": () => ok({ from: "2031-03-01", to: "2031-03-30", currency: "INR", total_pay: 0, instructors: [], lines: [] }),
      });
      return answer;
    };
    const visit = async (route, role, title) => {
      const page = renderApp(<App />, { route, api: studioApi(role), as: "user", loginStubs: false });
      expect(await heading()).toHaveTextContent(title);
      page.unmount();
      window.localStorage.clear();
    };
    await visit(paths.frontDesk, "front_desk", "Front desk · Lotus Yoga");
    await visit(paths.frontDesk, "instructor", "Not part of your role");
    await visit(paths.myTeaching, "instructor", "My teaching");
    await visit(paths.myTeaching, "front_desk", "Not part of your role");
    await visit(paths.studioAudit, "manager", "Audit log · Lotus Yoga");
    await visit(paths.studioAudit, "front_desk", "Not part of your role");
    await visit(paths.clients, "front_desk", "Clients · Lotus Yoga");
    await visit(paths.clients, "instructor", "Clients · Lotus Yoga");
    await visit(`${paths.reports}?report=pay`, "instructor", "Reports"); // loaded on demand
    await visit(paths.reports, "front_desk", "Not part of your role");
    await visit(paths.privatesBoard, "front_desk", "Private sessions");
    await visit(paths.privatesBoard, "instructor", "Private sessions");
    await visit(paths.privateServices, "front_desk", "Not part of your role");
    await visit(paths.myHours, "instructor", "My hours");
    await visit(paths.myHours, "front_desk", "Not part of your role");
  });
});
