import { screen, waitFor, within } from "@testing-library/react";
import { useQuery } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useApi } from "../../../lib/auth.jsx";
import { leaveApp } from "../../../lib/leave-app.js";
import { EVENTS_ROOT_KEY } from "../../../lib/query-client.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, daysFromNow, makeBooking, makeEvent, makePaidBooking, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { SessionRows, clickInRow, rowOf } from "../../../test/session-rows.jsx";
import { EventBooking } from "./EventBooking.jsx";

const PAID = makeSession({ id: 11, price: 80_000, starts_at: daysFromNow(6, 13) });
const FREE = makeSession({ id: 12, price: 0, seats_taken: 0 });
const EVENT = makeEvent({ sessions: [PAID, FREE], late_cancel_hours: 12 });
const PACK = { id: 90, facilitator_id: 2, name: "Sound healing 3-class pack", kind: "pack", status: "active", valid: true, credits: 3, credits_left: 2, event_ids: null };
const MONTHLY = { id: 91, facilitator_id: 2, name: "Monthly membership", kind: "membership", status: "active", valid: true, credits: null, credits_left: null, sessions_per_week: 2, event_ids: [1] };


/** The booking flow as the app layer puts it on the event page: with the person's passes. */
function Page({ passes }) {
  const { main } = useApi();
  const { data: event } = useQuery({ queryKey: [...EVENTS_ROOT_KEY, "detail", "1"], queryFn: () => main.get("/events/1") });
  if (!event) return <p>Loading…</p>;
  return <EventBooking event={event} passes={passes} sessionsTable={(sessionAction) => <SessionRows event={event} sessionAction={sessionAction} />} />;
}

function passApi(book) {
  return fakeApi({
    "GET main /events/1": () => ok(EVENT),
    "GET main /events/1/questions": () => ok({ items: [] }),
    "GET main /bookings": () => ok(bookingPage([], [])),
    "POST main /bookings/book": book,
  });
}

afterEach(() => vi.restoreAllMocks());

describe("EventBooking: booking with a pass", () => {
  it("offers the person's passes first and books with the one chosen, at once", async () => {
    const api = passApi(({ body }) => reply(201, makeBooking({ id: 70, session: PAID, pass_id: body.pass_id, credit_back_until: daysFromNow(6, 1) })));
    const { user } = renderApp(<Page passes={[PACK, MONTHLY]} />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog", { name: "Book with your pass?" });
    const choice = within(dialog).getByRole("group", { name: "How to pay" });
    const options = within(choice).getAllByRole("radio");
    expect(options.map((option) => option.labels[0].textContent.trim())).toEqual([
      "Use my pass: Sound healing 3-class pack — 2 credits left",
      "Use my pass: Monthly membership — up to 2 classes a week",
      "Pay ₹800 on the next page",
    ]);
    expect(options[0]).toBeChecked();
    expect(dialog.querySelector(".booking-terms")).toHaveTextContent(/^Free cancellation with credit back until .+ IST; later the credit is forfeited\.$/);
    await user.click(options[1]);
    await user.click(within(dialog).getByRole("button", { name: "Book with my pass" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.callsTo("POST main /bookings/book")[0].body).toEqual({ session_id: 11, seats: 1, guests: [], pass_id: 91 });
    expect(screen.getByText(/You're booked!/)).toHaveTextContent("Your pass paid for it.");
  });

  it("pays instead when the person picks paying, sending no pass", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const api = passApi(() => reply(201, makePaidBooking({ id: 71, session: PAID })));
    const { user } = renderApp(<Page passes={[PACK]} />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByRole("radio", { name: "Pay ₹800 on the next page" }));
    expect(dialog).toHaveAccessibleName("Book and pay for this session?");
    expect(dialog.querySelector(".booking-terms")).toHaveTextContent(/^₹800, paid on the next page/);
    await user.click(within(dialog).getByRole("button", { name: "Continue to payment" }));
    await waitFor(() => expect(went).toHaveLength(1));
    expect(api.callsTo("POST main /bookings/book")[0].body).not.toHaveProperty("pass_id");
  });

  it("leaves out a pack without a credit for every seat", async () => {
    const api = passApi(() => reply(201, makeBooking()));
    const { user } = renderApp(<Page passes={[PACK]} />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog");
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "3");
    expect(within(dialog).queryByRole("group", { name: "How to pay" })).not.toBeInTheDocument();
    expect(dialog).toHaveAccessibleName("Book and pay for this session?");
  });

  it("offers no pass for a free session, nor passes of another teacher or event", async () => {
    const api = passApi(() => reply(201, makeBooking()));
    const { user } = renderApp(<Page passes={[{ ...PACK, facilitator_id: 9 }, { ...MONTHLY, event_ids: [5] }]} />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    expect(await within(rowOf(11)).findByRole("button", { name: "Book & pay" })).toBeInTheDocument();
    await clickInRow(user, 12, "Book");
    expect(within(screen.getByRole("dialog")).queryByRole("radio")).not.toBeInTheDocument();
  });

  it("shows a pass refusal inside the dialog, which stays open", async () => {
    const api = passApi(() => apiError(409, "no_credits_left", "Not enough credits.", { credits_left: 0 }));
    const { user } = renderApp(<Page passes={[PACK]} />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Book with my pass" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Your pass has 0 credits left, not enough for these seats.");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });
});
