/** A client's WhatsApp consent at the desk, on the main API (/api/studios/<slug>/clients/<user_id>/whatsapp/consent):
 *  the words to read out in the client's language with their WhatsApp as it stands (GET), and their opt-in or
 *  opt-out recorded as said at the desk (PUT; clients.write). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

const keyOf = (slug, userId) => ["clients", slug, "whatsapp-consent", Number(userId)];
const pathOf = (slug, userId) => `/api/studios/${encodeURIComponent(slug)}/clients/${encodeURIComponent(userId)}/whatsapp/consent`;

/** {opted_in, stopped, number_hint, window_open, window_closes_at, can_answer, wording (null: no number),
 *  wording_language}, asked while enabled. */
export function useClientWhatsappConsent(userId, enabled) {
  const { main } = useApi();
  const slug = useStudio().studio?.slug ?? null;
  return useQuery({
    queryKey: keyOf(slug, userId),
    queryFn: ({ signal }) => main.get(pathOf(slug, userId), { signal }),
    enabled: enabled && slug !== null && userId != null,
  });
}

/** {opted_in, wording?} → the client's WhatsApp as it is now, kept beside the words already read. Throws ApiError:
 *  400 (words not the opt-in's), 404 person_not_found, 409 no_phone. */
export function useRecordClientWhatsapp(userId) {
  const { main } = useApi();
  const slug = useStudio().studio?.slug ?? null;
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change) => main.put(pathOf(slug, userId), change),
    onSuccess: (answer) => queryClient.setQueryData(keyOf(slug, userId), (before) => ({ ...before, ...answer })),
  });
}
