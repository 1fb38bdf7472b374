import { describe, expect, it } from "vitest";
import { auditQuery, changeSummary, dayStart, kindName } from "./entries.js";

describe("audit entries", () => {
  it("says what changed", () => {
    expect(changeSummary({ role: "instructor" }, { role: "manager" })).toBe("role: instructor → manager");
    expect(changeSummary(null, { email: "a@example.com", role: "front_desk" })).toBe("email: a@example.com; role: front_desk");
    expect(changeSummary({ role: "manager" }, null)).toBe("role: manager (removed)");
    expect(changeSummary({ name: "A", timezone: "UTC" }, { name: "B", timezone: "UTC" })).toBe("name: A → B");
    expect(changeSummary(null, null)).toBe("");
    expect(changeSummary(null, { amount: 300000, method: "cash" }, "INR")).toBe("amount: ₹3,000; method: cash");
    expect(changeSummary(null, { amount: 300000, currency: "INR" }, "GBP")).toBe("amount: ₹3,000; currency: INR");
  });

  it("reads ids in the words the entry was written with, and others as they are", () => {
    const labels = { session_id: { 12: "Morning Flow · 3 Dec 07:00" }, user_id: { 41: "Nisha Rao" } };
    const after = { session_id: 12, user_id: 41, use: "pass", pass_id: 70 };
    expect(changeSummary(null, after, "INR", labels)).toBe("session: Morning Flow · 3 Dec 07:00; user: Nisha Rao; use: pass; pass_id: 70");
    const moved = { instructor_id: { 9: "Ravi Iyer (instructor)", 12: "Asha Rao (manager)" } };
    expect(changeSummary({ instructor_id: 9 }, { instructor_id: 12 }, null, moved)).toBe("instructor: Ravi Iyer (instructor) → Asha Rao (manager)");
  });

  it("names kinds, and keeps an unknown one as it is", () => {
    expect(kindName("pass.sold_at_desk")).toBe("Pass sold at the desk");
    expect(kindName("something.new")).toBe("something.new");
  });

  it("reads dates on the studio's clock, until taking its whole day", () => {
    expect(dayStart("2031-03-25", "Asia/Kolkata")).toBe("2031-03-24T18:30:00.000Z");
    expect(dayStart("nope", "Asia/Kolkata")).toBeNull();
    expect(auditQuery({ person: "9", kind: " member.joined ", since: "2031-03-01", until: "2031-03-31" }, "Asia/Kolkata")).toEqual({
      person: "9",
      kind: "member.joined",
      since: "2031-02-28T18:30:00.000Z",
      until: "2031-03-31T18:30:00.000Z",
    });
    expect(auditQuery({ person: "", kind: "", since: "", until: "" }, "UTC")).toEqual({});
  });
});
