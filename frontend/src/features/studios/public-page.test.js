import { describe, expect, it } from "vitest";
import { eventSelling, passTerms } from "./public-page.js";

describe("public studio page", () => {
  it("says a pass's terms", () => {
    expect(passTerms({ kind: "pack", credits: 5, valid_days: 60, price: 300000, currency: "INR" })).toBe("5 classes · valid 60 days · ₹3,000");
    expect(passTerms({ kind: "membership", period: "month", price: 900000, currency: "INR" })).toBe("Unlimited classes · monthly · ₹9,000");
  });

  it("finds the event page that sells a pass", () => {
    const events = [{ id: 1 }, { id: 2 }];
    expect(eventSelling({ event_ids: [2, 9] }, events)).toEqual({ id: 2 });
    expect(eventSelling({ event_ids: null }, events)).toEqual({ id: 1 });
    expect(eventSelling({ event_ids: [] }, events)).toEqual({ id: 1 });
    expect(eventSelling({ event_ids: [9] }, events)).toBeNull();
  });
});
