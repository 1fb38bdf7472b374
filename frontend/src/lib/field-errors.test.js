import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client.js";
import { fieldErrorsFrom, splitFieldErrors } from "./field-errors.js";

const validation = (details) => new ApiError({ status: 400, code: "validation_error", message: "Invalid input.", details });

describe("fieldErrorsFrom", () => {
  it("joins nested paths with dots, like the server's nested marshmallow errors", () => {
    expect(
      fieldErrorsFrom(validation({ title: ["Too long.", "Really."], sessions: { 0: { capacity: ["Must be at least 1."] }, 2: { ends_at: ["Must be after starts_at."] } } })),
    ).toEqual({ title: "Too long. Really.", "sessions.0.capacity": "Must be at least 1.", "sessions.2.ends_at": "Must be after starts_at." });
  });

  it("keeps a list-level message on the list itself", () => {
    expect(fieldErrorsFrom(validation({ sessions: ["Length must be between 1 and 100."] }))).toEqual({ sessions: "Length must be between 1 and 100." });
  });

  it("takes a plain string as the message, and writes out what is neither string nor list", () => {
    expect(fieldErrorsFrom(validation({ name: "Required.", count: 3, items: [{ odd: true }] }))).toEqual({ name: "Required.", count: "3", items: '{"odd":true}' });
  });

  it("gives nothing for an error without details (a network failure, a plain Error, no error)", () => {
    expect(fieldErrorsFrom(new ApiError({ status: 0, code: "network_error", message: "Offline." }))).toEqual({});
    expect(fieldErrorsFrom(new Error("boom"))).toEqual({});
    expect(fieldErrorsFrom(null)).toEqual({});
  });
});

describe("splitFieldErrors", () => {
  it("splits known fields from the rest, the rest as sentences", () => {
    expect(splitFieldErrors({ capacity: "Too small.", body: "Give at least one field to change.", other: "Odd." }, ["capacity"])).toEqual({
      fields: { capacity: "Too small." },
      other: ["Give at least one field to change.", "other: Odd."],
    });
  });

  it("maps paths onto the form's own fields with a function", () => {
    const fieldOf = (path) => (["email", "username"].includes(path) ? "login" : path === "password" && path);
    expect(splitFieldErrors({ username: "Unknown.", password: "Too short.", captcha: "Missing." }, fieldOf)).toEqual({
      fields: { login: "Unknown.", password: "Too short." },
      other: ["captcha: Missing."],
    });
  });
});
