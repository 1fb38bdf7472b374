import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api-client.js";
import { guestErrors, mostSeats, newParty, partyRefusal, partyRequest, sameParty, withGuest, withSeats } from "./party.js";

const refusal = (status, code, details) => new ApiError({ status, code, message: "Refused.", details });

describe("party", () => {
  it("keeps the guests typed in as the seats change, and drops the ones beyond them", () => {
    let party = withSeats(newParty(), 3);
    party = withGuest(party, 0, "name", "Ana");
    party = withGuest(party, 1, "email", "ben@example.com");
    expect(withSeats(party, 4).guests).toEqual([
      { name: "Ana", email: "" },
      { name: "", email: "ben@example.com" },
      { name: "", email: "" },
    ]);
    expect(withSeats(party, 2)).toEqual({ seats: 2, guests: [{ name: "Ana", email: "" }] });
    expect(withSeats(party, 1)).toEqual(newParty());
  });

  it("sends the named guests only, trimmed, an email only where there is one", () => {
    const party = { seats: 4, guests: [{ name: " Ana ", email: "" }, { name: "", email: "" }, { name: "Ben", email: " ben@example.com " }] };
    expect(partyRequest(party)).toEqual({ seats: 4, guests: [{ name: "Ana" }, { name: "Ben", email: "ben@example.com" }] });
  });

  it("finds an email without a name, and an email that is not one", () => {
    const party = { seats: 3, guests: [{ name: "", email: "ana@example.com" }, { name: "Ben", email: "ben at home" }] };
    expect(guestErrors(party)).toEqual({ 0: { name: "Add their name too." }, 1: { email: "This doesn't look like an email address." } });
    expect(guestErrors({ seats: 2, guests: [{ name: "Ana", email: "" }] })).toEqual({});
  });

  it("offers no more seats than the session lets one booking take, or than are left", () => {
    expect(mostSeats({ max_seats_per_booking: 6, seats_left: 10 })).toBe(6);
    expect(mostSeats({ max_seats_per_booking: 6, seats_left: 2 })).toBe(2);
    expect(mostSeats({ seats_left: 20 })).toBe(6); // the default limit
    expect(mostSeats({ max_seats_per_booking: 4, seats_left: 0 }, { booking: false })).toBe(4); // a line waits for any
    expect(mostSeats({ max_seats_per_booking: 1, seats_left: 9 })).toBe(1);
  });

  it("books the same party again: the guests still coming and their seats", () => {
    const booking = {
      session_id: 11,
      seats: 2,
      guests: [
        { id: 1, name: "Ana", email: "ana@example.com", status: "active" },
        { id: 2, name: "Ben", email: null, status: "cancelled" },
      ],
    };
    expect(sameParty(booking)).toEqual({ sessionId: 11, seats: 2, guests: [{ name: "Ana", email: "ana@example.com" }] });
    expect(sameParty({ session_id: 11 })).toEqual({ sessionId: 11, seats: 1, guests: [] });
  });

  it("reads a refusal the dialog can fix: the seats left, and a 400 on the guests sent (named ones only)", () => {
    const party = { seats: 4, guests: [{ name: "Ana", email: "" }, { name: "", email: "" }, { name: "Cleo", email: "cleo@x" }] };
    expect(partyRefusal(refusal(409, "not_enough_seats", { seats_left: 1 }), party)).toEqual({ alert: "Only 1 seat is left in this session.", seats: "Choose 1 or fewer.", guests: {} });
    expect(partyRefusal(refusal(400, "validation_error", { seats: ["Too many."], guests: { 1: { email: ["Not an email."] } } }), party)).toEqual({
      alert: "Check the seats and guests below.",
      seats: "Too many.",
      guests: { 2: { email: "Not an email." } },
    });
    expect(partyRefusal(refusal(400, "validation_error", { guests: ["Too many guests."], note: ["Unknown field."] }), party).alert).toBe("Too many guests. note: Unknown field.");
  });

  it("leaves other refusals to the page", () => {
    expect(partyRefusal(refusal(409, "session_full", {}), newParty())).toBeNull();
    expect(partyRefusal(refusal(400, "validation_error", { session_id: ["Unknown."] }), newParty())).toBeNull();
    expect(partyRefusal(new Error("offline"), newParty())).toBeNull();
  });
});
