import { describe, expect, it } from "vitest";
import { buyErrorText, passDatesText, passPill, returnMessage } from "./pass-status.js";

const NOW = Date.parse("2031-03-01T12:00:00Z");
const PACK = { kind: "pack", status: "active", valid: true, credits: 3, credits_left: 2, valid_until: "2031-04-30T12:00:00+00:00", renews: false };

describe("passPill", () => {
  it("calls a pass that can be booked with active", () => {
    expect(passPill(PACK, NOW)).toEqual(["Active", "active"]);
  });

  it("says why an active pass can't be booked with", () => {
    expect(passPill({ ...PACK, valid: false, credits_left: 0 }, NOW)).toEqual(["Used up", "cancelled"]);
    expect(passPill({ ...PACK, valid: false, valid_until: "2031-02-01T00:00:00+00:00" }, NOW)).toEqual(["Expired", "cancelled"]);
  });

  it("names the other states", () => {
    expect(passPill({ ...PACK, status: "pending_payment", valid: false }, NOW)).toEqual(["Awaiting payment", "warn"]);
    expect(passPill({ ...PACK, status: "lapsed", valid: false }, NOW)).toEqual(["Lapsed", "cancelled"]);
    expect(passPill({ ...PACK, status: "refunded", valid: false }, NOW)).toEqual(["Refunded", "cancelled"]);
  });
});

describe("passDatesText", () => {
  it("gives the end date, or the renewal of a membership that renews", () => {
    expect(passDatesText(PACK)).toMatch(/^Valid until .*Apr.*2031$/);
    expect(passDatesText({ ...PACK, renews: true })).toMatch(/^Renews on /);
    expect(passDatesText({ ...PACK, valid_until: null })).toBeNull();
  });
});

describe("returnMessage", () => {
  it("reads the checkout's result", () => {
    expect(returnMessage("success")).toEqual({ ok: "Payment received: your pass is ready." });
    expect(returnMessage("cancel")).toEqual({ note: "Payment not completed; nothing was charged." });
    expect(returnMessage(null)).toBeNull();
  });
});

describe("buyErrorText", () => {
  it("has our words for the known refusals and the server's for the rest", () => {
    expect(buyErrorText({ code: "new_customers_only", message: "x" })).toMatch(/^This offer is for people new/);
    expect(buyErrorText({ code: "payment_provider_unavailable" })).toMatch(/nothing was charged/);
    expect(buyErrorText({ code: "other", message: "Server says no." })).toBe("Server says no.");
  });
});
