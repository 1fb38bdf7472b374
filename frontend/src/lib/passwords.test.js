import { describe, expect, it } from "vitest";
import { MIN_PASSWORD, passwordsDiffer, newPasswordProblem, repeatedPasswordProblem } from "./passwords.js";

describe("newPasswordProblem", () => {
  it("asks for a missing password, refuses a short one and accepts one of the minimum length", () => {
    expect(newPasswordProblem("", "Choose a password.")).toBe("Choose a password.");
    expect(newPasswordProblem("x".repeat(MIN_PASSWORD - 1), "Choose a password.")).toBe("Use at least 8 characters.");
    expect(newPasswordProblem("x".repeat(MIN_PASSWORD), "Choose a password.")).toBeNull();
  });
});

describe("repeatedPasswordProblem", () => {
  it("asks for the repeat, refuses a different one and accepts the same", () => {
    expect(repeatedPasswordProblem("a-new-secret", "")).toBe("Enter the new password again.");
    expect(repeatedPasswordProblem("a-new-secret", "a-new-secreT")).toBe(passwordsDiffer());
    expect(repeatedPasswordProblem("a-new-secret", "a-new-secret")).toBeNull();
  });
});
