import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { parsedMessage, parsedMessages } from "./parsed-messages.js";

describe("parsed messages", () => {
  it("keeps a message that is only text as its text", () => {
    expect(parsedMessage("Book a seat")).toBe("Book a seat");
    expect(parsedMessage("Don't miss it")).toBe("Don't miss it");
    expect(parsedMessage("")).toBe("");
  });

  it("gives any other message as the AST its formatter reads, with react-i18next's tags left in the text", () => {
    const seats = parsedMessage("{count, plural, one {# seat} other {# seats}} left");
    expect(Array.isArray(seats)).toBe(true);
    expect(new IntlMessageFormat(seats, "en-IN").format({ count: 2 })).toBe("2 seats left");
    expect(new IntlMessageFormat(parsedMessage("It''s <strong>{name}</strong>"), "en").format({ name: "Asha" })).toBe("It's <strong>Asha</strong>");
  });

  it("turns a catalogue file, and nothing else, into its parsed messages", () => {
    const { transform } = parsedMessages();
    const source = JSON.stringify({ a: { b: "Hi {name}" }, c: "Plain" });
    expect(JSON.parse(transform(source, "/app/src/locales/hi/common.json").code)).toEqual({ a: { b: [{ type: 0, value: "Hi " }, { type: 1, value: "name" }] }, c: "Plain" });
    expect(transform(source, "/app/src/data/list.json")).toBeNull();
  });
});
