import { describe, expect, it } from "vitest";
import { formValues, settingsBody } from "./settings-form.js";

describe("settings form", () => {
  it("turns settings into text and back, the rate between percent and basis points", () => {
    const settings = {
      legal_name: "Yoga Haus GmbH", address_lines: ["Hauptstr. 1"], city: "Berlin", postcode: "10115", state: null, state_code: null,
      country: "DE", tax_id: "DE123456789", tax_name: "VAT", tax_rate: 1900, prices_include_tax: false, service_code: null,
      invoice_prefix: "RE-", credit_note_prefix: "GS-", tax_rates: [{ from: "2025-09-22", rate: 500 }], financial_year_series: true,
    };
    const values = formValues(settings);
    expect(values.tax_rate).toBe("19");
    expect(values.address).toBe("Hauptstr. 1");
    expect(values.tax_rates).toBe("2025-09-22 5");
    expect(settingsBody(values)).toEqual(settings);
  });

  it("sends a half percent as basis points and blank text as null", () => {
    const values = { ...formValues(null), tax_name: "GST", tax_rate: "2.5", legal_name: "  " };
    const body = settingsBody(values);
    expect(body.tax_rate).toBe(250);
    expect(body.legal_name).toBeNull();
    expect(body.invoice_prefix).toBe("INV-");
    expect(body.tax_rates).toEqual([]);
  });

  it("reads dated rates one a line, in percent, and keeps a bad one for the server to name", () => {
    const body = settingsBody({ ...formValues(null), tax_rates: "2025-09-22 5\n 2026-04-01  12% \n\nsoon 5" });
    expect(body.tax_rates).toEqual([
      { from: "2025-09-22", rate: 500 },
      { from: "2026-04-01", rate: 1200 },
      { from: "soon", rate: 500 },
    ]);
  });
});
