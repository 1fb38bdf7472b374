import { describe, expect, it } from "vitest";
import { methodInSentence, methodName, METHODS } from "./payment-methods.js";

describe("payment methods", () => {
  it("offers UPI beside cash and the card terminal", () => {
    expect(METHODS.map((one) => one.value)).toEqual(["cash", "card_terminal", "upi"]);
    expect(methodName("upi")).toBe("UPI");
  });

  it("keeps an acronym's capitals inside a sentence", () => {
    expect(methodInSentence("upi")).toBe("UPI");
    expect(methodInSentence("card_terminal")).toBe("card terminal");
    expect(methodInSentence("cash")).toBe("cash");
  });
});
