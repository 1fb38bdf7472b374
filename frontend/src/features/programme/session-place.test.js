import { describe, expect, it } from "vitest";
import { checkMode, modeChanges, modeRequest, modeValues, staffModeText } from "./session-place.js";

describe("session-place", () => {
  it("starts a new session in person with no link, and names each mode for the staff", () => {
    expect(modeValues()).toEqual({ mode: "in_person", video_url: "" });
    expect(modeValues({ mode: "online", video_url: "https://meet.jit.si/x" })).toEqual({ mode: "online", video_url: "https://meet.jit.si/x" });
    expect(["in_person", "online", "hybrid", undefined].map(staffModeText)).toEqual(["In person", "Online", "In person and online", "In person"]);
  });

  it("sends nothing for the default, and the mode with its link (trimmed) otherwise", () => {
    expect(modeRequest({ mode: "in_person", video_url: "https://zoom.us/j/1" })).toEqual({});
    expect(modeRequest({ mode: "online", video_url: " https://zoom.us/j/1 " })).toEqual({ mode: "online", video_url: "https://zoom.us/j/1" });
    expect(modeRequest({ mode: "hybrid", video_url: "" })).toEqual({ mode: "hybrid" });
  });

  it("sends only what changed; a link emptied, or dropped by going in person, is cleared with null", () => {
    const original = modeValues({ mode: "online", video_url: "https://zoom.us/j/1" });
    expect(modeChanges({ ...original }, original)).toEqual({});
    expect(modeChanges({ mode: "hybrid", video_url: "https://zoom.us/j/1" }, original)).toEqual({ mode: "hybrid" });
    expect(modeChanges({ mode: "online", video_url: "" }, original)).toEqual({ video_url: null });
    expect(modeChanges({ mode: "in_person", video_url: "https://zoom.us/j/1" }, original)).toEqual({ mode: "in_person", video_url: null });
  });

  it("wants a whole https address, and checks no link for an in-person session", () => {
    expect(checkMode({ mode: "online", video_url: "" })).toEqual({});
    expect(checkMode({ mode: "online", video_url: "https://meet.google.com/abc" })).toEqual({});
    expect(checkMode({ mode: "online", video_url: "http://meet.google.com/abc" }).video_url).toMatch(/https:\/\//);
    expect(checkMode({ mode: "hybrid", video_url: "meet.google.com/abc" }).video_url).toMatch(/https:\/\//);
    expect(checkMode({ mode: "in_person", video_url: "not a link" })).toEqual({});
  });
});
