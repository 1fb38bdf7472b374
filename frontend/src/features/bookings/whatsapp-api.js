/** The person's WhatsApp opt-in as the booking dialog needs it (GET /auth/me/whatsapp, read under the account page's
 *  own key so either's answer serves the other), and what a booking request sends of it. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useApi, useAuth } from "../../lib/auth.jsx";

/** The account page's key for the same answer: a booking that opted in invalidates it. */
export const WHATSAPP_KEY = ["account", "whatsapp"];

/** {opted_in, phone_verified, stopped, wording (in the app's language), wording_language, ...}; asked only while
 *  enabled (the booking dialog is open for a person who books). */
export function useMyWhatsapp(enabled) {
  const { main } = useApi();
  const { user } = useAuth();
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...WHATSAPP_KEY, user?.id ?? null, i18n.resolvedLanguage ?? "en"],
    queryFn: ({ signal }) => main.get("/auth/me/whatsapp", { signal }),
    enabled: Boolean(user) && enabled,
    retry: false, // not offering the box is fine: the booking matters more
  });
}

/** Whether the dialog offers the box: a proved number, the words to show, no STOP from it, not opted in already. */
export const offersWhatsapp = (consent) => Boolean(consent && consent.phone_verified && consent.wording && !consent.stopped && !consent.opted_in);

/** The request's part: the flag and the words shown, when the box was ticked. */
export const whatsappRequest = (request) => (typeof request === "object" && request.whatsappWording ? { whatsapp_opt_in: true, whatsapp_wording: request.whatsappWording } : {});
