import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api-client.js";
import { addSiteError, sameSites, siteErrors, widgetSnippet } from "./embed-widget.js";

const SENT = ["https://lotus.example", "http://lotus.example", "ftp://x"];
const refusal = (details) => new ApiError({ status: 400, code: "validation_error", message: "The request is invalid.", details });

describe("widgetSnippet", () => {
  it("writes the timetable's tag, and one event's with its colours", () => {
    expect(widgetSnippet({ origin: "https://app.example", slug: "lotus-yoga" })).toBe('<script src="https://app.example/embed.js" data-studio="lotus-yoga" data-view="timetable"></script>');
    expect(widgetSnippet({ origin: "https://app.example", slug: "lotus-yoga", eventId: 42, theme: "light" })).toBe(
      '<script src="https://app.example/embed.js" data-studio="lotus-yoga" data-view="event" data-event="42" data-theme="light"></script>',
    );
  });

  it("quotes what would end an attribute", () => {
    expect(widgetSnippet({ origin: "https://app.example", slug: 'a"b&c' })).toContain('data-studio="a&quot;b&amp;c"');
  });
});

describe("addSiteError", () => {
  it("refuses nothing typed and an exact duplicate, and leaves the rest to the API", () => {
    expect(addSiteError("", SENT)).toMatch(/^Enter the site's address/);
    expect(addSiteError("https://lotus.example", SENT)).toBe("https://lotus.example is on the list already.");
    expect(addSiteError("https://LOTUS.example/", SENT)).toBeNull();
  });
});

describe("siteErrors", () => {
  it("puts each entry's messages by the site sent at its index", () => {
    const error = refusal({ embed_origins: { 1: ["Must be https (plain http only for localhost)."], 2: ["Not a web origin.", "Too long."] } });
    expect(siteErrors(error, SENT)).toEqual({ bySite: { "http://lotus.example": "Must be https (plain http only for localhost).", "ftp://x": "Not a web origin. Too long." }, list: null });
  });

  it("keeps the list's own messages, and an index it did not send, for the list", () => {
    expect(siteErrors(refusal({ embed_origins: ["Longer than maximum length 20."] }), SENT)).toEqual({ bySite: {}, list: "Longer than maximum length 20." });
    expect(siteErrors(refusal({ embed_origins: { 7: ["Bad."] } }), SENT)).toEqual({ bySite: {}, list: "Bad." });
  });

  it("takes the error's message when it names nothing (a network failure, a 403)", () => {
    const error = new ApiError({ status: 403, code: "forbidden", message: "You don't have access to this." });
    expect(siteErrors(error, SENT)).toEqual({ bySite: {}, list: "You don't have access to this." });
  });
});

describe("sameSites", () => {
  it("compares in order", () => {
    expect(sameSites(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameSites(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameSites(["a"], ["a", "b"])).toBe(false);
  });
});
