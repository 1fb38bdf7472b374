/** The auth feature's own call: asking for a password-reset email. (Logging in, registering and setting the new
 *  password sign the person in, so they live with the session in lib/auth.jsx.) */
import { useApi } from "../../lib/auth.jsx";

/**
 * requestReset(email) → {message}: POST /auth/password-reset answers 202 whether or not an account uses the address
 * (so it tells nobody which addresses have accounts); if one does, a link to reset its password is emailed.
 * Throws ApiError: 400 validation_error (details.email), 429 too_many_requests (with retryAfter).
 */
export function useRequestPasswordReset() {
  const { main } = useApi();
  return (email) => main.post("/auth/password-reset", { email });
}
