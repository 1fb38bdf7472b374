import { screen, waitFor, within } from "@testing-library/react";
import { useQuery } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { useApi } from "../../../lib/auth.jsx";
import { EVENTS_ROOT_KEY } from "../../../lib/query-client.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, daysFromNow, makeBooking, makeEvent, makeSession, makeWaiting } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { SessionRows, clickInRow, rowOf } from "../../../test/session-rows.jsx";
import { EventBooking } from "./EventBooking.jsx";

const KIDS = makeSession({ id: 11, price: 50_000, starts_at: daysFromNow(6, 10) });
const EVENT = makeEvent({ sessions: [KIDS], late_cancel_hours: 12 });
const FAMILY = { items: [{ id: 31, name: "Asha" }, { id: 32, name: "Ravi" }], consent: { version: "2026-11", wording: "I agree.", sha256: "0".repeat(64) } };
const PACK = { id: 90, facilitator_id: 2, name: "Kids 10-class pack", kind: "pack", status: "active", valid: true, credits: 10, credits_left: 8, event_ids: null };
const ASHA_BOOKED = makeBooking({ id: 70, session: KIDS, for: { id: 31, name: "Asha" } });

function Page({ passes }) {
  const { main } = useApi();
  const { data: event } = useQuery({ queryKey: [...EVENTS_ROOT_KEY, "detail", "1"], queryFn: () => main.get("/events/1") });
  if (!event) return <p>Loading…</p>;
  return <EventBooking event={event} passes={passes} sessionsTable={(sessionAction) => <SessionRows event={event} sessionAction={sessionAction} />} />;
}

function familyApi(bookings, book, { event = EVENT, waiting = [], more = {} } = {}) {
  return fakeApi({
    "GET main /events/1": () => ok(event),
    "GET main /events/1/questions": () => ok({ items: [] }),
    "GET main /bookings": () => ok(bookingPage(bookings, waiting)),
    "GET main /me/family/children": () => ok(FAMILY),
    "POST main /bookings/book": book,
    ...more,
  });
}

const FULL = makeSession({ id: 11, price: 50_000, starts_at: daysFromNow(6, 10), capacity: 8, seats_taken: 8, waiting: 2 });
const FULL_EVENT = makeEvent({ sessions: [FULL], late_cancel_hours: 12 });

