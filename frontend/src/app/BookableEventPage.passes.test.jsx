import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../lib/paths.js";
import { fakeApi, ok, reply } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { clickInRow, rowOf } from "../test/session-rows.jsx";
import { bookingPage, makeBooking, makeEvent, makeSession } from "../test/fixtures.js";
import { BookableEventPage } from "./BookableEventPage.jsx";

const PAID = makeSession({ id: 11, price: 80_000 });
const EVENT = makeEvent({ sessions: [PAID], late_cancel_hours: 12 });
const ON_SALE = { id: 31, facilitator_id: 2, name: "3-class pack", description: "", kind: "pack", credits: 3, valid_days: 60, price: 200_000, currency: "INR", event_ids: null, new_customers_only: false, status: "on_sale" };
const OWNED = { id: 90, product_id: 31, facilitator_id: 2, name: "3-class pack", kind: "pack", status: "active", valid: true, credits: 3, credits_left: 3, event_ids: null };

describe("BookableEventPage with passes", () => {
  it("sells the event's passes after its sessions and books with the person's own, its credits read again after", async () => {
    let owned = OWNED;
    const api = fakeApi({
      "GET main /events/1": () => ok(EVENT),
      "GET main /events/1/questions": () => ok({ items: [] }),
      "GET main /bookings": () => ok(bookingPage([])),
      "GET main /passes": () => ok({ items: [ON_SALE] }),
      "GET main /me/passes": () => ok({ items: [owned] }),
      "POST main /bookings/book": ({ body }) => {
        owned = { ...owned, credits_left: 2 };
        return reply(201, makeBooking({ id: 50, session: PAID, pass_id: body.pass_id }));
      },
    });
    const { user } = renderApp(<BookableEventPage />, { route: paths.event(1), path: patterns.event, api, as: "user" });
    const shop = await screen.findByRole("region", { name: "Passes" });
    expect(await within(shop).findByRole("article", { name: "3-class pack" })).toHaveTextContent("₹2,000");
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog", { name: "Book with your pass?" });
    expect(within(dialog).getByRole("radio", { name: "Use my pass: 3-class pack — 3 credits left" })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Book with my pass" }));
    expect(await screen.findByText(/Your pass paid for it/)).toBeInTheDocument();
    expect(api.callsTo("POST main /bookings/book")[0].body.pass_id).toBe(90);
    await waitFor(() => expect(api.callsTo("GET main /me/passes").length).toBeGreaterThan(1));
  });
});
