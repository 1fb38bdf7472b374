/** The guardian's family (GET/POST /me/family/children, DELETE /me/family/children/<id>) and inviting its second
 *  guardian (POST /me/family/invitations). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useApi, useAuth } from "../../lib/auth.jsx";

// The consent's words come in the request's language: another language is another answer.
export const familyKeys = { children: (userId, language) => ["account", "family", userId, language], all: ["account", "family"] };

/** {items: [{id, name, date_of_birth, notes_for_teacher, consent}], consent: {version, wording, sha256}}. */
export function useChildren() {
  const { main } = useApi();
  const { user } = useAuth();
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: familyKeys.children(user?.id ?? null, i18n.language),
    queryFn: ({ signal }) => main.get("/me/family/children", { signal }),
    enabled: Boolean(user),
  });
}

/** Add a child ({name, date_of_birth, notes_for_teacher, consent: true}); 400 names the fields. */
export function useAddChild() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (child) => main.post("/me/family/children", child),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

/** Delete a child's details; 409 dependent_booked while a seat ahead is held for them. */
export function useRemoveChild() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (childId) => main.delete(`/me/family/children/${childId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

/** Invite an address as the family's second guardian: {email, expires_in_seconds}. */
export function useInviteGuardian() {
  const { main } = useApi();
  return useMutation({ mutationFn: (email) => main.post("/me/family/invitations", { email }) });
}
