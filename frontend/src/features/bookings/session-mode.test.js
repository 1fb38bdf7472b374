import { describe, expect, it } from "vitest";
import { sessionModeText } from "./session-mode.js";

describe("sessionModeText", () => {
  it("names online and hybrid sessions, and says nothing of in-person ones", () => {
    expect(sessionModeText("online")).toBe("Online");
    expect(sessionModeText("hybrid")).toBe("Online and in person");
    expect(sessionModeText("in_person")).toBeNull();
    expect(sessionModeText(undefined)).toBeNull();
  });
});
