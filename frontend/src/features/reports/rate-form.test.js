import { describe, expect, it } from "vitest";
import { emptyRate, rateErrors, rateRequest, rateValues } from "./rate-form.js";

const values = (over) => ({ ...emptyRate(), ...over });

describe("the rate form", () => {
  it("sends each kind's terms only, amounts in minor units and blank bounds as none", () => {
    expect(rateRequest(values({ kind: "flat", amount: "1500", minimum: "10" }), "INR")).toEqual({ kind: "flat", amount: 150000 });
    expect(rateRequest(values({ kind: "per_head", amount: "200.5", maximum: "3000" }), "INR")).toEqual({ kind: "per_head", amount: 20050, minimum: null, maximum: 300000 });
    expect(rateRequest(values({ kind: "share", share_percent: "37.5", minimum: "0" }), "INR")).toEqual({ kind: "share", share_percent: 37.5 });
    expect(rateRequest(values({ kind: "flat", amount: "1500" }), "JPY")).toEqual({ kind: "flat", amount: 1500 });
  });

  it("refuses negative or malformed amounts, shares outside 0 to 100, and a most below the least", () => {
    expect(rateErrors(values({ kind: "flat", amount: "" }), "INR")).toEqual({ amount: "Enter an amount, 0 or more." });
    expect(rateErrors(values({ kind: "flat", amount: "-1" }), "INR")).toEqual({ amount: "The amount can't be negative." });
    expect(rateErrors(values({ kind: "flat", amount: "1.234" }), "INR")).toEqual({ amount: "Use at most 2 decimals for INR." });
    expect(rateErrors(values({ kind: "share", share_percent: "101" }), "INR")).toEqual({ share_percent: "Enter a share from 0 to 100." });
    expect(rateErrors(values({ kind: "share", share_percent: "0" }), "INR")).toEqual({});
    expect(rateErrors(values({ kind: "per_head", amount: "0", minimum: "500", maximum: "100" }), "INR")).toEqual({ maximum: "The most can't be below the least." });
  });

  it("starts from a saved rate in major units", () => {
    expect(rateValues({ kind: "per_head", amount: 20000, minimum: 0, maximum: null, share_percent: null }, "INR")).toEqual({
      kind: "per_head",
      amount: "200",
      minimum: "0",
      maximum: "",
      share_percent: "",
    });
    expect(rateValues(null, "INR")).toEqual(emptyRate());
  });
});
