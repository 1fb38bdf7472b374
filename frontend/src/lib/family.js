/** The signed-in guardian's children (GET /me/family/children), read by the account page, the booking dialog and the
 *  forms pages: who else a seat or a signature can be for. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useApi, useAuth } from "./auth.jsx";

// The consent's words come in the request's language: another language is another answer.
export const familyKeys = { children: (userId, language) => ["account", "family", userId, language], all: ["account", "family"] };

/** {items: [{id, name, date_of_birth, notes_for_teacher, consent}], consent: {version, wording, sha256}}, for a
 *  person's account (enabled: false when not wanted). */
export function useChildren({ enabled = true } = {}) {
  const { main } = useApi();
  const { user } = useAuth();
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: familyKeys.children(user?.id ?? null, i18n.language),
    queryFn: ({ signal }) => main.get("/me/family/children", { signal }),
    enabled: user?.role === "user" && enabled, // staff accounts have no family
  });
}

/** The children as the choosers list them: [{id, name}], none while they load or for anyone without a family. */
export const childrenOf = (query) => (query.data?.items ?? []).map(({ id, name }) => ({ id, name }));