describe("EventBooking: seats for a person's children", () => {
  it("names the child booked and books another of the family, paid from a shareable pass alone", async () => {
    const api = familyApi([ASHA_BOOKED], ({ body }) => reply(201, makeBooking({ id: 71, session: KIDS, pass_id: body.pass_id, for: { id: 32, name: "Ravi" } })));
    const passes = [PACK, { ...PACK, id: 91, name: "Family pack", shareable: true }];
    const { user } = renderApp(<Page passes={passes} />, { api, as: "user" });
    expect(await within(await waitFor(() => rowOf(11))).findByText("Booked for Asha ✓")).toBeInTheDocument();
    await clickInRow(user, 11, "Book for another");
    const dialog = screen.getByRole("dialog");
    const whom = within(dialog).getByRole("group", { name: "Who is this seat for?" });
    // Asha holds a seat already: the person and Ravi are offered, the person first.
    expect(within(whom).getAllByRole("radio").map((radio) => radio.labels[0].textContent.trim())).toEqual(["Me", "Ravi"]);
    expect(within(whom).getByRole("radio", { name: "Me" })).toBeChecked();
    expect(within(dialog).getAllByRole("radio", { name: /Use my pass/ })).toHaveLength(2);
    await user.click(within(whom).getByRole("radio", { name: "Ravi" }));
    expect(within(dialog).getByRole("option", { name: "1 (just Ravi)" })).toBeInTheDocument();
    expect(within(dialog).getAllByRole("radio", { name: /Use my pass/ }).map((radio) => radio.labels[0].textContent)).toEqual([expect.stringContaining("Family pack")]);
    await user.click(within(dialog).getByRole("button", { name: "Book with my pass" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.callsTo("POST main /bookings/book")[0].body).toEqual({ session_id: 11, seats: 1, guests: [], pass_id: 91, dependent_id: 32 });
  });

  it("marks the session booked once everyone in the family holds a seat", async () => {
    const everyone = [makeBooking({ id: 69, session: KIDS }), ASHA_BOOKED, makeBooking({ id: 71, session: KIDS, for: { id: 32, name: "Ravi" } })];
    const api = familyApi(everyone, () => reply(201, makeBooking()));
    renderApp(<Page passes={[]} />, { api, as: "user" });
    const row = await waitFor(() => rowOf(11));
    expect(await within(row).findByText("Booked for you, Asha, Ravi ✓")).toBeInTheDocument();
    expect(within(row).queryByRole("button")).not.toBeInTheDocument();
  });

  it("links a refusal for unsigned forms to the child's forms at the studio", async () => {
    const unsigned = () => apiError(409, "form_signature_required", "Sign the studio's forms first.", { forms: [{ id: 4, title: "Waiver", version: 1 }] });
    const api = familyApi([], unsigned);
    const { user } = renderApp(<Page passes={[]} />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book & pay");
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getAllByRole("radio").map((radio) => radio.labels[0].textContent.trim())).toEqual(["Me", "Asha", "Ravi"]);
    await user.click(within(dialog).getByRole("radio", { name: "Asha" }));
    await user.click(within(dialog).getByRole("button", { name: "Continue to payment" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Sign the studio's forms first.");
    expect(within(alert).getByRole("link", { name: "Sign the forms" })).toHaveAttribute("href", "/account/forms?studio=lotus-yoga&for=31");
    expect(api.callsTo("POST main /bookings/book")[0].body.dependent_id).toBe(31);
  });

  it("puts a child in a full session's line beside the person, and takes the child out of it alone", async () => {
    const mine = makeWaiting({ session: FULL, position: 1 });
    const ashas = makeWaiting({ session: FULL, position: 2, for: { id: 31, name: "Asha" } });
    const api = familyApi([], () => reply(201, makeBooking()), {
      event: FULL_EVENT,
      waiting: [mine, ashas],
      more: {
        "POST main /sessions/11/waitlist": () => reply(201, { session_id: 11, status: "waiting", position: 3, booking_id: null }),
        "DELETE main /sessions/11/waitlist": () => reply(204),
      },
    });
    const { user } = renderApp(<Page passes={[]} />, { api, as: "user" });
    const row = await waitFor(() => rowOf(11));
    expect(await within(row).findByText("Asha is number 2 on the waiting list")).toBeInTheDocument();
    expect(within(row).getByText("You're number 1 on the waiting list")).toBeInTheDocument();
    await clickInRow(user, 11, "Join waiting list for another");
    const dialog = screen.getByRole("dialog");
    // The person and Asha wait already: Ravi alone is left, and chosen.
    expect(within(dialog).getAllByRole("radio").map((radio) => radio.labels[0].textContent.trim())).toEqual(["Ravi"]);
    await user.click(within(dialog).getByRole("button", { name: "Join waiting list" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.callsTo("POST main /sessions/11/waitlist")[0].body).toEqual({ seats: 1, guests: [], dependent_id: 32 });
    await clickInRow(user, 11, "Take Asha off the waiting list");
    const leaving = screen.getByRole("dialog", { name: "Take Asha off the waiting list?" });
    expect(leaving).toHaveTextContent("Asha is number 2 in line for");
    await user.click(within(leaving).getByRole("button", { name: "Yes, leave it" }));
    await waitFor(() => expect(api.callsTo("DELETE main /sessions/11/waitlist")).toHaveLength(1));
    expect(api.callsTo("DELETE main /sessions/11/waitlist")[0].query).toEqual({ dependent_id: "31" });
  });

  it("says a refusal of the child's seat of the child", async () => {
    const api = familyApi([], () => apiError(409, "already_booked", "You already have a booking for this session."));
    const { user } = renderApp(<Page passes={[]} />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book & pay");
    const dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByRole("radio", { name: "Ravi" }));
    await user.click(within(dialog).getByRole("button", { name: "Continue to payment" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Ravi already has a seat in this session.");
  });
});
