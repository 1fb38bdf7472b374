/** The signed-in session kept across reloads: {token, user, expiresAt} in localStorage. */
const KEY = "booking.session";

/** Seconds-since-epoch `exp` of a JWT, or null when it can't be read (the server still decides). */
export function tokenExpiry(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const { exp } = JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), "=")));
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function isExpired(session, now = Date.now()) {
  return Boolean(session?.expiresAt && session.expiresAt <= now);
}

export function readSession(storage = window.localStorage) {
  try {
    const session = JSON.parse(storage.getItem(KEY));
    return session?.token && session?.user ? session : null;
  } catch {
    return null;
  }
}

export function writeSession(session, storage = window.localStorage) {
  if (session) storage.setItem(KEY, JSON.stringify(session));
  else storage.removeItem(KEY);
}

/** Builds the stored session from a login/register answer {access_token, expires_in, user}. */
export function sessionFromAuth(answer, now = Date.now()) {
  const expiresAt = tokenExpiry(answer.access_token) ?? (answer.expires_in ? now + answer.expires_in * 1000 : null);
  return { token: answer.access_token, user: answer.user, expiresAt };
}
