import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { instantOf, wallClock } from "../../../lib/time-zones.js";
import { apiError, fakeApi, ok, pageOf, reply } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { FrontDeskPage } from "./FrontDeskPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const ZONE = "Asia/Kolkata";

/** An ISO time `days` from today at hour:minute on the studio's clock. */
function studioTime(days, hour, minute = 0) {
  const { year, month, day } = wallClock(Date.now(), ZONE);
  return new Date(instantOf({ year, month, day: day + days, hour, minute }, ZONE)).toISOString();
}

const session = (id, days, hour, extra = {}) => ({
  id,
  starts_at: studioTime(days, hour),
  ends_at: studioTime(days, hour + 1),
  capacity: 12,
  seats_taken: 5,
  seats_left: 7,
  status: "scheduled",
  price: 80000,
  currency: "INR",
  ...extra,
});

const EVENTS = [
  { id: 1, title: "Morning Flow", status: "scheduled", timezone: ZONE, facilitator: { id: 2, name: "Asha Verma" }, sessions: [session(11, 0, 7, { instructor: { id: 9, name: "Ravi Iyer" } }), session(12, 1, 7), session(13, 3, 7)] },
  { id: 2, title: "Yin Evening", status: "scheduled", timezone: ZONE, facilitator: { id: 3, name: "Meera Rao" }, sessions: [session(21, 0, 18, { price: 0, seats_taken: 12 })] },
];
const PASSES = [
  { id: 31, name: "5-class pack", price: 300000, currency: "INR", kind: "pack" },
  { id: 32, name: "Monthly unlimited", price: 900000, currency: "INR", kind: "membership" },
];

function deskApi(more = {}, role = "front_desk") {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    [`GET ${BASE}/events`]: ({ query }) => ok(pageOf(EVENTS, query)),
    "GET main /api/public/studios/lotus-yoga": () => ok({ studio: { id: 4, slug: "lotus-yoga", name: "Lotus Yoga", timezone: ZONE, currency: "INR" }, events: [], events_total: 0, passes: PASSES }),
    ...more,
  });
}

const renderDesk = (api = deskApi()) => renderApp(<FrontDeskPage />, { route: paths.frontDesk, api, as: USERS.user, studios: true });
const card = (title, time) => screen.getAllByRole("heading", { name: title }).map((heading) => heading.closest("li")).find((li) => li.textContent.includes(time));

