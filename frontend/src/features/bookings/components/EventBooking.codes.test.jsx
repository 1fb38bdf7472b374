import { screen, waitFor, within } from "@testing-library/react";
import { useQuery } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useApi } from "../../../lib/auth.jsx";
import { leaveApp } from "../../../lib/leave-app.js";
import { EVENTS_ROOT_KEY } from "../../../lib/query-client.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, daysFromNow, makeBooking, makeEvent, makePaidBooking, makePayment, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { SessionRows, clickInRow, rowOf } from "../../../test/session-rows.jsx";
import { EventBooking } from "./EventBooking.jsx";

const PAID = makeSession({ id: 11, price: 80_000, starts_at: daysFromNow(6, 13) });
const EVENT = makeEvent({ sessions: [PAID], late_cancel_hours: 12 });
const PACK = { id: 90, facilitator_id: 2, name: "Sound healing 3-class pack", kind: "pack", status: "active", valid: true, credits: 3, credits_left: 2, event_ids: null };

/** The codes the fake API knows: what each takes off, in percent. */
const CODES = { SPRING20: 20, FREE100: 100 };

/** GET /codes/quote as the API answers it: the price of the seats less the code's percentage, or its refusal. */
function quote({ query }) {
  const name = query.code.trim().toUpperCase();
  if (name === "GONE") return apiError(409, "code_used_up", `The code '${query.code}' has been used up.`);
  if (!(name in CODES)) return apiError(400, "validation_error", `Invalid input: code: The code '${query.code}' does not exist.`, { code: [`The code '${query.code}' does not exist.`] });
  const price = PAID.price * Number(query.seats);
  const off = (price * CODES[name]) / 100;
  return ok({ code: name, price, amount_off: off, amount_due: price - off, currency: "INR" });
}


function Page({ passes = [] }) {
  const { main } = useApi();
  const { data: event } = useQuery({ queryKey: [...EVENTS_ROOT_KEY, "detail", "1"], queryFn: () => main.get("/events/1") });
  if (!event) return <p>Loading…</p>;
  return <EventBooking event={event} passes={passes} sessionsTable={(sessionAction) => <SessionRows event={event} sessionAction={sessionAction} />} />;
}

function codeApi(book) {
  return fakeApi({
    "GET main /events/1": () => ok(EVENT),
    "GET main /events/1/questions": () => ok({ items: [] }),
    "GET main /bookings": () => ok(bookingPage([], [])),
    "GET main /codes/quote": quote,
    "POST main /bookings/book": book,
  });
}

/** Opens the booking dialog of the paid session and applies a code in it. */
async function applyCode(user, text, { passes } = {}) {
  await waitFor(() => rowOf(11));
  await clickInRow(user, 11, passes ? "Book" : "Book & pay");
  const dialog = screen.getByRole("dialog");
  if (passes) await user.click(within(dialog).getByRole("radio", { name: /^Pay / }));
  await user.type(within(dialog).getByLabelText("Have a code?"), text);
  await user.click(within(dialog).getByRole("button", { name: "Apply" }));
  return dialog;
}

const sentBooking = (api, at = 0) => api.callsTo("POST main /bookings/book")[at].body;

afterEach(() => vi.restoreAllMocks());

