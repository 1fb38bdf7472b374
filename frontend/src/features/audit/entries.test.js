import { describe, expect, it } from "vitest";
import { auditQuery, changeSummary, dayStart, kindName } from "./entries.js";

describe("audit entries", () => {
  it("says what changed", () => {
    expect(changeSummary({ role: "instructor" }, { role: "manager" })).toBe("role: Instructor → Manager");
    expect(changeSummary(null, { email: "a@example.com", role: "front_desk" })).toBe("email: a@example.com; role: Front desk");
    expect(changeSummary({ role: "manager" }, null)).toBe("role: Manager (removed)");
    expect(changeSummary({ name: "A", timezone: "UTC" }, { name: "B", timezone: "UTC" })).toBe("name: A → B");
    expect(changeSummary(null, null)).toBe("");
    expect(changeSummary(null, { amount: 300000, method: "cash" }, "INR")).toBe("amount: ₹3,000; method: cash");
    expect(changeSummary(null, { amount: 300000, currency: "INR" }, "GBP")).toBe("amount: ₹3,000; currency: INR");
  });

  it("reads ids in the words the entry was written with, and others as they are", () => {
    const labels = { session_id: { 12: "Morning Flow · 3 Dec 07:00" }, user_id: { 41: "Nisha Rao" } };
    const after = { session_id: 12, user_id: 41, use: "pass", pass_id: 70 };
    expect(changeSummary(null, after, "INR", labels)).toBe("session: Morning Flow · 3 Dec 07:00; person: Nisha Rao; use: pass; pass: 70");
    const moved = { instructor_id: { 9: "Ravi Iyer (instructor)", 12: "Asha Rao (manager)" } };
    expect(changeSummary({ instructor_id: 9 }, { instructor_id: 12 }, null, moved)).toBe("teacher: Ravi Iyer (instructor) → Asha Rao (manager)");
    // A session's change is recorded as {from, to}: both sides read as the names they had.
    expect(changeSummary(null, { instructor_id: { from: 9, to: 12 } }, null, moved)).toBe("teacher: Ravi Iyer (instructor) → Asha Rao (manager)");
  });

  it("says money, times, yes and no, methods and nested terms in words", () => {
    expect(changeSummary({ left: 59000 }, { left: 29500, currency: "INR" })).toBe("left to refund: ₹590 → ₹295; currency: INR");
    expect(changeSummary(null, { paid_at_door: true, method: "upi", amount: 50000 }, "INR")).toBe("paid at the door: yes; method: UPI; amount: ₹500");
    expect(changeSummary(null, { starts_at: "2031-03-25T04:30:00+00:00" }, null, null, "Asia/Kolkata")).toMatch(/^starts: .*2031.*10:00.*IST$/);
    expect(changeSummary(null, { rate: { kind: "flat", amount: 150000 } }, "INR")).toBe("rate: kind flat, amount ₹1,500");
  });

  it("names kinds, and keeps an unknown one as it is", () => {
    expect(kindName("pass.sold_at_desk")).toBe("Pass sold at the desk");
    expect(kindName("something.new")).toBe("something.new");
    expect(kindName("studio.whatsapp_changed")).toBe("WhatsApp number changed");
  });

  it("names a WhatsApp connection's number and token hint, never a secret", () => {
    const before = { phone_number_id: null, secrets_hint: null };
    const after = { phone_number_id: "106540352242922", secrets_hint: "…a1b2" };
    expect(changeSummary(before, after)).toMatch(/^WhatsApp number ID: .*106540352242922; access token: .*…a1b2$/);
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
