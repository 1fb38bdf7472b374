import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "./i18n.js";
import { formatAmount, formatMoney, fractionDigits, isPaid, parseMajorUnits, taxNote, taxOn, toMajorUnitsText, withTax } from "./money.js";

describe("formatMoney", () => {
  it("reads minor units in the currency's own digits, whole amounts without them", () => {
    expect(formatMoney(4_500_000, "INR")).toBe("₹45,000");
    expect(formatMoney(80_000, "INR")).toBe("₹800");
    expect(formatMoney(4_500_050, "INR")).toBe("₹45,000.50");
    expect(formatMoney(1999, "USD")).toBe("$19.99");
    expect(formatMoney(1, "EUR")).toBe("€0.01");
  });

  it("says Free for 0, where formatAmount gives the amount", () => {
    expect(formatMoney(0, "INR")).toBe("Free");
    expect(formatAmount(0, "INR")).toBe("₹0");
  });

  it("knows that yen have no minor unit", () => {
    expect(fractionDigits("JPY")).toBe(0);
    expect(formatMoney(1500, "JPY")).toBe("¥1,500");
    expect(formatMoney(1, "JPY")).toBe("¥1");
  });

  it("writes an unknown code after the number, with 2 digits, and never throws", () => {
    expect(fractionDigits("XYZ")).toBe(2);
    expect(formatMoney(123_456, "XYZ")).toBe("1,234.56 XYZ");
    expect(formatMoney(123_400, "XYZ")).toBe("1,234 XYZ");
    expect(formatMoney(123_456, "not a code")).toBe("1,234.56 NOT A CODE");
    expect(formatMoney(500, "")).toBe("5");
    expect(formatMoney(500, undefined)).toBe("5");
  });

  it("takes a code in any case, and the locale when given", () => {
    expect(formatMoney(80_000, "inr")).toBe("₹800");
    expect(formatMoney(4_500_000, "INR", { locale: "en-IN" })).toBe("₹45,000");
    expect(formatMoney(1_000_000_000, "INR", { locale: "en-IN" })).toBe("₹1,00,00,000");
    expect(formatMoney(4_500_050, "EUR", { locale: "de-DE" })).toMatch(/^45\.000,50\s€$/);
  });

  it("gives nothing for what is not an amount", () => {
    expect(formatMoney(undefined, "INR")).toBe("");
    expect(formatMoney(null, "INR")).toBe("");
    expect(formatAmount(Number.NaN, "INR")).toBe("");
  });
});

describe("isPaid", () => {
  it("is true for a price above 0 only", () => {
    expect(isPaid({ price: 80_000 })).toBe(true);
    expect(isPaid({ price: 0 })).toBe(false);
    expect(isPaid({})).toBe(false);
    expect(isPaid(null)).toBe(false);
  });
});

describe("parseMajorUnits", () => {
  it.each([
    ["800", "INR", 80_000],
    ["45000.50", "INR", 4_500_050],
    ["45000.5", "INR", 4_500_050],
    [" 0.29 ", "USD", 29],
    [".5", "USD", 50],
    ["12.", "USD", 1200],
    ["007", "INR", 700],
    ["1500", "JPY", 1500],
    ["1500.00", "JPY", 1500],
    ["", "INR", 0],
    ["0", "INR", 0],
  ])("reads %j %s as %i minor units", (text, currency, amount) => {
    expect(parseMajorUnits(text, currency)).toEqual({ amount });
  });

  it.each([
    ["-5", "negative"],
    ["abc", "format"],
    ["45,000", "format"],
    [".", "format"],
    ["1e3", "format"],
    ["12.345", "decimals"],
  ])("refuses %j (%s)", (text, error) => {
    expect(parseMajorUnits(text, "INR")).toEqual({ error });
  });

  it("refuses decimals in a currency without a minor unit", () => {
    expect(parseMajorUnits("1500.5", "JPY")).toEqual({ error: "decimals" });
  });
});

describe("toMajorUnitsText", () => {
  it("gives back what one would type", () => {
    expect(toMajorUnitsText(80_000, "INR")).toBe("800");
    expect(toMajorUnitsText(4_500_050, "INR")).toBe("45000.50");
    expect(toMajorUnitsText(5, "USD")).toBe("0.05");
    expect(toMajorUnitsText(1500, "JPY")).toBe("1500");
    expect(toMajorUnitsText(0, "INR")).toBe("");
    expect(toMajorUnitsText(undefined, "INR")).toBe("");
  });
});

describe("a tax added to a price", () => {
  const gst = { name: "GST", rate: 1800 };

  it("rounds the tax half up once, as the server charges it", () => {
    expect(taxOn(100_000, gst)).toBe(18_000);
    expect(taxOn(25, gst)).toBe(5); // 4.5 → 5
    expect(taxOn(250_001, gst)).toBe(45_000); // 45,000.18 → 45,000
    expect(withTax(250_001, gst)).toBe(295_001);
    expect(withTax(100_000, null)).toBe(100_000);
    expect(taxOn(0, gst)).toBe(0);
  });

  it("names it after a price, or says nothing when there is none", () => {
    expect(taxNote(gst)).toBe("+ 18% GST");
    expect(taxNote({ name: "VAT", rate: 1950 })).toBe("+ 19.5% VAT");
    expect(taxNote(null)).toBe("");
  });
});

describe("money in the app's language", () => {
  afterEach(() => setLanguage("en", { remember: false }));

  it("groups rupees in lakhs in Hindi, as in Indian English", async () => {
    await setLanguage("hi");
    expect(formatAmount(10_000_000, "INR")).toBe("₹1,00,000");
    expect(formatMoney(0, "INR")).toBe("निःशुल्क");
    expect(formatAmount(10_000_000, "INR", { locale: "en-IN" })).toBe("₹1,00,000");
  });
});
