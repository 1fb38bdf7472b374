/** The signed-in account (GET /auth/me: name, email, role, reminder emails, phone and texts, and the private calendar
 *  feed's address), changing the name, the reminders, the phone or the texts (PATCH /auth/me), the WhatsApp opt-in
 *  (GET/PUT /auth/me/whatsapp), proving the phone with
 *  a texted code (POST /auth/me/phone/code, /auth/me/phone/verify), replacing the feed's address (POST /auth/calendar-feed),
 *  changing the password (POST /auth/password), and turning reminders off from an email's link without signing in. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useApi, useAuth } from "../../lib/auth.jsx";
import { t } from "../../lib/i18n.js";
import { saveBlob } from "../../lib/save-blob.js";

export const accountKeys = {
  all: ["account"],
  me: (userId) => ["account", "me", userId],
  whatsapp: ["account", "whatsapp"],
  // The opt-in's words come in the request's language: another language is another answer.
  whatsappOf: (userId, language) => ["account", "whatsapp", userId, language],
};

/** {id, name, other_name, birthday ("YYYY-MM-DD" or null), email, username, role, created_at, reminders_enabled,
 *  calendar_feed_url} of the signed-in account. */
export function useAccount() {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: accountKeys.me(user?.id ?? null),
    queryFn: ({ signal }) => main.get("/auth/me", { signal }),
    enabled: Boolean(user),
  });
}

/** A new feed address ({calendar_feed_url}); the old one stops working. The account shown takes the new one at once. */
export function useNewCalendarFeed() {
  const { main } = useApi();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => main.post("/auth/calendar-feed"),
    onSuccess: (answer) => {
      queryClient.setQueryData(accountKeys.me(user?.id ?? null), (account) => (account ? { ...account, calendar_feed_url: answer.calendar_feed_url } : account));
    },
  });
}

/**
 * A change to the account ({name}, {other_name}, {birthday}, {reminders_enabled}…) → the account as it is now, which the page
 * shows at once; a new name goes to the header too. Throws ApiError: 400 validation_error (details.name, …).
 */
export function useUpdateAccount() {
  const { main } = useApi();
  const { user, updateUser } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes) => main.patch("/auth/me", changes),
    onSuccess: (answer, changes) => {
      queryClient.setQueryData(accountKeys.me(user?.id ?? null), (account) => ({ ...account, ...answer }));
      if (answer?.name) updateUser({ name: answer.name });
      // A new number (or none) changes what WhatsApp can reach and the words of its opt-in.
      if ("phone" in changes) queryClient.invalidateQueries({ queryKey: accountKeys.whatsapp });
    },
  });
}

/**
 * Texts a one-time code to the account's number (POST /auth/me/phone/code) → {phone, expires_at}.
 * Throws ApiError: 409 no_phone, phone_verified or number_opted_out (the number replied STOP), 429 too_many_requests.
 */
export function useSendPhoneCode() {
  const { main } = useApi();
  return useMutation({ mutationFn: () => main.post("/auth/me/phone/code") });
}

/**
 * Proves the account's number with the texted code (POST /auth/me/phone/verify {code}) → the account, now with
 * phone_verified, which the page shows at once. Throws ApiError: 400 invalid_code (details.code) or code_ended.
 */
export function useVerifyPhone() {
  const { main } = useApi();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code) => main.post("/auth/me/phone/verify", { code }),
    onSuccess: (answer) => {
      queryClient.setQueryData(accountKeys.me(user?.id ?? null), (account) => ({ ...account, ...answer }));
      queryClient.invalidateQueries({ queryKey: accountKeys.whatsapp }); // a proved number lets WhatsApp be offered
    },
  });
}

/**
 * The person's WhatsApp opt-in (GET /auth/me/whatsapp): {opted_in, number, phone, phone_verified, stopped (the number
 * replied STOP), active, wording (the opt-in's words in the app's language; null without a phone), wording_language,
 * history}.
 */
export function useWhatsapp() {
  const { main } = useApi();
  const { user } = useAuth();
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: accountKeys.whatsappOf(user?.id ?? null, i18n.resolvedLanguage ?? "en"),
    queryFn: ({ signal }) => main.get("/auth/me/whatsapp", { signal }),
    enabled: Boolean(user),
  });
}

