import { describe, expect, it } from "vitest";
import { formatSize, headerValue, shownHeaders, subjectOf } from "./mail-display.js";

describe("headerValue", () => {
  it("finds a header whatever the case of its name", () => {
    const headers = { "list-unsubscribe": "<https://main.test/auth/reminders/unsubscribe?token=t>", From: "a@example.com" };
    expect(headerValue(headers, "List-Unsubscribe")).toBe("<https://main.test/auth/reminders/unsubscribe?token=t>");
    expect(headerValue(headers, "from")).toBe("a@example.com");
    expect(headerValue(headers, "Reply-To")).toBeNull();
    expect(headerValue(undefined, "From")).toBeNull();
  });
});

describe("formatSize", () => {
  it("writes bytes, kilobytes and megabytes", () => {
    expect(formatSize(1)).toBe("1 byte");
    expect(formatSize(512)).toBe("512 bytes");
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(20 * 1024)).toBe("20 KB");
    expect(formatSize(2.5 * 1024 * 1024)).toBe("2.5 MB");
    expect(formatSize(undefined)).toBe("");
  });
});

describe("shownHeaders", () => {
  const message = { from: "Sessions & Retreats <bookings@localhost>", to: "asha@example.com", date: "2030-11-21T02:40:00+00:00", subject: " ", headers: {} };

  it("gives From, To, Date and Subject, with a stand-in for an empty subject", () => {
    expect(shownHeaders(message)).toEqual([
      ["From", "Sessions & Retreats <bookings@localhost>"],
      ["To", "asha@example.com"],
      ["Date", "2030-11-21T02:40:00+00:00"],
      ["Subject", "(no subject)"],
    ]);
    expect(subjectOf({ subject: "Reminder: Morning Vinyasa Flow" })).toBe("Reminder: Morning Vinyasa Flow");
  });

  it("adds List-Unsubscribe when the message has one", () => {
    const rows = shownHeaders({ ...message, headers: { "List-Unsubscribe": "<https://main.test/u?token=t>" } });
    expect(rows.at(-1)).toEqual(["List-Unsubscribe", "<https://main.test/u?token=t>"]);
  });
});
