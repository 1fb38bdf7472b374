import { describe, expect, it } from "vitest";
import { daysFromNow, makeBooking, makeSession, makeWaiting } from "../../test/fixtures.js";
import {
  activeSessionIds,
  canAddToCalendar,
  canCancel,
  canReactivate,
  cancellationNote,
  errorText,
  groupBookings,
  placeKey,
  placesBySession,
  REACTIVATE_ERROR_TEXT,
  sortedPlaces,
  WAITLIST_ERROR_TEXT,
} from "./booking-status.js";
import { bookingKeys, fetchMyBookings } from "./api.js";

const upcoming = makeBooking({ id: 1, session: makeSession({ id: 11, starts_at: daysFromNow(3) }) });
const later = makeBooking({ id: 2, session: makeSession({ id: 12, starts_at: daysFromNow(9) }) });
const past = makeBooking({ id: 3, session: makeSession({ id: 13, starts_at: daysFromNow(-3) }) });
const cancelledByMe = makeBooking({ id: 4, status: "cancelled", cancelled_by: "person", session: makeSession({ id: 14 }) });
const cancelledByFacilitator = makeBooking({
  id: 5,
  status: "cancelled",
  cancelled_by: "facilitator",
  cancel_reason: "Teacher is unwell.",
  session: makeSession({ id: 15, status: "cancelled" }),
});

describe("booking status", () => {
  it("groups bookings into upcoming (soonest first), past and cancelled", () => {
    const groups = groupBookings([later, cancelledByMe, past, upcoming, cancelledByFacilitator]);
    expect(groups.upcoming.map((b) => b.id)).toEqual([1, 2]);
    expect(groups.past.map((b) => b.id)).toEqual([3]);
    expect(groups.cancelled.map((b) => b.id).sort()).toEqual([4, 5]);
  });

  it("allows reactivating only a booking whose session is still on and ahead", () => {
    expect(canReactivate(cancelledByMe)).toBe(true);
    expect(canReactivate(cancelledByFacilitator)).toBe(false);
    expect(canReactivate(upcoming)).toBe(false);
    expect(canReactivate({ ...cancelledByMe, session: makeSession({ starts_at: daysFromNow(-1) }) })).toBe(false);
  });

  it("offers adding to a calendar only for an active booking whose session is not over", () => {
    expect(canAddToCalendar(upcoming)).toBe(true);
    expect(canAddToCalendar(past)).toBe(false);
    expect(canAddToCalendar(cancelledByMe)).toBe(false);
    const underWay = makeBooking({ session: makeSession({ starts_at: daysFromNow(0, 0), ends_at: new Date(Date.now() + 3_600_000).toISOString() }) });
    expect(canAddToCalendar(underWay)).toBe(true);
  });

  it("allows cancelling only a seat still ahead", () => {
    expect(canCancel(upcoming)).toBe(true);
    expect(canCancel(past)).toBe(false);
    expect(canCancel(cancelledByMe)).toBe(false);
  });

  it("explains who cancelled", () => {
    expect(cancellationNote(upcoming)).toBeNull();
    expect(cancellationNote(cancelledByMe)).toBe("You cancelled this booking.");
    expect(cancellationNote(cancelledByFacilitator)).toBe("Cancelled by the facilitator: Teacher is unwell.");
    // The API's generic sentence, stored when the facilitator gave no reason, is not repeated.
    const generic = { ...cancelledByFacilitator, cancel_reason: "The facilitator cancelled this session." };
    expect(cancellationNote(generic)).toBe("Cancelled by the facilitator.");
    expect(cancellationNote({ ...cancelledByFacilitator, cancel_reason: null })).toBe("Cancelled by the facilitator.");
  });

  it("says who cancelled from the booking, not from its session's status", () => {
    // The person cancelled first; the facilitator cancelled the session afterwards.
    const mineThenSession = { ...cancelledByMe, session: makeSession({ id: 14, status: "cancelled" }) };
    expect(cancellationNote(mineThenSession)).toBe("You cancelled this booking.");
    // Old rows do not know who: neither is claimed.
    const unknown = { ...cancelledByFacilitator, cancelled_by: null };
    expect(cancellationNote(unknown)).toBe("Cancelled: Teacher is unwell.");
    expect(cancellationNote({ ...unknown, cancel_reason: null })).toBe("Cancelled.");
    expect(cancellationNote({ ...cancelledByMe, cancelled_by: null })).toBe("Cancelled.");
  });

  it("knows which sessions are held", () => {
    expect([...activeSessionIds([upcoming, cancelledByMe])]).toEqual([11]);
    expect(activeSessionIds(undefined).size).toBe(0);
  });

  it("finds and orders the places in waiting lists", () => {
    const soon = makeWaiting({ session: makeSession({ id: 21, starts_at: daysFromNow(2) }) });
    const later = makeWaiting({ session: makeSession({ id: 22, starts_at: daysFromNow(8) }) });
    expect(sortedPlaces([later, soon]).map((place) => place.session_id)).toEqual([21, 22]);
    expect(placesBySession([soon, later]).get(22)).toEqual([later]);
    const childs = { ...later, for: { id: 7, name: "Asha" } };
    expect(placesBySession([soon, later, childs]).get(22)).toEqual([later, childs]);
    expect([later, childs].map(placeKey)).toEqual(["22-me", "22-7"]);
    expect(placesBySession(undefined).size).toBe(0);
  });

  it("uses our text for known codes and the server's message otherwise", () => {
    expect(errorText({ code: "seats_available", message: "This session has seats free." }, WAITLIST_ERROR_TEXT)).toBe("A seat is free in this session now: book it instead.");
    expect(errorText({ code: "session_full", message: "This session is full." }, REACTIVATE_ERROR_TEXT)).toBe("Sorry, this session is full now.");
    expect(errorText({ code: "already_active", message: "This booking is already active." }, REACTIVATE_ERROR_TEXT)).toBe(
      "This booking is already active.",
    );
  });
});

describe("bookings api", () => {
  it("reads every page of GET /bookings, and the places in waiting lists each page carries", async () => {
    const asked = [];
    const main = {
      get: async (path, { params }) => {
        asked.push([path, params]);
        return { items: [{ id: params.page }], page: params.page, per_page: 100, total: 2, pages: 2, waiting: [{ session_id: 9, position: 1 }] };
      },
    };
    expect(await fetchMyBookings(main)).toEqual({ bookings: [{ id: 1 }, { id: 2 }], waiting: [{ session_id: 9, position: 1 }] });
    expect(asked).toEqual([
      ["/bookings", { page: 1, per_page: 100 }],
      ["/bookings", { page: 2, per_page: 100 }],
    ]);
  });

  it("has no waiting list when the answer leaves it out", async () => {
    const main = { get: async () => ({ items: [], page: 1, per_page: 100, total: 0, pages: 1 }) };
    expect(await fetchMyBookings(main)).toEqual({ bookings: [], waiting: [] });
  });

  it("keys the bookings per account under one prefix", () => {
    expect(bookingKeys.mine(7).slice(0, 1)).toEqual(bookingKeys.all);
  });
});