describe("EventBooking: a discount code", () => {
  it("prices the seats with the code, struck-through price beside the new one, and pays the rest at checkout", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const api = codeApi(() => reply(201, makePaidBooking({ id: 71, session: PAID, payment: makePayment({ amount: 64_000, checkout_url: "http://main.test/payments/test/checkout/ref-71" }) })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await applyCode(user, "spring20");
    expect(await within(dialog).findByRole("status")).toHaveTextContent("Code SPRING20 applied: ₹160 off.");
    expect(api.callsTo("GET main /codes/quote")[0].query).toEqual({ code: "spring20", session_id: "11", seats: "1" });
    const total = dialog.querySelector(".code-total");
    expect(total).toHaveTextContent("To pay: Was ₹800 now ₹640");
    expect(within(total).getByText("₹800").tagName).toBe("DEL");
    expect(dialog.querySelector(".booking-terms")).toHaveTextContent(/^₹640 with code SPRING20, paid on the next page; refunded in full if you cancel until/);
    expect(dialog).toHaveAccessibleName("Book and pay for this session?");
    await user.click(within(dialog).getByRole("button", { name: "Continue to payment" }));
    await waitFor(() => expect(went).toEqual(["http://main.test/payments/test/checkout/ref-71"]));
    expect(sentBooking(api)).toEqual({ session_id: 11, seats: 1, guests: [], code: "spring20" });
  });

  it("prices the code again for another number of seats", async () => {
    const api = codeApi(() => reply(201, makePaidBooking({ session: PAID })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await applyCode(user, "SPRING20");
    await within(dialog).findByText("Code", { exact: false, selector: ".code-applied span" });
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "2");
    await waitFor(() => expect(dialog.querySelector(".code-total")).toHaveTextContent("Was ₹1,600 now ₹1,280"));
    expect(api.callsTo("GET main /codes/quote").at(-1).query).toEqual({ code: "SPRING20", session_id: "11", seats: "2" });
    expect(within(dialog).getByRole("button", { name: "Continue to payment" })).toBeInTheDocument();
  });

  it("shows the API's refusal beside the field and books at full price", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const api = codeApi(() => reply(201, makePaidBooking({ session: PAID })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await applyCode(user, "NOPE");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The code 'NOPE' does not exist.");
    expect(within(dialog).getByLabelText("Have a code?")).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByLabelText("Have a code?")).toHaveAccessibleDescription("The code 'NOPE' does not exist.");
    expect(dialog.querySelector(".code-total")).toBeNull();
    expect(dialog.querySelector(".booking-terms")).toHaveTextContent(/^₹800, paid on the next page/);
    await user.type(within(dialog).getByLabelText("Have a code?"), "X");
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Continue to payment" }));
    await waitFor(() => expect(went).toHaveLength(1));
    expect(sentBooking(api)).not.toHaveProperty("code");
  });

  it("says a code that takes the whole price off is free, and books without a checkout", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const api = codeApi(({ body }) => reply(201, makeBooking({ id: 72, session: PAID, code: body.code })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await applyCode(user, "free100");
    expect(await within(dialog).findByRole("status")).toHaveTextContent("Code FREE100 applied: ₹800 off.");
    expect(dialog.querySelector(".code-total")).toHaveTextContent("To pay: Was ₹800 now Free with code");
    expect(dialog.querySelector(".booking-terms")).toHaveTextContent("Nothing to pay, so no checkout: the seat is yours as soon as you confirm.");
    expect(dialog).toHaveAccessibleName("Book this session?");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByText(/You're booked!/)).toHaveTextContent("Free with code FREE100: nothing to pay.");
    expect(sentBooking(api)).toEqual({ session_id: 11, seats: 1, guests: [], code: "free100" });
    expect(went).toEqual([]);
  });

  it("restores the price when the code is removed", async () => {
    const api = codeApi(() => reply(201, makePaidBooking({ session: PAID })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await applyCode(user, "SPRING20");
    const applied = await within(dialog).findByRole("status");
    expect(applied).toHaveFocus();
    await user.click(within(applied).getByRole("button", { name: "Remove code" }));
    expect(within(dialog).getByLabelText("Have a code?")).toHaveValue("");
    expect(within(dialog).getByLabelText("Have a code?")).toHaveFocus();
    expect(dialog.querySelector(".code-total")).toBeNull();
    expect(dialog.querySelector(".booking-terms")).toHaveTextContent(/^₹800, paid on the next page/);
  });

  it("keeps the dialog open when the code ran out before booking, and books again without it", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    let calls = 0;
    const api = codeApi(() => (++calls === 1 ? apiError(409, "code_used_up", "The code 'SPRING20' has been used up.") : reply(201, makePaidBooking({ session: PAID }))));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await applyCode(user, "SPRING20");
    await within(dialog).findByRole("status");
    await user.click(within(dialog).getByRole("button", { name: "Continue to payment" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The code 'SPRING20' has been used up.");
    expect(screen.getByRole("dialog")).toBe(dialog);
    expect(dialog.querySelector(".code-total")).toBeNull();
    expect(within(dialog).getByRole("button", { name: "Continue to payment" })).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Continue to payment" }));
    await waitFor(() => expect(went).toHaveLength(1));
    expect(sentBooking(api, 0)).toHaveProperty("code", "SPRING20");
    expect(sentBooking(api, 1)).not.toHaveProperty("code");
  });

  it("says a used-up code when it is applied", async () => {
    const api = codeApi(() => reply(201, makePaidBooking({ session: PAID })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await applyCode(user, "gone");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The code 'gone' has been used up.");
  });

  it("offers the code under paying only, never with a pass", async () => {
    const api = codeApi(() => reply(201, makeBooking({ session: PAID, pass_id: 90 })));
    const { user } = renderApp(<Page passes={[PACK]} />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog", { name: "Book with your pass?" });
    expect(within(dialog).queryByLabelText("Have a code?")).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("radio", { name: "Pay ₹800 on the next page" }));
    await user.type(within(dialog).getByLabelText("Have a code?"), "SPRING20");
    await user.click(within(dialog).getByRole("button", { name: "Apply" }));
    expect(await within(dialog).findByRole("radio", { name: "Pay ₹640 on the next page" })).toBeChecked();
    await user.click(within(dialog).getByRole("radio", { name: /Use my pass/ }));
    expect(within(dialog).queryByRole("status")).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Book with my pass" }));
    await waitFor(() => expect(api.callsTo("POST main /bookings/book")).toHaveLength(1));
    expect(sentBooking(api)).toEqual({ session_id: 11, seats: 1, guests: [], pass_id: 90 });
  });

  it("asks for a code before applying an empty field", async () => {
    const api = codeApi(() => reply(201, makePaidBooking({ session: PAID })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book & pay");
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Have a code?"), "   {Enter}");
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Type a code first.");
    expect(api.callsTo("GET main /codes/quote")).toHaveLength(0);
  });
});
