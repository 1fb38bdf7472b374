import { describe, expect, it } from "vitest";
import { eventModeText, sessionModeText } from "./session-mode.js";

describe("sessionModeText", () => {
  it("names online and hybrid sessions, and says nothing of in-person ones", () => {
    expect(sessionModeText("online")).toBe("Online");
    expect(sessionModeText("hybrid")).toBe("Online and in person");
    expect(sessionModeText("in_person")).toBeNull();
    expect(sessionModeText(undefined)).toBeNull();
  });
});

describe("eventModeText", () => {
  const at = (mode, status = "scheduled") => ({ mode, status });

  it("says Online when every session is, and nothing for an event held in person", () => {
    expect(eventModeText([at("online"), at("online")])).toBe("Online");
    expect(eventModeText([at("in_person"), at(undefined)])).toBeNull();
    expect(eventModeText([])).toBeNull();
  });

  it("says both when sessions differ or any is hybrid, leaving the cancelled ones out", () => {
    expect(eventModeText([at("online"), at("in_person")])).toBe("Online and in person");
    expect(eventModeText([at("hybrid")])).toBe("Online and in person");
    expect(eventModeText([at("online"), at("in_person", "cancelled")])).toBe("Online");
    expect(eventModeText([at("online", "cancelled")])).toBe("Online");
  });
});
