/**
 * Check-in codes, read and checked in the browser as the main API does (services/common/checkin_codes.py): a seat's
 * short code is the first 40 bits of HMAC-SHA256(session key, "<session>:<booking>:<seat>") in Crockford base32, and
 * its QR code reads CHK1:<session>:<booking>:<seat>:<code>. With the session's key saved, a device checks a QR code
 * of a booking made after it saved the roster, and refuses a forged one, with no network.
 */

export const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 8;
const SCANNED = /^CHK1:(\d{1,12}):(\d{1,12}):(\d{1,3}):([0-9A-Z]{8})$/;
const READ_ALOUD = { O: "0", I: "1", L: "1" };

/**
 * What a scanned or typed text is: {kind: "qr", sessionId, bookingId, seat, code}, {kind: "short", code} (normalised:
 * upper case, no spaces or dashes, O as 0, I and L as 1), or null when it is neither.
 */
export function readCode(text) {
  const cleaned = String(text ?? "").trim().toUpperCase();
  const found = SCANNED.exec(cleaned);
  if (found) {
    const [, sessionId, bookingId, seat, code] = found;
    return { kind: "qr", sessionId: Number(sessionId), bookingId: Number(bookingId), seat: Number(seat), code };
  }
  const short = cleaned.replace(/[\s-]/g, "").replace(/[OIL]/g, (char) => READ_ALOUD[char]);
  if (short.length === CODE_LENGTH && [...short].every((char) => ALPHABET.includes(char))) return { kind: "short", code: short };
  return null;
}

function bytesOfHex(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

/** The session's key (hex, as the roster carries it) as a WebCrypto HMAC key. */
export function importSessionKey(hex) {
  return crypto.subtle.importKey("raw", bytesOfHex(hex), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/** A seat's short code under the session's key (a CryptoKey from importSessionKey). */
export async function seatCode(key, sessionId, bookingId, seat) {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${sessionId}:${bookingId}:${seat}`)));
  // 40 bits: more than a 32-bit integer holds, so BigInt.
  let number = 0n;
  for (const byte of mac.slice(0, 5)) number = (number << 8n) | BigInt(byte);
  let code = "";
  for (let shift = 35n; shift >= 0n; shift -= 5n) code += ALPHABET[Number((number >> shift) & 31n)];
  return code;
}

/** The scanned QR code's code is the MAC of what it names. (Timing does not matter here: the device holds the key.) */
export async function isGenuine(key, scanned) {
  return (await seatCode(key, scanned.sessionId, scanned.bookingId, scanned.seat)) === scanned.code;
}
