import { screen } from "@testing-library/react";
import axe from "axe-core";
import { Route, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RequireAuth } from "../../../components/RequireAuth.jsx";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { GuestJoinPage, JoinClassPage } from "./JoinClassPage.jsx";

const JOIN = "GET main /bookings/123/join";
const VIDEO = "https://meet.example.com/lotus-flow";

/** The page as App.jsx mounts it: for signed-in users only. */
const guarded = (
  <RequireAuth roles={["user"]}>
    <JoinClassPage />
  </RequireAuth>
);

function renderWith(answer, { as = "user" } = {}) {
  const api = fakeApi({ [JOIN]: answer });
  renderApp(guarded, { route: paths.join(123), path: patterns.join, api, as });
  return api;
}

/** Sends the browser nowhere (jsdom cannot navigate), keeping where it was sent: leaveApp.go is the app's one
 *  window.location.assign. */
function catchLeaving() {
  const went = [];
  vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
  return went;
}

/** axe's violations on the page as rendered (colour contrast needs a real layout: jsdom has none). */
async function violations() {
  const results = await axe.run(document.body, { rules: { "color-contrast": { enabled: false }, region: { enabled: false } } });
  return results.violations.map((violation) => violation.id);
}

/** A login page that shows where it will send the person back to (the login page reads state.from). */
function LoginStub() {
  const location = useLocation();
  return (
    <>
      <h1>Login page</h1>
      <output data-testid="from">{location.state?.from}</output>
    </>
  );
}

afterEach(() => vi.restoreAllMocks());

describe("JoinClassPage: an online class's join link", () => {
  it("sends the browser to the class's video once, with the link on the page", async () => {
    const went = catchLeaving();
    const api = renderWith(() => ok({ booking_id: 123, session_id: 11, url: VIDEO }));
    expect(screen.getByRole("heading", { level: 1, name: "Join your class" })).toBeInTheDocument();
    const link = await screen.findByRole("link", { name: "Open the class video" });
    expect(link).toHaveAttribute("href", VIDEO);
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
    expect(screen.getByText("Opening your class…")).toHaveAttribute("role", "status");
    await vi.waitFor(() => expect(went).toEqual([VIDEO]));
    expect(api.callsTo(JOIN)).toHaveLength(1);
    expect(document.title).toBe("Join your class · Sessions & Retreats");
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    expect(await violations()).toEqual([]);
  });

  it.each([
    ["booking_not_active", "This booking is cancelled, so it can't join the class."],
    ["join_not_ready", "The studio hasn't added the video link for this class yet."],
  ])("says why it can't open the class (409 %s), with the way back to My bookings", async (code, message) => {
    const went = catchLeaving();
    renderWith(() => apiError(409, code, message));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("link", { name: "Back to My bookings" })).toHaveAttribute("href", paths.myBookings);
    expect(screen.queryByRole("link", { name: "Open the class video" })).not.toBeInTheDocument();
    expect(went).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  it("says so when the booking is not the person's (404)", async () => {
    const went = catchLeaving();
    renderWith(() => apiError(404, "booking_not_found", "Booking 123 does not exist."));
    // A forwarded link, or another account signed in: said as such, never that the booking does not exist.
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This join link isn't for the account you're signed in with. Log in with the account that booked the class to join it.");
    expect(alert).not.toHaveTextContent("does not exist");
    expect(screen.getByRole("link", { name: "Back to My bookings" })).toHaveAttribute("href", paths.myBookings);
    expect(went).toEqual([]);
  });

  it("never follows a link that is not a web address", async () => {
    const went = catchLeaving();
    renderWith(() => ok({ booking_id: 123, session_id: 11, url: "javascript:alert(1)" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("isn't a web address");
    expect(screen.queryByRole("link", { name: "Open the class video" })).not.toBeInTheDocument();
    expect(went).toEqual([]);
  });

  it("sends a signed-out visitor to log in first, to come back here", async () => {
    const api = fakeApi();
    const login = <Route path={paths.login} element={<LoginStub />} />;
    renderApp(guarded, { route: paths.join(123), path: patterns.join, api, routes: login, loginStubs: false });
    expect(await screen.findByRole("heading", { level: 1, name: "Login page" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/login$/);
    expect(screen.getByTestId("from")).toHaveTextContent(/^\/join\/123$/);
    expect(api.calls).toHaveLength(0);
  });
});

describe("GuestJoinPage: a guest's own join link", () => {
  const GUEST = "GET main /guests/join/signed.token-1";

  it("asks with the token, signed in or not, and sends the guest to the class's video", async () => {
    const went = catchLeaving();
    const api = fakeApi({ [GUEST]: () => ok({ booking_id: 123, session_id: 11, url: VIDEO }) });
    renderApp(<GuestJoinPage />, { route: paths.guestJoin("signed.token-1"), path: patterns.guestJoin, api, as: null });
    expect(await screen.findByRole("link", { name: "Open the class video" })).toHaveAttribute("href", VIDEO);
    expect(went).toEqual([VIDEO]);
  });

  it("says why when the seat was given back, and offers the catalogue", async () => {
    catchLeaving();
    const api = fakeApi({ [GUEST]: () => apiError(409, "booking_not_active", "Only a booking that is on opens the class's video.") });
    renderApp(<GuestJoinPage />, { route: paths.guestJoin("signed.token-1"), path: patterns.guestJoin, api, as: null });
    expect(await screen.findByText("Only a booking that is on opens the class's video.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "See the classes on offer" })).toHaveAttribute("href", paths.events);
    expect(await violations()).toEqual([]);
  });
});
