import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../../test/render.jsx";
import { RegistrantsSection, WaitingListSection } from "./RegistrantsSection.jsx";

const registrant = (id, overrides = {}) => ({
  booking_id: id,
  name: `Person ${id}`,
  email: `person${id}@example.com`,
  user_id: id,
  booked_at: "2031-01-01T10:00:00+00:00",
  status: "active",
  seats: 1,
  guests: [],
  cancelled_at: null,
  cancel_reason: null,
  payment_status: null,
  amount_paid: null,
  currency: null,
  refund_status: null,
  ...overrides,
});

describe("RegistrantsSection", () => {
  it("counts bookings and seats apart and lists each booker's guests under their name", () => {
    const guests = [
      { id: 1, name: "Ana Silva", email: "ana@example.com", status: "active" },
      { id: 2, name: "Guest 3", email: null, status: "cancelled" },
    ];
    const registrants = [registrant(1, { seats: 2, guests }), registrant(2), registrant(3, { status: "cancelled" })];
    renderApp(<RegistrantsSection sessionId={11} registrants={registrants} seats={3} />, { as: "facilitator" });
    expect(screen.getByText(/^2 active bookings/)).toHaveTextContent("2 active bookings (3 seats), 1 cancelled");
    const row = screen.getByRole("cell", { name: /^Person 1/ }).closest("tr");
    expect(within(row).getByRole("list", { name: "Guests" })).toHaveTextContent("+ Ana Silva (ana@example.com)+ Guest 3 · seat given back");
    expect(within(row).getAllByRole("cell")[2]).toHaveTextContent(/^2$/);
    expect(screen.queryByRole("columnheader", { name: "Room" })).not.toBeInTheDocument();
  });

  it("shows each booking's room where the session has room options", () => {
    const registrants = [registrant(1, { option: { id: 7, name: "Shared twin" } }), registrant(2, { option: { id: 8, name: "Private room" } })];
    renderApp(<RegistrantsSection sessionId={11} registrants={registrants} seats={2} />, { as: "facilitator" });
    expect(screen.getByRole("columnheader", { name: "Room" })).toBeInTheDocument();
    const row = screen.getByRole("cell", { name: /^Person 2/ }).closest("tr");
    expect(within(row).getAllByRole("cell")[3]).toHaveTextContent(/^Private room$/);
  });

  it("counts a request waiting for approval as holding its seat and says so", () => {
    const registrants = [registrant(1), registrant(2, { status: "pending_approval" })];
    renderApp(<RegistrantsSection sessionId={11} registrants={registrants} seats={2} />, { as: "facilitator" });
    expect(screen.getByText(/^2 active bookings/)).toBeInTheDocument();
    const row = screen.getByRole("cell", { name: /^Person 2/ }).closest("tr");
    expect(row).toHaveTextContent("Awaiting approval");
  });
});

describe("WaitingListSection", () => {
  it("says how many seats a group in line waits for", () => {
    const waiting = [
      { position: 1, name: "Group Lead", email: "lead@example.com", user_id: 4, joined_at: "2031-01-01T10:00:00+00:00", seats: 3 },
      { position: 2, name: "Single", email: "single@example.com", user_id: 5, joined_at: "2031-01-01T11:00:00+00:00", seats: 1 },
    ];
    renderApp(<WaitingListSection waiting={waiting} />, { as: "facilitator" });
    expect(screen.getByRole("cell", { name: /^Group Lead/ })).toHaveTextContent("Group Lead · 3 seats together");
    expect(screen.getByRole("cell", { name: /^Single/ })).toHaveTextContent(/^Single$/);
    expect(screen.queryByRole("columnheader", { name: "Waiting for" })).not.toBeInTheDocument();
  });

  it("says which room option each place waits for, each counted in its own line", () => {
    const waiting = [
      { position: 1, name: "Tent Fan", email: "t@example.com", user_id: 4, joined_at: "2031-01-01T10:00:00+00:00", seats: 1, option: { id: 7, name: "Tent" } },
      { position: 1, name: "Dorm Fan", email: "d@example.com", user_id: 5, joined_at: "2031-01-01T11:00:00+00:00", seats: 1, option: { id: 8, name: "Dorm" } },
    ];
    renderApp(<WaitingListSection waiting={waiting} />, { as: "facilitator" });
    const row = screen.getByRole("cell", { name: /^Dorm Fan/ }).closest("tr");
    expect(within(row).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["1", "Dorm Fan", "d@example.com", "Dorm", expect.any(String)]);
  });
});