/**
 * Opts in ({opted_in: true, wording}: the words shown, exactly) or out ({opted_in: false}) from the account page
 * (PUT /auth/me/whatsapp, source "account") → the opt-in as it is now, shown at once. Throws ApiError: 400
 * validation_error (details.wording: not the words shown now), 409 no_phone.
 */
export function useChangeWhatsapp() {
  const { main } = useApi();
  const { user } = useAuth();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ opted_in, wording }) => main.put("/auth/me/whatsapp", opted_in ? { opted_in, source: "account", wording } : { opted_in, source: "account" }),
    onSuccess: (answer) => queryClient.setQueryData(accountKeys.whatsappOf(user?.id ?? null, i18n.resolvedLanguage ?? "en"), answer),
    // The words or the number may have changed since they were read: read them again.
    onError: () => queryClient.invalidateQueries({ queryKey: accountKeys.whatsapp }),
  });
}

/**
 * Turns reminder emails off with the token of a reminder's footer link (POST /auth/reminders/unsubscribe?token=…),
 * signed in or not → {reminders_enabled: false}. Throws ApiError: 400 invalid_token.
 */
export function useUnsubscribeReminders() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token) => main.post("/auth/reminders/unsubscribe", undefined, { params: { token } }),
    // Whoever is signed in here may be the account the link names: their account page reads it again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

/**
 * Stops every email to a guest's address with the token of a guest email's footer link
 * (POST /auth/guest-emails/unsubscribe?token=…), no account needed → {unsubscribed: true}. Throws ApiError: 400
 * invalid_token.
 */
export function useUnsubscribeGuestEmails() {
  const { main } = useApi();
  return useMutation({
    mutationFn: (token) => main.post("/auth/guest-emails/unsubscribe", undefined, { params: { token } }),
  });
}

/**
 * changePassword({current_password, new_password}) → the user. The server signs out every other session of the
 * account and answers with a new token for this one (the one sent is revoked too), which replaces the stored one.
 * Throws ApiError: 400 validation_error (details.current_password, details.new_password), 429 too_many_requests.
 */
export function useChangePassword() {
  const { main } = useApi();
  const { replaceToken } = useAuth();
  return async (passwords) => replaceToken(await main.post("/auth/password", passwords));
}

export const billingKeys = { mine: (userId) => ["account", "billing", userId] };

/** Whom the person's invoices are made out to (GET /me/billing): {name, tax_id, address_lines, city, postcode,
 *  state_code, country, updated_at}, or null when they saved none (404 billing_details_not_found). */
export function useBilling() {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: billingKeys.mine(user?.id ?? null),
    queryFn: async ({ signal }) => {
      try {
        return await main.get("/me/billing", { signal });
      } catch (error) {
        if (error.status === 404) return null;
        throw error;
      }
    },
    enabled: Boolean(user),
  });
}

/** Saves the billing details whole (PUT /me/billing) or forgets them (null: DELETE); the page shows the answer at
 *  once. Throws ApiError: 400 validation_error (details by field). */
export function useSaveBilling() {
  const { main } = useApi();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (details) => (details ? main.put("/me/billing", details) : main.delete("/me/billing").then(() => null)),
    onSuccess: (saved) => queryClient.setQueryData(billingKeys.mine(user?.id ?? null), saved),
  });
}

/** Erases the account (DELETE /me {password}) and forgets the session, with a notice on the next page. Throws
 *  ApiError: 400 validation_error (details.password), 409 erase_staff_account / erase_bookings_ahead /
 *  erase_membership_renews, 429 too many wrong passwords. */
export function useEraseAccount() {
  const { main } = useApi();
  const { forget } = useAuth();
  return useMutation({
    mutationFn: (password) => main.delete("/me", { password }),
    onSuccess: () => forget(t("account:delete.done")),
  });
}

/** Downloads all the account's data (GET /me/export) as my-data.json. Throws ApiError: 429 too many downloads,
 *  503 crm_unavailable (the studios' client books could not be read: no partial file). */
export function useDownloadMyData() {
  const { main } = useApi();
  return useMutation({ mutationFn: async () => saveBlob(await main.download("/me/export"), "my-data.json") });
}
