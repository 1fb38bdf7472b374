import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client.js";
import { codeRefusalText, isCodeRefusal } from "./discount-codes.js";

const unknown = new ApiError({ status: 400, code: "validation_error", message: "Invalid input: code: The code 'X1' does not exist.", details: { code: ["The code 'X1' does not exist."] } });
const usedUp = new ApiError({ status: 409, code: "code_used_up", message: "The code 'X1' has been used up." });
const seats = new ApiError({ status: 400, code: "validation_error", message: "Invalid input: seats.", details: { seats: ["Too many."] } });

describe("discount code refusals", () => {
  it("knows the refusals of a code from the others", () => {
    expect(isCodeRefusal(unknown)).toBe(true);
    expect(isCodeRefusal(usedUp)).toBe(true);
    expect(isCodeRefusal(seats)).toBe(false);
    expect(isCodeRefusal(new ApiError({ status: 409, code: "session_full", message: "Full." }))).toBe(false);
    expect(isCodeRefusal(null)).toBe(false);
  });

  it("says why in the server's words, the sentence naming the code rather than the whole message", () => {
    expect(codeRefusalText(unknown)).toBe("The code 'X1' does not exist.");
    expect(codeRefusalText(usedUp)).toBe("The code 'X1' has been used up.");
    expect(codeRefusalText(new ApiError({ status: 0, code: "network_error", message: "" }))).toBe("The code couldn't be checked. Try again.");
  });
});
