import { describe, expect, it } from "vitest";
import { importSessionKey, isGenuine, readCode, seatCode } from "./codes.js";
import { CODES, KEY_HEX, OTHER_SESSION_CODE } from "./test-fixtures.js";

describe("seat codes", () => {
  it("are the main API's codes: the first 40 bits of the HMAC in Crockford base32", async () => {
    const key = await importSessionKey(KEY_HEX);
    expect(await seatCode(key, 12, 345, 1)).toBe("9VSWMDJQ");
    expect(await seatCode(key, 12, 345, 2)).toBe("DT487ND5");
    expect(await seatCode(key, 12, 7, 1)).toBe("5TGCXPRW");
    expect(await seatCode(key, 12, 999999, 3)).toBe("G89RYY0F");
    expect(await seatCode(key, 13, 345, 1)).not.toBe("9VSWMDJQ"); // the session is part of what is signed
  });

  it("tells a genuine QR code from a forged one or another session's", async () => {
    const key = await importSessionKey(KEY_HEX);
    expect(await isGenuine(key, readCode(`CHK1:12:345:1:${CODES["345:1"]}`))).toBe(true);
    expect(await isGenuine(key, readCode(`CHK1:12:345:2:${CODES["345:1"]}`))).toBe(false); // another seat's code
    expect(await isGenuine(key, readCode("CHK1:12:345:1:9VSWMDJR"))).toBe(false); // one character changed
    // Session 13's genuine code, relabelled as session 12's, does not pass under session 12's key.
    expect(await isGenuine(key, readCode(`CHK1:12:345:1:${OTHER_SESSION_CODE}`))).toBe(false);
  });
});

describe("readCode", () => {
  it("reads a QR code's text", () => {
    expect(readCode(" chk1:12:345:2:dt487nd5 ")).toEqual({ kind: "qr", sessionId: 12, bookingId: 345, seat: 2, code: "DT487ND5" });
  });

  it("reads a typed code as the API does: any case, spaces and dashes dropped, O as 0, I and L as 1", () => {
    expect(readCode(" 9vsw-mdjq ")).toEqual({ kind: "short", code: "9VSWMDJQ" });
    expect(readCode("PRQ1 49OQ")).toEqual({ kind: "short", code: "PRQ1490Q" });
    expect(readCode("prqi49oq")).toEqual({ kind: "short", code: "PRQ1490Q" });
    expect(readCode("PRQL490Q")).toEqual({ kind: "short", code: "PRQ1490Q" });
  });

  it("refuses what is neither", () => {
    expect(readCode("")).toBeNull();
    expect(readCode("9VSWMDJ")).toBeNull(); // 7 characters
    expect(readCode("9VSWMDJQQ")).toBeNull();
    expect(readCode("9VSWMDJU")).toBeNull(); // U is not in the alphabet
    expect(readCode("CHK1:12:345:1:9VSWMDJ")).toBeNull();
    expect(readCode("https://example.com")).toBeNull();
  });
});