describe("FrontDeskPage", () => {
  it("lists today's and tomorrow's classes on the studio's clock, each with its check-in", async () => {
    renderDesk();
    const today = await screen.findByRole("region", { name: "Today" });
    const tomorrow = screen.getByRole("region", { name: "Tomorrow" });
    const flow = within(today).getByRole("heading", { name: "Morning Flow" }).closest("li");
    expect(flow).toHaveTextContent(/07:00( AM)? – 08:00( AM)? IST/);
    expect(flow).toHaveTextContent("With Ravi Iyer");
    expect(flow).toHaveTextContent("5 of 12 booked");
    expect(within(flow).getByRole("link", { name: "Open check-in of Morning Flow" })).toHaveAttribute("href", paths.facilitatorCheckin(11));
    const yin = within(today).getByRole("heading", { name: "Yin Evening" }).closest("li");
    expect(yin).toHaveTextContent("12 of 12 booked");
    expect(yin).not.toHaveTextContent("With");
    expect(within(tomorrow).getAllByRole("listitem")).toHaveLength(1);
    expect(screen.queryByText(/13/)).not.toBeInTheDocument();
  });

  it("adds a walk-in to a paid class once paid at the door", async () => {
    const api = deskApi({ [`POST ${BASE}/sessions/11/walk-ins`]: () => reply(201, { booking_id: 5, user_id: 40, new_account: true, result: { status: "checked_in" } }) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const flow = card("Morning Flow", "5 of 12");
    await user.click(within(flow).getByRole("button", { name: "Add a walk-in" }));
    await user.type(within(flow).getByLabelText("Name"), "Kiran Das");
    await user.type(within(flow).getByLabelText("Email"), "kiran@example.com");
    await user.click(within(flow).getByRole("button", { name: "Add and check in" }));
    expect(await within(flow).findByText(/tick this/)).toBeInTheDocument();
    await user.click(within(flow).getByLabelText("Paid at the door"));
    await user.click(within(flow).getByRole("button", { name: "Add and check in" }));
    expect(await within(flow).findByText(/Kiran Das is booked and checked in\. A new account was made for kiran@example.com/)).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/sessions/11/walk-ins`)[0].body).toEqual({ name: "Kiran Das", email: "kiran@example.com", paid_at_door: true });
  });

  it("adds a walk-in with their name in another script, sent only when typed", async () => {
    const api = deskApi({ [`POST ${BASE}/sessions/21/walk-ins`]: () => reply(201, { booking_id: 6, user_id: 44, new_account: true, result: { status: "checked_in" } }) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const yin = card("Yin Evening", "12 of 12");
    await user.click(within(yin).getByRole("button", { name: "Add a walk-in" }));
    const otherName = within(yin).getByLabelText("Name in another script (optional)");
    expect(otherName).toHaveAccessibleDescription("If they also write their name in Devanagari or Latin letters: the desk finds them by either.");
    await user.type(within(yin).getByLabelText("Name"), "Priya Sharma");
    await user.type(otherName, " प्रिया शर्मा ");
    await user.type(within(yin).getByLabelText("Email"), "priya@example.com");
    await user.click(within(yin).getByRole("button", { name: "Add and check in" }));
    expect(await within(yin).findByText(/Priya Sharma is booked and checked in/)).toBeInTheDocument();
    expect(otherName).toHaveValue("");
    await user.type(within(yin).getByLabelText("Name"), "Kiran Das");
    await user.type(within(yin).getByLabelText("Email"), "kiran@example.com");
    await user.click(within(yin).getByRole("button", { name: "Add and check in" }));
    expect(await within(yin).findByText(/Kiran Das is booked and checked in/)).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/sessions/21/walk-ins`).map((call) => call.body)).toEqual([
      { name: "Priya Sharma", other_name: "प्रिया शर्मा", email: "priya@example.com" },
      { name: "Kiran Das", email: "kiran@example.com" },
    ]);
  });

  it("says a refused walk-in in plain words", async () => {
    const api = deskApi({ [`POST ${BASE}/sessions/21/walk-ins`]: () => apiError(409, "session_full", "Session 21 is full.") });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const yin = card("Yin Evening", "12 of 12");
    await user.click(within(yin).getByRole("button", { name: "Add a walk-in" }));
    await user.type(within(yin).getByLabelText("Name"), "Kiran Das");
    await user.type(within(yin).getByLabelText("Email"), "kiran@example.com");
    await user.click(within(yin).getByRole("button", { name: "Add and check in" }));
    expect(await within(yin).findByRole("alert")).toHaveTextContent("Not added. The class is full: there's no seat left.");
    expect(api.callsTo(`POST ${BASE}/sessions/21/walk-ins`)[0].body).toEqual({ name: "Kiran Das", email: "kiran@example.com" });
  });

  it("books a client who pays at the door on the card terminal, at the class's price", async () => {
    const answer = { booking: { id: 8 }, user_id: 41, new_account: false, payment: { amount: 80000, currency: "INR", method: "card_terminal", taken_by: 7 } };
    const api = deskApi({ [`POST ${BASE}/desk/bookings`]: () => reply(201, answer) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const flow = card("Morning Flow", "5 of 12");
    await user.click(within(flow).getByRole("button", { name: "Book a client" }));
    await user.type(within(flow).getByLabelText("Email"), "nisha@example.com");
    await user.click(within(flow).getByLabelText("Pay at the door"));
    expect(within(flow).getByText("They pay ₹800.")).toBeInTheDocument();
    await user.click(within(flow).getByLabelText("Card terminal"));
    await user.click(within(flow).getByRole("button", { name: "Book" }));
    expect(await within(flow).findByText(/nisha@example.com is booked into Morning Flow\. Paid ₹800 by card terminal\./)).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/desk/bookings`)[0].body).toEqual({ session_id: 11, email: "nisha@example.com", use: "door", method: "card_terminal", amount: 80000 });
  });

  it("books with the client's pass by its number, and says why their pass can't", async () => {
    const api = deskApi({ [`POST ${BASE}/desk/bookings`]: () => apiError(409, "no_credits_left", "This pass has 0 credits left; 1 needed.") });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const flow = card("Morning Flow", "5 of 12");
    await user.click(within(flow).getByRole("button", { name: "Book a client" }));
    await user.type(within(flow).getByLabelText("Email"), "nisha@example.com");
    await user.type(within(flow).getByLabelText("Name (for a new client)"), "Nisha");
    await user.click(within(flow).getByRole("button", { name: "Book" }));
    expect(await within(flow).findByText(/Give their pass's number/)).toBeInTheDocument();
    await user.type(within(flow).getByLabelText("Pass number"), "70");
    await user.click(within(flow).getByRole("button", { name: "Book" }));
    expect(await within(flow).findByRole("alert")).toHaveTextContent("Their pass has no credits left");
    expect(api.callsTo(`POST ${BASE}/desk/bookings`)[0].body).toEqual({ session_id: 11, email: "nisha@example.com", name: "Nisha", use: "pass", pass_id: 70 });
  });

  it("books someone new with their name in another script", async () => {
    const api = deskApi({ [`POST ${BASE}/desk/bookings`]: () => reply(201, { booking: { id: 9 }, user_id: 45, new_account: true, payment: null }) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const yin = card("Yin Evening", "12 of 12");
    await user.click(within(yin).getByRole("button", { name: "Book a client" }));
    await user.type(within(yin).getByLabelText("Email"), "priya@example.com");
    await user.type(within(yin).getByLabelText("Name (for a new client)"), "Priya Sharma");
    await user.type(within(yin).getByLabelText("Name in another script (for a new client)"), "प्रिया शर्मा");
    await user.click(within(yin).getByRole("button", { name: "Book" }));
    expect(await within(yin).findByText(/Priya Sharma is booked into Yin Evening/)).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/desk/bookings`)[0].body).toEqual({ session_id: 21, email: "priya@example.com", name: "Priya Sharma", other_name: "प्रिया शर्मा", use: "free" });
  });

  it("shows a client found by their name in another script with both names, and books them by id alone", async () => {
    const clients = { items: [{ id: 46, name: "Priya Sharma", other_name: "प्रिया शर्मा", email: "priya@example.com", phone: null, passes: [] }], more: false };
    const api = deskApi({ [`GET ${BASE}/desk/clients`]: () => ok(clients), [`POST ${BASE}/desk/bookings`]: () => reply(201, { booking: { id: 10 }, user_id: 46, new_account: false, payment: null }) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const yin = card("Yin Evening", "12 of 12");
    await user.click(within(yin).getByRole("button", { name: "Book a client" }));
    await user.type(within(yin).getByLabelText("Find a client"), "प्रिया");
    const found = await within(yin).findByRole("list", { name: "Clients found" });
    expect(within(found).getByRole("button")).toHaveTextContent("Priya Sharma · प्रिया शर्मा priya@example.com");
    expect(api.callsTo(`GET ${BASE}/desk/clients`).at(-1).query).toEqual({ q: "प्रिया" });
    await user.click(within(found).getByRole("button", { name: /Priya Sharma · प्रिया शर्मा/ }));
    expect(within(yin).getByText(/Booking for/)).toHaveTextContent("Booking for Priya Sharma · प्रिया शर्मा priya@example.com");
    expect(within(yin).queryByLabelText("Name in another script (for a new client)")).not.toBeInTheDocument();
    await user.click(within(yin).getByRole("button", { name: "Book" }));
    expect(await within(yin).findByText("Priya Sharma is booked into Yin Evening.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/desk/bookings`)[0].body).toEqual({ session_id: 21, user_id: 46, use: "free" });
  });

  it("finds a client by name, shows their passes and books two seats with the one picked", async () => {
    const passes = [
      { id: 70, name: "5-class pack", kind: "pack", credits_left: 3, valid_until: "2026-12-31T18:29:59Z" },
      { id: 71, name: "Monthly unlimited", kind: "membership", credits_left: null, valid_until: "2027-01-05T18:29:59Z" },
    ];
    const clients = { items: [{ id: 41, name: "Nisha Rao", email: "nisha@example.com", phone: null, passes }], more: false };
    const answer = { booking: { id: 8, seats: 2 }, user_id: 41, new_account: false, payment: null };
    const api = deskApi({ [`GET ${BASE}/desk/clients`]: () => ok(clients), [`POST ${BASE}/desk/bookings`]: () => reply(201, answer) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const flow = card("Morning Flow", "5 of 12");
    await user.click(within(flow).getByRole("button", { name: "Book a client" }));
    await user.type(within(flow).getByLabelText("Find a client"), "nis");
    await user.click(await within(flow).findByRole("button", { name: /Nisha Rao/ }));
    expect(api.callsTo(`GET ${BASE}/desk/clients`).at(-1).query).toEqual({ q: "nis" });
    expect(within(flow).getByText(/Booking for/)).toHaveTextContent("Booking for Nisha Rao nisha@example.com");
    expect(within(flow).queryByLabelText("Email")).not.toBeInTheDocument();
    expect(within(flow).getByLabelText(/5-class pack · 3 credits left · until/)).not.toBeChecked();
    await user.click(within(flow).getByRole("button", { name: "Book" }));
    expect(await within(flow).findByText("Pick one of their passes.")).toBeInTheDocument();
    await user.click(within(flow).getByLabelText(/Monthly unlimited/));
    await user.clear(within(flow).getByLabelText("Seats"));
    await user.type(within(flow).getByLabelText("Seats"), "2");
    await user.click(within(flow).getByRole("button", { name: "Book" }));
    expect(await within(flow).findByText("Nisha Rao is booked into Morning Flow for 2 seats.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/desk/bookings`)[0].body).toEqual({ session_id: 11, user_id: 41, use: "pass", pass_id: 71, seats: 2 });
  });

  it("offers payment at the door for a client with no pass of the studio's, and lets the desk pick someone else", async () => {
    const clients = { items: [{ id: 43, name: "Omar Khan", email: "omar@example.com", phone: "+919812345678", passes: [] }], more: true };
    const api = deskApi({ [`GET ${BASE}/desk/clients`]: () => ok(clients) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const flow = card("Morning Flow", "5 of 12");
    await user.click(within(flow).getByRole("button", { name: "Book a client" }));
    await user.type(within(flow).getByLabelText("Find a client"), "98123");
    expect(await within(flow).findByText("More match: type more of their name.")).toBeInTheDocument();
    await user.click(within(flow).getByRole("button", { name: /Omar Khan/ }));
    expect(within(flow).getByText(/Omar Khan has no pass of the studio's good now/)).toBeInTheDocument();
    expect(within(flow).getByLabelText("Pay at the door")).toBeChecked();
    expect(within(flow).queryByLabelText("With their pass")).not.toBeInTheDocument();
    await user.click(within(flow).getByRole("button", { name: "Someone else" }));
    expect(within(flow).getByLabelText("Find a client")).toBeInTheDocument();
    expect(within(flow).getByLabelText("Email")).toBeInTheDocument();
  });

  it("says when no client of the studio matches, and keeps booking by email", async () => {
    const api = deskApi({ [`GET ${BASE}/desk/clients`]: () => ok({ items: [], more: false }) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const flow = card("Morning Flow", "5 of 12");
    await user.click(within(flow).getByRole("button", { name: "Book a client" }));
    await user.type(within(flow).getByLabelText("Find a client"), "z");
    expect(within(flow).queryByText(/None of the studio's clients/)).not.toBeInTheDocument();
    await user.type(within(flow).getByLabelText("Find a client"), "z");
    expect(await within(flow).findByText(/None of the studio's clients matches/)).toBeInTheDocument();
    expect(within(flow).getByLabelText("Email")).toBeInTheDocument();
    await user.clear(within(flow).getByLabelText("Seats"));
    await user.type(within(flow).getByLabelText("Seats"), "7");
    await user.click(within(flow).getByRole("button", { name: "Book" }));
    expect(await within(flow).findByText("From 1 to 6 seats.")).toBeInTheDocument();
  });

  it("books a client into a free class free", async () => {
    const api = deskApi({ [`POST ${BASE}/desk/bookings`]: () => reply(201, { booking: { id: 9 }, user_id: 42, new_account: true, payment: null }) });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const yin = card("Yin Evening", "12 of 12");
    await user.click(within(yin).getByRole("button", { name: "Book a client" }));
    expect(within(yin).getByText("A free class: nothing to pay.")).toBeInTheDocument();
    await user.type(within(yin).getByLabelText("Email"), "omar@example.com");
    await user.click(within(yin).getByRole("button", { name: "Book" }));
    expect(await within(yin).findByText(/omar@example.com is booked into Yin Evening\. A new account was made/)).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/desk/bookings`)[0].body).toEqual({ session_id: 21, email: "omar@example.com", use: "free" });
  });

  it("sells a pass at the desk at its price", async () => {
    const sold = { pass: { id: 70, name: "5-class pack" }, payment: { amount: 300000, currency: "INR", method: "cash", taken_by: 7 }, user_id: 41, new_account: false };
    const api = deskApi({ [`POST ${BASE}/desk/passes`]: () => reply(201, sold) });
    const { user } = renderDesk(api);
    await user.click(await screen.findByRole("button", { name: "Start a sale" }));
    await user.selectOptions(await screen.findByLabelText("Pass"), "31");
    expect(screen.getByText("They pay ₹3,000, the pass's price.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Buyer's name"), "Nisha Rao");
    await user.type(screen.getByLabelText("Buyer's email"), "nisha@example.com");
    await user.click(screen.getByRole("button", { name: "Sell for ₹3,000" }));
    expect(await screen.findByText("5-class pack sold to Nisha Rao: good from now. Paid ₹3,000 by cash. Pass number 70.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/desk/passes`)[0].body).toEqual({ product_id: 31, name: "Nisha Rao", email: "nisha@example.com", method: "cash" });
  });

  it("sells a pass paid by UPI and says so", async () => {
    const sold = { pass: { id: 71, name: "5-class pack" }, payment: { amount: 300000, currency: "INR", method: "upi", taken_by: 7 }, user_id: 41, new_account: false };
    const api = deskApi({ [`POST ${BASE}/desk/passes`]: () => reply(201, sold) });
    const { user } = renderDesk(api);
    await user.click(await screen.findByRole("button", { name: "Start a sale" }));
    await user.selectOptions(await screen.findByLabelText("Pass"), "31");
    await user.type(screen.getByLabelText("Buyer's name"), "Nisha Rao");
    await user.type(screen.getByLabelText("Buyer's email"), "nisha@example.com");
    await user.click(screen.getByLabelText("UPI"));
    await user.click(screen.getByRole("button", { name: "Sell for ₹3,000" }));
    expect(await screen.findByText("5-class pack sold to Nisha Rao: good from now. Paid ₹3,000 by UPI. Pass number 71.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/desk/passes`)[0].body).toEqual({ product_id: 31, name: "Nisha Rao", email: "nisha@example.com", method: "upi" });
  });

  it("says what a client must fill in before a sale of ₹50,000 or more before GST", async () => {
    const api = deskApi({ [`POST ${BASE}/desk/passes`]: () => apiError(409, "billing_address_required", "An invoice of ₹50,000.00 or more…") });
    const { user } = renderDesk(api);
    await user.click(await screen.findByRole("button", { name: "Start a sale" }));
    await user.selectOptions(await screen.findByLabelText("Pass"), "32");
    await user.type(screen.getByLabelText("Buyer's name"), "Nisha Rao");
    await user.type(screen.getByLabelText("Buyer's email"), "nisha@example.com");
    await user.click(screen.getByLabelText("Cash"));
    await user.click(screen.getByRole("button", { name: "Sell for ₹9,000" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Not sold.");
    expect(alert).toHaveTextContent("needs the client's address and state");
    expect(alert).toHaveTextContent("street address, city and state under Billing details");
  });

  it("says the same when a client booked at the desk pays ₹50,000 or more there", async () => {
    const api = deskApi({ [`POST ${BASE}/desk/bookings`]: () => apiError(409, "billing_address_required", "An invoice of ₹50,000.00 or more…") });
    const { user } = renderDesk(api);
    await screen.findByRole("region", { name: "Today" });
    const flow = card("Morning Flow", "5 of 12");
    await user.click(within(flow).getByRole("button", { name: "Book a client" }));
    await user.type(within(flow).getByLabelText("Email"), "nisha@example.com");
    await user.click(within(flow).getByLabelText("Pay at the door"));
    await user.click(within(flow).getByLabelText("Cash"));
    await user.click(within(flow).getByRole("button", { name: "Book" }));
    const alert = await within(flow).findByRole("alert");
    expect(alert).toHaveTextContent("Not booked.");
    expect(alert).toHaveTextContent("Billing details on their account page");
  });

  it("shows a refused sale in plain words", async () => {
    const api = deskApi({ [`POST ${BASE}/desk/passes`]: () => apiError(409, "pass_retired", "This pass is no longer sold.") });
    const { user } = renderDesk(api);
    await user.click(await screen.findByRole("button", { name: "Start a sale" }));
    await user.selectOptions(await screen.findByLabelText("Pass"), "32");
    await user.type(screen.getByLabelText("Buyer's name"), "Nisha Rao");
    await user.type(screen.getByLabelText("Buyer's email"), "nisha@example.com");
    await user.click(screen.getByLabelText("Card terminal"));
    await user.click(screen.getByRole("button", { name: "Sell for ₹9,000" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Not sold. This pass is no longer sold: pick another one.");
  });

  it("says when the classes can't be loaded", async () => {
    renderDesk(deskApi({ [`GET ${BASE}/events`]: () => apiError(403, "forbidden", "Your role can't do this.") }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The classes could not be loaded. Your role can't do this.");
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    const { user } = renderDesk();
    const today = await screen.findByRole("region", { name: "आज" });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("फ़्रंट डेस्क · Lotus Yoga");
    const flow = within(today).getByRole("heading", { name: "Morning Flow" }).closest("li");
    expect(flow).toHaveTextContent("12 में से 5 बुक");
    expect(within(flow).getByRole("link", { name: "Morning Flow का चेक-इन खोलें" })).toBeInTheDocument();
    await user.click(within(flow).getByRole("button", { name: "क्लाइंट को बुक करें" }));
    expect(within(flow).getByLabelText("क्लाइंट खोजें")).toBeInTheDocument();
    expect(within(flow).getByLabelText("दूसरी लिपि में नाम (नए क्लाइंट के लिए)")).toHaveAccessibleDescription(/देवनागरी या अंग्रेज़ी अक्षरों/);
    expect(within(flow).getByRole("group", { name: "वे कैसे भुगतान करेंगे" })).toBeInTheDocument();
  });
});
