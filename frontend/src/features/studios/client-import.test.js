import { describe, expect, it } from "vitest";
import { checkSummary, importBody, importTally } from "./client-import.js";

describe("importBody", () => {
  it("sends the text alone until a choice is made", () => {
    expect(importBody("Email\na@example.com")).toEqual({ csv: "Email\na@example.com" });
  });

  it("sends the chosen source, the date order and the mapping without its empty choices", () => {
    const body = importBody("x", { source: "csv", dayFirst: false, mapping: { email: "Mail", phone: "" } });
    expect(body).toEqual({ csv: "x", source: "csv", day_first: false, mapping: { email: "Mail" } });
  });

  it("names a bookings file's kind, and leaves the default out", () => {
    expect(importBody("x", {}, "bookings")).toEqual({ csv: "x", kind: "bookings" });
    expect(importBody("x", {}, "clients")).toEqual({ csv: "x" });
  });
});

describe("the sentences", () => {
  it("counts a check", () => {
    expect(checkSummary({ rows_ok: 1, rows_total: 3, new_accounts: 1, passes: 0 })).toBe(
      "1 row of 3 can be imported: 1 new account, 0 pass balances.",
    );
  });

  it("counts a bookings file's check and tallies its seats", () => {
    const check = { kind: "bookings", rows_ok: 2, rows_total: 2, new_accounts: 0, bookings: 2 };
    expect(checkSummary(check)).toBe("2 rows of 2 can be imported: 0 new accounts, 2 bookings.");
    const job = { kind: "bookings", accounts_made: 0, clients_found: 1, bookings_made: 2, unchanged: 0, refused: 1 };
    expect(importTally(job)).toBe("0 accounts made, 1 client found, 2 seats booked, 1 row refused.");
  });

  it("tallies an import, naming unchanged and refused rows only when there are some", () => {
    const job = { accounts_made: 2, clients_found: 1, passes_opened: 1, unchanged: 0, refused: 0 };
    expect(importTally(job)).toBe("2 accounts made, 1 existing client added, 1 pass balance opened.");
    expect(importTally({ ...job, unchanged: 3, refused: 1 })).toMatch(/3 rows imported before, 1 row refused\.$/);
  });
});
