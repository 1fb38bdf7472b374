import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, ok } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { bookingPage, daysFromNow, makeBooking, makeSession } from "../test/fixtures.js";
import { paths } from "../lib/paths.js";
import { MyBookingsWithCheckinCodes } from "./MyBookingsWithCheckinCodes.jsx";

const COMING = makeBooking({ id: 1, seats: 2, session: makeSession({ id: 11, starts_at: daysFromNow(3) }) });
const CANCELLED = makeBooking({ id: 2, status: "cancelled", cancelled_by: "person", cancelled_at: daysFromNow(-1), session: makeSession({ id: 12, starts_at: daysFromNow(5) }) });
const SVG = "data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E";
const TICKETS = {
  booking_id: 1,
  session_id: 11,
  seats: [
    { seat: 1, name: "Asha Verma", code: "9VSWMDJQ", qr: "CHK1:11:1:1:9VSWMDJQ", qr_svg: SVG, checked_in_at: null },
    { seat: 2, name: "Ravi Kumar", code: "DT487ND5", qr: "CHK1:11:1:2:DT487ND5", qr_svg: SVG, checked_in_at: daysFromNow(0) },
  ],
};

function renderBookings() {
  const api = fakeApi({ "GET main /bookings": () => ok(bookingPage([COMING, CANCELLED])), "GET main /bookings/1/checkin": () => ok(TICKETS) });
  return renderApp(<MyBookingsWithCheckinCodes />, { route: paths.myBookings, api, as: "user" });
}

describe("My bookings with check-in codes", () => {
  it("offers the check-in code of a booking that is on, and shows each seat's QR code and code", async () => {
    const { api, user } = renderBookings();
    const upcoming = await screen.findByRole("region", { name: "Upcoming" });
    const cancelled = screen.getByRole("region", { name: "Cancelled" });
    expect(within(cancelled).queryByRole("button", { name: "Check-in code" })).not.toBeInTheDocument();
    expect(api.callsTo("GET main /bookings/1/checkin")).toHaveLength(0); // only when asked

    await user.click(within(upcoming).getByRole("button", { name: "Check-in code" }));
    const dialog = await screen.findByRole("dialog", { name: "Check-in code" });
    const seats = await within(dialog).findAllByRole("listitem");
    expect(seats).toHaveLength(2);
    expect(seats[0]).toHaveTextContent("Asha Verma (you)");
    expect(within(seats[0]).getByRole("img", { name: "QR code for Asha Verma" })).toHaveAttribute("src", SVG);
    expect(seats[0]).toHaveTextContent("9VSW MDJQ");
    expect(seats[0]).not.toHaveTextContent("Checked in");
    expect(seats[1]).toHaveTextContent("Ravi Kumar");
    expect(seats[1]).toHaveTextContent("DT48 7ND5");
    expect(seats[1]).toHaveTextContent("Checked in");
    expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();

    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(upcoming).getByRole("button", { name: "Check-in code" })).toHaveFocus();
  });
});
